import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import { findLocationWithPlace } from "./location-repository";

/**
 * One Google place may be a location of several organizations (a shared building), but only once
 * in an organization: a second one would split its providers and bookings across two rows.
 * Call under lockOrganizationForLocations.
 */
export async function assertPlaceFreeInOrganization(db: DbExecutor, organizationId: string, googlePlaceId: string | null, exceptLocationId?: string): Promise<void> {
  if (googlePlaceId === null) return;
  const existing = await findLocationWithPlace(db, organizationId, googlePlaceId, exceptLocationId);
  if (existing) {
    const message = `This Google place is already your location "${existing.name}". Edit that location instead, or pick another place.`;
    throw new AppError("CONFLICT", message, { fieldErrors: { googlePlaceId: [message] }, locationId: existing.id });
  }
}
