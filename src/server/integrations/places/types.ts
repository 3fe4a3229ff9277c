/** A point on Earth in degrees (WGS 84). */
export interface LatLng {
  latitude: number;
  longitude: number;
}

/** A place as MedBookings uses it, whichever Google API found it. */
export interface PlaceSummary {
  placeId: string;
  /** The place's own name ("King's Cross", "Hudson Medical Midtown"), or the first line of its address. */
  name: string;
  formattedAddress: string;
  location: LatLng;
  /** Google's place types, e.g. ["neighborhood", "political"], ["postal_code"]. */
  types: string[];
  /** ISO 3166-1 alpha-2, e.g. "GB"; null when Google gives no country. */
  countryCode: string | null;
  /** The first-level division's short name: "England", "NY", "MH", "SA". */
  region: string | null;
  /** The town or city: "London", "New York", "Mumbai", "Glenelg". */
  locality: string | null;
  postalCode: string | null;
  /** IANA time zone at `location`, from the bundled lookup (no network). */
  timeZone: string;
}

/** A point of a week as Google gives it: day 0 is Sunday, in the place's own local time. */
export interface OpeningPoint {
  day: number;
  hour: number;
  minute: number;
}

/** One opening period; `close` null means open all the time (Google's 24/7 period). */
export interface OpeningPeriod {
  open: OpeningPoint;
  close: OpeningPoint | null;
}

export interface PlaceDetails extends PlaceSummary {
  /** The area the place covers, when Google gives one (a district's, a postcode's extent). */
  viewport: { low: LatLng; high: LatLng } | null;
  /** Phone (international format), website and regular opening periods: only with `contact: true`, null when Google has none. */
  phone: string | null;
  website: string | null;
  openingPeriods: OpeningPeriod[] | null;
}

export interface PlaceDetailsOptions {
  languageCode?: string;
  sessionToken?: string;
  /** Also ask for phone, website and opening hours (billed as Place Details Enterprise, so only when needed). */
  contact?: boolean;
}

/** One autocomplete suggestion: show `primaryText` and `secondaryText`, then ask for the details of `placeId`. */
export interface PlaceSuggestion {
  placeId: string;
  /** The whole suggestion on one line. */
  text: string;
  primaryText: string;
  secondaryText: string;
  types: string[];
  /** Straight-line distance from `near`, when one was given. */
  distanceMeters: number | null;
}

export interface SearchPlacesInput {
  text: string;
  /** Prefer places around this point (results elsewhere may still come). */
  near?: LatLng;
  /** Radius of the preferred circle around `near`, 1 to 50,000 m (Google's limit); default 20,000. */
  radiusMeters?: number;
  /** BCP-47 language for names, e.g. "en", "hi". */
  languageCode?: string;
  /** ISO 3166-1 alpha-2 country to prefer and format addresses for. */
  regionCode?: string;
  /** 1 to 20 (Google's page size); default 10. */
  maxResults?: number;
}

export interface AutocompleteInput {
  input: string;
  near?: LatLng;
  radiusMeters?: number;
  languageCode?: string;
  /** Only places in these countries (ISO 3166-1 alpha-2, at most 15). */
  regionCodes?: string[];
  /** Groups the keystrokes and the details call that ends them into one billed session. */
  sessionToken?: string;
}

export interface GeocodeOptions {
  /** Country to prefer when the address is ambiguous (ISO 3166-1 alpha-2). */
  regionCode?: string;
  languageCode?: string;
}
