"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDate, formatTime, zoneLabel } from "@/lib/time";
import { nextFreeHref } from "../next-free-link";
import type { ProviderSearchResult } from "../types";

/** Kilometres with one decimal, the same at every distance so a list compares at a glance: "0.6 km", "14.2 km". */
export function formatDistance(meters: number): string {
  return `${(meters / 1000).toFixed(1)} km`;
}

export interface ProviderSearchResultsProps {
  results: readonly ProviderSearchResult[];
  /** The zone the visitor reads times in; the visit's own zone is added when it differs. */
  timeZone: string;
  /** Days the next free time was looked for in, for the "nothing free" line. */
  windowDays: number;
  /** Id of the heading that names the list (e.g. "12 providers near King's Cross"). */
  labelledBy?: string;
}

/**
 * Search results as an accessible list: each item names the provider, where (location,
 * address, distance) or "online", and the next free time with an explicit time zone, which
 * books: it opens the provider page on that time.
 */
export function ProviderSearchResults({ results, timeZone, windowDays, labelledBy }: ProviderSearchResultsProps) {
  if (results.length === 0) {
    return <p role="status">No providers match. Try a wider radius, fewer filters or other words.</p>;
  }
  return (
    <ol aria-labelledby={labelledBy} className="space-y-3" data-testid="search-results">
      {results.map((result) => (
        <li key={result.provider.id}>
          <ResultCard result={result} timeZone={timeZone} windowDays={windowDays} />
        </li>
      ))}
    </ol>
  );
}

function ResultCard({ result, timeZone, windowDays }: { result: ProviderSearchResult; timeZone: string; windowDays: number }) {
  const { provider, location, nextAvailable } = result;
  const bookHref = nextFreeHref(result);
  return (
    <Card className="space-y-2 p-4">
      <h3 className="text-base font-semibold">
        <Link href={`/providers/${provider.slug}`} className="text-brand-700 hover:underline">
          {provider.displayName}
        </Link>
      </h3>
      {provider.specialties.length > 0 ? (
        <p className="flex flex-wrap gap-1">
          {provider.specialties.map((specialty) => (
            <Badge key={specialty.slug}>{specialty.name}</Badge>
          ))}
        </p>
      ) : null}
      {location ? (
        <p className="text-sm">
          <span className="font-medium">In person at {location.name}</span>
          {location.distanceMeters !== null ? <span> · {formatDistance(location.distanceMeters)} away</span> : null}
          <br />
          <span className="text-slate-600">{location.formattedAddress}</span>
        </p>
      ) : (
        <p className="text-sm font-medium">Online</p>
      )}
      <p className="text-sm" data-testid="next-free">
        {nextAvailable ? (
          <>
            Next free:{" "}
            {bookHref ? (
              <Link
                href={bookHref}
                className="inline-block rounded-md border border-brand-700 bg-brand-600 px-2 py-0.5 font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
              >
                Book <NextFreeTime startsAt={nextAvailable.startsAt} timeZone={timeZone} />
                <span className="sr-only"> with {provider.displayName}</span>
              </Link>
            ) : (
              <NextFreeTime startsAt={nextAvailable.startsAt} timeZone={timeZone} />
            )}{" "}
            <span className="text-slate-600">({zoneLabel(nextAvailable.startsAt, timeZone)})</span>
            {nextAvailable.timeZone !== timeZone ? (
              <span className="text-slate-600">
                {" "}
                · {formatTime(nextAvailable.startsAt, nextAvailable.timeZone)} local time in{" "}
                {nextAvailable.timeZone.replaceAll("_", " ")}
              </span>
            ) : null}
          </>
        ) : (
          <>No free time in the next {windowDays} days.</>
        )}
      </p>
    </Card>
  );
}

function NextFreeTime({ startsAt, timeZone }: { startsAt: Date; timeZone: string }) {
  return (
    <time dateTime={startsAt.toISOString()}>
      {formatDate(startsAt, timeZone)}, {formatTime(startsAt, timeZone)}
    </time>
  );
}
