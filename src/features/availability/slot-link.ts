import { z } from "zod";
import { instantSchema } from "@/lib/input-schemas";
import { bookingModeSchema, type BookingMode } from "./schemas";

/**
 * A link to one free time of a provider's service, as search results hand it to the provider
 * page: `?service=<uuid>&mode=IN_PERSON&location=<uuid>&start=<ISO instant>`. The page only
 * preselects what it names; the visitor still chooses (and so holds) the time themselves.
 */
export interface SlotLink {
  serviceId: string;
  mode: BookingMode;
  /** The practice of an in-person visit; null online. */
  locationId: string | null;
  startsAt: Date;
}

/** What of a link the provider page can use: the service alone, or the service and one time. */
export interface SlotLinkRequest {
  serviceId: string;
  slot: { startsAt: Date; mode: BookingMode; locationId: string | null } | null;
}

export const SLOT_LINK_PARAMS = { service: "service", mode: "mode", location: "location", start: "start" } as const;

const serviceParam = z.uuid("service must be a service id");

const slotParams = z
  .object({
    mode: bookingModeSchema,
    location: z.uuid("location must be a location id").optional(),
    // Only the written ISO form: Date's own parser also reads "12" or "March 3" as instants.
    start: z.iso.datetime({ offset: true, error: "start must be an ISO 8601 instant, like 2027-01-19T09:00:00Z" }),
  })
  .superRefine((value, ctx) => {
    const instant = instantSchema("start").safeParse(value.start);
    if (!instant.success) {
      for (const issue of instant.error.issues) ctx.addIssue({ code: "custom", path: ["start"], message: issue.message });
    }
    if (value.mode === "IN_PERSON" && !value.location) {
      ctx.addIssue({ code: "custom", path: ["location"], message: "An in-person time needs its location." });
    }
    if (value.mode === "ONLINE" && value.location) {
      ctx.addIssue({ code: "custom", path: ["location"], message: "An online time has no location." });
    }
  });

/** The query string (with its "?") of a link to one free time. */
export function slotLinkQuery(link: SlotLink): string {
  const query = new URLSearchParams({ [SLOT_LINK_PARAMS.service]: link.serviceId, [SLOT_LINK_PARAMS.mode]: link.mode });
  if (link.locationId) query.set(SLOT_LINK_PARAMS.location, link.locationId);
  query.set(SLOT_LINK_PARAMS.start, link.startsAt.toISOString());
  return `?${query.toString()}`;
}

type QueryValues = Record<string, string | string[] | undefined>;

/**
 * Reads a link's query. A page's query is anyone's to edit, so nothing here throws: a malformed
 * service gives null, a malformed time keeps the service and drops the time, repeated
 * parameters count as malformed.
 */
export function parseSlotLink(query: QueryValues): SlotLinkRequest | null {
  const service = serviceParam.safeParse(query[SLOT_LINK_PARAMS.service]);
  if (!service.success) return null;
  const slot = slotParams.safeParse({
    mode: query[SLOT_LINK_PARAMS.mode],
    location: query[SLOT_LINK_PARAMS.location],
    start: query[SLOT_LINK_PARAMS.start],
  });
  return {
    serviceId: service.data,
    slot: slot.success ? { startsAt: new Date(slot.data.start), mode: slot.data.mode, locationId: slot.data.location ?? null } : null,
  };
}

/**
 * Keeps what the provider actually offers: the service must be one of theirs, the mode one the
 * service is offered in, and an in-person time at one of their locations. Anything else is
 * dropped, never an error: an old or edited link still opens a working page.
 */
export function matchSlotLink(
  request: SlotLinkRequest | null,
  provider: {
    services: readonly { id: string; isOnline: boolean; isInPerson: boolean }[];
    locations: readonly { id: string }[];
  },
): SlotLinkRequest | null {
  if (!request) return null;
  const service = provider.services.find((s) => s.id === request.serviceId);
  if (!service) return null;
  const { slot } = request;
  const isOffered =
    slot !== null &&
    (slot.mode === "ONLINE" ? service.isOnline : service.isInPerson && provider.locations.some((l) => l.id === slot.locationId));
  return { serviceId: service.id, slot: isOffered ? slot : null };
}
