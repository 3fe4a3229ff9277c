export type HolidayDecision = "PENDING" | "ACCEPTED" | "REJECTED";

export interface LocationHolidayDto {
  startDate: string;
  endDate: string;
  name: string;
  isSubstitute: boolean;
  decision: HolidayDecision;
  /** The closure row once decided (accepted or rejected), null while pending. */
  closureId: string | null;
}

export interface LocationHolidaysDto {
  locationId: string;
  year: number;
  timeZone: string;
  countryCode: string | null;
  regionCode: string | null;
  /** False when the location has no country, or the dataset does not know it: no holidays to offer. */
  isCountryKnown: boolean;
  /** False when the region is not in the dataset (the country's holidays are listed). */
  isRegionKnown: boolean;
  holidays: LocationHolidayDto[];
}

export interface ClosureDto {
  id: string;
  locationId: string;
  locationName: string;
  timeZone: string;
  startDate: string;
  endDate: string;
  name: string;
  source: "MANUAL" | "PUBLIC_HOLIDAY";
  accepted: boolean;
}

/** A closure just made (added, or a holiday accepted) and how many bookings it covers. */
export interface ClosureChangeDto {
  closures: (ClosureDto & { coveredBookingCount: number })[];
}
