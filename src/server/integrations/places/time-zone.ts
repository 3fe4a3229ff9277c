import tzLookup from "@photostructure/tz-lookup";

import { AppError } from "@/lib/errors/app-error";

/**
 * The IANA time zone at a point, from a lookup table bundled with the app (no network call, no
 * Google Time Zone API quota). At sea it answers the nautical zone, e.g. "Etc/GMT+3".
 */
export function timeZoneAt(latitude: number, longitude: number): string {
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
    throw new AppError("VALIDATION", "Latitude must be a number from -90 to 90.", { fieldErrors: { latitude: ["must be from -90 to 90"] } });
  }
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
    throw new AppError("VALIDATION", "Longitude must be a number from -180 to 180.", { fieldErrors: { longitude: ["must be from -180 to 180"] } });
  }
  return tzLookup(latitude, longitude);
}
