import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { PlaceDetails, PlaceDetailsOptions } from "@/server/integrations/places/client";
import type { locationPlaceDetailsInput } from "../location-schemas";
import type { LocationFromPlaceDto } from "../location-types";
import { openingHoursFromGooglePeriods } from "../opening-hours";

export interface GetLocationPlaceDetailsOptions {
  input: z.output<typeof locationPlaceDetailsInput>;
  places: { placeDetails(placeId: string, options?: PlaceDetailsOptions): Promise<PlaceDetails> };
}

// Google's first-level division for the UK is the nation's name, not its ISO 3166-2 code.
const UK_NATIONS: Record<string, string> = { England: "ENG", Scotland: "SCT", Wales: "WLS", "Northern Ireland": "NIR" };

/** ISO 3166-2 from Google's country and first-level division ("NY" → "US-NY"); null when Google gives a name we cannot map. */
export function regionCodeFromPlace(countryCode: string | null, region: string | null): string | null {
  if (!countryCode || !region) return null;
  if (countryCode === "GB" && UK_NATIONS[region]) return `GB-${UK_NATIONS[region]}`;
  return /^[A-Z0-9]{1,3}$/.test(region) ? `${countryCode}-${region}` : null;
}

/**
 * A place picked in the server-backed search, as location fields: address, point, country and
 * region, phone, website and opening hours (in the place's local time), with the zone its
 * coordinates fall in. Nothing is saved: the admin checks the form and saves it.
 */
export async function getLocationPlaceDetails({ input, places }: GetLocationPlaceDetailsOptions): Promise<LocationFromPlaceDto> {
  let place: PlaceDetails;
  try {
    place = await places.placeDetails(input.placeId, { contact: true, ...(input.sessionToken ? { sessionToken: input.sessionToken } : {}) });
  } catch (error) {
    if (error instanceof AppError && error.code === "INTEGRATION_UNAVAILABLE") {
      const busy = error.details?.reason === "over_quota";
      const message = busy
        ? "Place search is busy right now. Try again in a minute, or type the address and coordinates yourself."
        : "Place search is unavailable right now. You can still type the address, coordinates and time zone yourself.";
      throw new AppError("INTEGRATION_UNAVAILABLE", message, { vendor: "google-maps", reason: error.details?.reason, retryable: error.isRetryable }, { cause: error });
    }
    throw error;
  }
  return {
    googlePlaceId: place.placeId,
    name: place.name,
    formattedAddress: place.formattedAddress,
    latitude: place.location.latitude,
    longitude: place.location.longitude,
    suggestedTimeZone: place.timeZone,
    countryCode: place.countryCode,
    regionCode: regionCodeFromPlace(place.countryCode, place.region),
    phone: place.phone,
    website: place.website,
    openingHours: openingHoursFromGooglePeriods(place.openingPeriods ?? []),
  };
}
