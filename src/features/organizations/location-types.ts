import type { OpeningHoursInterval } from "./opening-hours";

export interface LocationDto {
  id: string;
  organizationId: string;
  name: string;
  formattedAddress: string;
  googlePlaceId: string | null;
  latitude: number;
  longitude: number;
  /** IANA zone: the opening hours and every time at this location are in it. */
  timeZone: string;
  countryCode: string | null;
  regionCode: string | null;
  /** E.164. */
  phone: string | null;
  website: string | null;
  openingHours: OpeningHoursInterval[];
  updatedAt: Date;
}

/** A Google place as the fields of a location form, with the zone suggested by its coordinates. */
export interface LocationFromPlaceDto {
  googlePlaceId: string;
  name: string;
  formattedAddress: string;
  latitude: number;
  longitude: number;
  suggestedTimeZone: string;
  countryCode: string | null;
  regionCode: string | null;
  phone: string | null;
  website: string | null;
  openingHours: OpeningHoursInterval[];
}
