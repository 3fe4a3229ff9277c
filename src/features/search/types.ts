/** One search hit: public provider facts, where (and how far), and when they are next free. */
export interface ProviderSearchResult {
  provider: {
    id: string;
    slug: string;
    displayName: string;
    languages: string[];
    timeZone: string;
    specialties: { slug: string; name: string }[];
  };
  /** IN_PERSON at `location`, or ONLINE (no location, no distance). */
  mode: "IN_PERSON" | "ONLINE";
  location: {
    id: string;
    name: string;
    formattedAddress: string;
    timeZone: string;
    latitude: number;
    longitude: number;
    /** Great-circle distance from the searched point in whole metres; null without a point. */
    distanceMeters: number | null;
  } | null;
  /** Active services that match the search's service words and mode. */
  services: { id: string; name: string; durationMinutes: number; priceMinor: number; currency: string; isOnline: boolean; isInPerson: boolean }[];
  /**
   * The first bookable start of a matching service within the window, in this result's mode
   * (at its location when in person), or null when nothing is free in the window. `timeZone` is
   * where the visit happens: the location's, or the provider's for online visits.
   */
  nextAvailable: { startsAt: Date; endsAt: Date; serviceId: string; timeZone: string } | null;
}

export interface ProviderSearchPage {
  items: ProviderSearchResult[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  sort: "distance" | "soonest";
  /** The window next free times were looked for in: [from, to). */
  window: { from: Date; to: Date; days: number };
  /**
   * Ranking by soonest (or filtering by availableWithinDays) looks at the first
   * `rankedCandidates` matches in distance (or name) order; true when there were more.
   */
  isRankingCapped: boolean;
}
