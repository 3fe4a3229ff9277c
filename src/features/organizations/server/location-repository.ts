import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { locations, organizations } from "@/server/db/schema";
import type { LocationDto } from "../location-types";

const locationColumns = {
  id: locations.id,
  organizationId: locations.organizationId,
  name: locations.name,
  formattedAddress: locations.formattedAddress,
  googlePlaceId: locations.googlePlaceId,
  latitude: locations.latitude,
  longitude: locations.longitude,
  timeZone: locations.timeZone,
  countryCode: locations.countryCode,
  regionCode: locations.regionCode,
  phone: locations.phone,
  website: locations.website,
  openingHours: locations.openingHours,
  updatedAt: locations.updatedAt,
};

export type LocationValues = Omit<LocationDto, "id" | "organizationId" | "updatedAt">;

export async function findLocationsOfOrganization(db: DbExecutor, organizationId: string): Promise<LocationDto[]> {
  return db.select(locationColumns).from(locations).where(eq(locations.organizationId, organizationId)).orderBy(asc(locations.name), asc(locations.id));
}

/** The location when it belongs to the organization; null for another organization's location too. */
export async function findLocationOfOrganization(db: DbExecutor, organizationId: string, locationId: string): Promise<LocationDto | null> {
  const [row] = await db
    .select(locationColumns)
    .from(locations)
    .where(and(eq(locations.id, locationId), eq(locations.organizationId, organizationId)))
    .limit(1);
  return row ?? null;
}

export async function findLocationsByIds(db: DbExecutor, locationIds: string[]): Promise<LocationDto[]> {
  if (locationIds.length === 0) return [];
  return db.select(locationColumns).from(locations).where(inArray(locations.id, locationIds)).orderBy(asc(locations.name), asc(locations.id));
}

/**
 * Locks the organization row until the transaction ends: location writes of one organization run
 * one at a time, so two saves cannot both find a Google place unused and both take it.
 */
export async function lockOrganizationForLocations(db: DbExecutor, organizationId: string): Promise<void> {
  await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for("update");
}

export async function findLocationWithPlace(db: DbExecutor, organizationId: string, googlePlaceId: string, exceptLocationId?: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(
      and(
        eq(locations.organizationId, organizationId),
        eq(locations.googlePlaceId, googlePlaceId),
        ...(exceptLocationId ? [ne(locations.id, exceptLocationId)] : []),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function insertLocation(db: DbExecutor, organizationId: string, values: LocationValues): Promise<LocationDto> {
  const [row] = await db.insert(locations).values({ ...values, organizationId }).returning(locationColumns);
  return row!;
}

/** Updates the row in place: its id stays, so bookings, schedules and links keep pointing at it. */
export async function updateLocationRow(db: DbExecutor, organizationId: string, locationId: string, values: LocationValues): Promise<LocationDto | null> {
  const [row] = await db
    .update(locations)
    .set(values)
    .where(and(eq(locations.id, locationId), eq(locations.organizationId, organizationId)))
    .returning(locationColumns);
  return row ?? null;
}
