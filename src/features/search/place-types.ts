/** One autocomplete suggestion for the place box. */
export interface PlaceSuggestionItem {
  placeId: string;
  /** "King's Cross" */
  primaryText: string;
  /** "London, UK" */
  secondaryText: string;
  /** From the visitor's position, when they shared it. */
  distanceMeters: number | null;
}

/** A picked place: where to search around, what to call it, and the clock there. */
export interface ResolvedPlace {
  placeId: string;
  /** A short name to show, e.g. "King's Cross". */
  label: string;
  formattedAddress: string;
  point: { latitude: number; longitude: number };
  /** IANA zone at the point. */
  timeZone: string;
}
