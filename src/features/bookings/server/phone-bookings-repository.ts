import { and, asc, eq } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { bookings, locations, organizations, providerOrganizations, providers, services } from "@/server/db/schema";
import type { PhoneBookingOptionsDto } from "../phone-booking-types";

export async function findOrganizationForPhoneBooking(db: DbExecutor, organizationId: string) {
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name, status: organizations.status })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row ?? null;
}

/** The organization's providers with an ACTIVE link whose profile is APPROVED, with their active services. */
export async function findBookableProviders(db: DbExecutor, organizationId: string): Promise<PhoneBookingOptionsDto["providers"]> {
  const rows = await db
    .select({
      providerId: providers.id,
      displayName: providers.displayName,
      timeZone: providers.timeZone,
      service: {
        id: services.id,
        name: services.name,
        durationMinutes: services.durationMinutes,
        priceMinor: services.priceMinor,
        currency: services.currency,
        isOnline: services.isOnline,
        isInPerson: services.isInPerson,
        requiresApproval: services.requiresApproval,
        bookingHorizonDays: services.bookingHorizonDays,
      },
    })
    .from(providerOrganizations)
    .innerJoin(providers, eq(providers.id, providerOrganizations.providerId))
    .innerJoin(services, and(eq(services.providerId, providers.id), eq(services.isActive, true)))
    .where(and(eq(providerOrganizations.organizationId, organizationId), eq(providerOrganizations.status, "ACTIVE"), eq(providers.status, "APPROVED")))
    .orderBy(asc(providers.displayName), asc(providers.id), asc(services.name), asc(services.id));
  const byProvider = new Map<string, PhoneBookingOptionsDto["providers"][number]>();
  for (const row of rows) {
    const entry = byProvider.get(row.providerId) ?? { id: row.providerId, displayName: row.displayName, timeZone: row.timeZone, services: [] };
    entry.services.push(row.service);
    byProvider.set(row.providerId, entry);
  }
  return [...byProvider.values()];
}

export async function findOrganizationLocations(db: DbExecutor, organizationId: string): Promise<PhoneBookingOptionsDto["locations"]> {
  return db
    .select({
      id: locations.id,
      name: locations.name,
      formattedAddress: locations.formattedAddress,
      timeZone: locations.timeZone,
      countryCode: locations.countryCode,
    })
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .orderBy(asc(locations.name), asc(locations.id));
}

export async function hasActiveProviderLink(db: DbExecutor, organizationId: string, providerId: string): Promise<boolean> {
  const [row] = await db
    .select({ providerId: providerOrganizations.providerId })
    .from(providerOrganizations)
    .where(
      and(
        eq(providerOrganizations.organizationId, organizationId),
        eq(providerOrganizations.providerId, providerId),
        eq(providerOrganizations.status, "ACTIVE"),
      ),
    );
  return row !== undefined;
}

export async function isLocationOfOrganization(db: DbExecutor, organizationId: string, locationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.id, locationId), eq(locations.organizationId, organizationId)));
  return row !== undefined;
}

/** The provider and place of a hold: neither changes while it is a hold, so reading them unlocked is safe. */
export async function findHoldPlace(db: DbExecutor, holdId: string): Promise<{ providerId: string; locationId: string | null } | null> {
  const [row] = await db.select({ providerId: bookings.providerId, locationId: bookings.locationId }).from(bookings).where(eq(bookings.id, holdId));
  return row ?? null;
}
