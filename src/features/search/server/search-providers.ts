import { LRUCache } from "lru-cache";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { MS_PER_DAY } from "@/lib/time";
import type { DbExecutor } from "@/server/db/client";
import { placeDetails, type PlacesService } from "@/server/integrations/places/client";
import { SEARCH_DEFAULT_WINDOW_DAYS, type SearchPoint, type searchProvidersInput } from "../schemas";
import type { ProviderSearchPage, ProviderSearchResult } from "../types";
import { forVisitor } from "./place-search-errors";
import { findNextFreeTimes, type NextFree } from "./find-next-free-times";
import { findSearchCandidates, specialtyExists, type Candidate } from "./search-repository";

/**
 * Ranking by soonest, or keeping only those free within N days, needs every candidate's next
 * free time; it is computed for this many of the matches (nearest first, or by name without a
 * point), which keeps one search's cost bounded however many providers match.
 */
export const MAX_RANKED_CANDIDATES = 200;

/**
 * The points of place ids searched around, kept an hour: a visitor paging or changing filters
 * searches the same place again, and each lookup is a billed Places API call. (Google's terms
 * let an app keep a place's coordinates for up to 30 days; ids never change meaning.)
 */
const placePoints = new LRUCache<string, SearchPoint>({ max: 5000, ttl: 60 * 60 * 1000 });

export interface SearchProvidersOptions {
  db: DbExecutor;
  input: z.output<typeof searchProvidersInput>;
  now: Date;
  /** Resolves `input.placeId` to the point searched around; Google's Places API, cached, unless given. */
  places?: Pick<PlacesService, "placeDetails">;
}

/**
 * Public search by place: approved providers near a point (or anywhere), filtered like the
 * directory, each with its nearest matching location and next free time by the slot engine.
 * Sorting by distance pages in SQL and computes next free times for that page only.
 */
export async function searchProviders({ db, input: given, now, places }: SearchProvidersOptions): Promise<ProviderSearchPage> {
  const input = given.placeId ? { ...given, near: await pointOfPlace(places, given.placeId) } : given;
  if (input.specialty && !(await specialtyExists(db, input.specialty))) {
    // The message does not repeat what was typed: a refusal is no place to echo input that may
    // be someone's personal data (the API fuzz sends patient details into every text field).
    throw new AppError("VALIDATION", "There is no such specialty. Choose one from the list of specialties.", {
      fieldErrors: { specialty: ["Unknown specialty: choose one from the list of specialties."] },
    });
  }
  const sort = input.sort ?? (input.near && input.mode !== "ONLINE" ? "distance" : "soonest");
  const days = input.availableWithinDays ?? SEARCH_DEFAULT_WINDOW_DAYS;
  const from = now;
  const to = new Date(now.getTime() + days * MS_PER_DAY);
  const { page, pageSize } = input;
  const filter = {
    near: input.near,
    radiusKm: input.radiusKm,
    query: input.q || undefined,
    specialty: input.specialty || undefined,
    service: input.service || undefined,
    language: input.language,
    mode: input.mode,
    today: new Date(now.getTime() - MS_PER_DAY).toISOString().slice(0, 10),
  };
  const pageOf = (items: ProviderSearchResult[], total: number, isRankingCapped: boolean): ProviderSearchPage => ({
    items,
    page,
    pageSize,
    total,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    sort,
    window: { from, to, days },
    isRankingCapped,
  });

  if (sort === "distance" && input.availableWithinDays === undefined) {
    const { items, total } = await findSearchCandidates(db, { ...filter, offset: (page - 1) * pageSize, limit: pageSize });
    const times = await findNextFreeTimes({ db, requests: items.map(requestOf), service: filter.service, from, to, now });
    return pageOf(toResults(items, times), total, false);
  }

  const { items: ranked, total: matched } = await findSearchCandidates(db, { ...filter, offset: 0, limit: MAX_RANKED_CANDIDATES });
  // Soonest first without a window filter: only this page and those before it need their time.
  const enough = sort === "soonest" && input.availableWithinDays === undefined ? page * pageSize : undefined;
  const times = await findNextFreeTimes({ db, requests: ranked.map(requestOf), service: filter.service, from, to, now, enough });
  let kept = ranked;
  if (input.availableWithinDays !== undefined) kept = kept.filter((c) => times.nextFree.get(c.providerId));
  if (sort === "soonest") {
    // Stable: equal times (and the never-free, last) keep the distance or name order.
    const startOf = (c: Candidate) => times.nextFree.get(c.providerId)?.startsAt ?? Infinity;
    kept = kept.map((candidate, index) => ({ candidate, index })).sort((a, b) => startOf(a.candidate) - startOf(b.candidate) || a.index - b.index).map((x) => x.candidate);
  }
  const pageItems = kept.slice((page - 1) * pageSize, page * pageSize);
  return pageOf(toResults(pageItems, times), kept.length, matched > ranked.length);
}

function requestOf(candidate: Candidate) {
  return {
    providerId: candidate.providerId,
    mode: candidate.location ? ("IN_PERSON" as const) : ("ONLINE" as const),
    locationId: candidate.location?.id ?? null,
  };
}

function toResults(
  candidates: readonly Candidate[],
  times: Awaited<ReturnType<typeof findNextFreeTimes>>,
): ProviderSearchResult[] {
  return candidates.flatMap((candidate) => {
    const inputs = times.inputs.get(candidate.providerId);
    // Gone between the two reads (suspended, say): leave it out rather than show half a result.
    if (!inputs) return [];
    const mode = candidate.location ? "IN_PERSON" : "ONLINE";
    const next: NextFree | null = times.nextFree.get(candidate.providerId) ?? null;
    const location = candidate.location;
    return [
      {
        provider: {
          id: inputs.providerId,
          slug: inputs.slug,
          displayName: inputs.displayName,
          languages: inputs.languages,
          timeZone: inputs.timeZone,
          specialties: inputs.specialties,
        },
        mode,
        location: location
          ? {
              id: location.id,
              name: location.name,
              formattedAddress: location.formattedAddress,
              timeZone: location.timeZone,
              latitude: location.latitude,
              longitude: location.longitude,
              distanceMeters: location.distanceKm === null ? null : Math.round(location.distanceKm * 1000),
            }
          : null,
        services: inputs.services
          .filter((s) => (mode === "IN_PERSON" ? s.isInPerson : s.isOnline))
          .map(({ id, name, durationMinutes, priceMinor, currency, isOnline, isInPerson }) => ({
            id,
            name,
            durationMinutes,
            priceMinor,
            currency,
            isOnline,
            isInPerson,
          })),
        nextAvailable: next
          ? {
              startsAt: new Date(next.startsAt),
              endsAt: new Date(next.endsAt),
              serviceId: next.serviceId,
              timeZone: location ? location.timeZone : inputs.timeZone,
            }
          : null,
      } satisfies ProviderSearchResult,
    ];
  });
}

async function pointOfPlace(given: Pick<PlacesService, "placeDetails"> | undefined, placeId: string): Promise<SearchPoint> {
  const cached = given ? undefined : placePoints.get(placeId);
  if (cached) return cached;
  try {
    const { latitude, longitude } = (await (given ?? { placeDetails }).placeDetails(placeId)).location;
    const point = { latitude, longitude };
    if (!given) placePoints.set(placeId, point);
    return point;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      throw new AppError("VALIDATION", "This place could not be found. Pick it again from the suggestions.", { fieldErrors: { placeId: ["Unknown place: pick it again from the suggestions."] } });
    }
    throw forVisitor(error);
  }
}
