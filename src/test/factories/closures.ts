/**
 * Builders for closures, holidays and the bookings they cover: a practice in Lisbon and one in
 * London, one provider working at both and online, and bookings placed directly.
 */
import type { Database, DbExecutor } from "@/server/db/client";
import { bookings, locationClosures } from "@/server/db/schema";
import {
  createLocation,
  createMembership,
  createOrganization,
  createPatient,
  createProvider,
  createUser,
  createWeeklyRules,
  linkProviderToOrganization,
} from "./index";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

/**
 * Weekdays: 09:00–12:00 in person in Lisbon (Europe/Lisbon, PT), 13:00–16:00 in person in
 * London (Europe/London, GB-ENG), 17:00–19:00 online (provider in Europe/Lisbon). One 30-minute
 * service bookable a year ahead with no notice.
 */
export async function createClosureWorld(db: Database) {
  const organization = await createOrganization(db, { name: "Atlantic Clinics" });
  const lisbon = await createLocation(db, {
    organizationId: organization.id,
    name: "Atlantic Lisbon",
    formattedAddress: "Avenida da Liberdade 1, 1250-096 Lisboa, Portugal",
    latitude: 38.7169,
    longitude: -9.1399,
    timeZone: "Europe/Lisbon",
    countryCode: "PT",
    regionCode: "PT-11",
  });
  const london = await createLocation(db, {
    organizationId: organization.id,
    name: "Atlantic London",
    timeZone: "Europe/London",
    countryCode: "GB",
    regionCode: "GB-ENG",
  });
  const { user: providerUser, provider, services } = await createProvider(db, {
    provider: { timeZone: "Europe/Lisbon" },
    services: [{ name: "Visit", durationMinutes: 30, slotStepMinutes: 30, minimumNoticeMinutes: 0, bookingHorizonDays: 365 }],
  });
  await linkProviderToOrganization(db, provider.id, organization.id);
  await createWeeklyRules(
    db,
    provider.id,
    WEEKDAYS.flatMap((weekday) => [
      { weekday, startMinute: 9 * 60, endMinute: 12 * 60, mode: "IN_PERSON" as const, locationId: lisbon.id },
      { weekday, startMinute: 13 * 60, endMinute: 16 * 60, mode: "IN_PERSON" as const, locationId: london.id },
      { weekday, startMinute: 17 * 60, endMinute: 19 * 60, mode: "ONLINE" as const, locationId: null },
    ]),
  );
  const patient = await createPatient(db, { user: { name: "Inês Patient" } });
  return { organization, lisbon, london, provider, providerUser, service: services[0]!, patient: patient.user };
}

export type ClosureWorld = Awaited<ReturnType<typeof createClosureWorld>>;

/** A member of the organization in a role. */
export async function createMember(db: DbExecutor, organizationId: string, role: "OWNER" | "ADMIN" | "MANAGER" | "STAFF") {
  const user = await createUser(db);
  await createMembership(db, { organizationId, userId: user.id, role });
  return user;
}

/** A booking placed directly (no hold), CONFIRMED unless told otherwise. */
export async function createBookingAt(
  db: DbExecutor,
  values: Partial<Insert<typeof bookings>> & { providerId: string; serviceId: string; patientUserId: string | null; startsAt: Date; minutes?: number; locationId: string | null },
) {
  const { minutes = 30, ...rest } = values;
  const endsAt = new Date(values.startsAt.getTime() + minutes * 60_000);
  const [row] = await db
    .insert(bookings)
    .values({
      mode: values.locationId ? "IN_PERSON" : "ONLINE",
      endsAt,
      blockedStartsAt: values.startsAt,
      blockedEndsAt: endsAt,
      status: "CONFIRMED",
      confirmedAt: new Date("2026-11-01T10:00:00Z"),
      patientTimeZone: "Europe/Lisbon",
      ...rest,
    })
    .returning();
  return row!;
}

export async function createClosure(db: DbExecutor, values: Insert<typeof locationClosures>) {
  const [row] = await db.insert(locationClosures).values(values).returning();
  return row!;
}
