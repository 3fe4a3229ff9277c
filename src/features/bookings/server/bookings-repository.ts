import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { isErasedEmail } from "@/lib/erased-person";
import type { DbExecutor } from "@/server/db/client";
import { bookings, locations, patientProfiles, providers, services, users } from "@/server/db/schema";
import type { PatientBookingDto, ProviderBookingDto } from "../types";

export type BookingRow = typeof bookings.$inferSelect;
export type NewBookingRow = typeof bookings.$inferInsert;

/**
 * Serialises writes to one provider's time within a transaction. The exclusion constraint is
 * the guarantee against overlap; without this lock, concurrent overlapping inserts each wait
 * for the other's index entry and PostgreSQL breaks the cycle as a deadlock (40P01) a second
 * later, instead of answering SLOT_TAKEN at once.
 */
export async function lockProviderTime(db: DbExecutor, providerId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${providerId}, 42))`);
}

/**
 * Serialises hold counting for one client across providers. Always taken after the provider's
 * lock (never the other way round), so the two locks cannot deadlock.
 */
export async function lockClientHolds(db: DbExecutor, clientKey: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${clientKey}, 43))`);
}

/** Unexpired holds of one client: in total, and at one provider. */
export async function countActiveHoldsOfClient(
  db: DbExecutor,
  input: { clientKey: string; providerId: string; now: Date },
): Promise<{ total: number; atProvider: number }> {
  const result = await db.execute<{ total: number; at_provider: number }>(sql`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE provider_id = ${input.providerId})::int AS at_provider
    FROM bookings
    WHERE status = 'HELD' AND hold_client_key = ${input.clientKey} AND hold_expires_at > ${input.now.toISOString()}::timestamptz`);
  const row = result.rows[0];
  return { total: row?.total ?? 0, atProvider: row?.at_provider ?? 0 };
}

/**
 * Which provider's lock a booking needs, read without locking: a booking never changes
 * provider, so this is safe to read before taking the provider's lock and then the row's.
 */
export async function findBookingProvider(db: DbExecutor, id: string): Promise<{ id: string; providerId: string } | null> {
  const [row] = await db.select({ id: bookings.id, providerId: bookings.providerId }).from(bookings).where(eq(bookings.id, id));
  return row ?? null;
}

export async function findBookingProviderByManageTokenHash(db: DbExecutor, tokenHash: string): Promise<{ id: string; providerId: string } | null> {
  const [row] = await db
    .select({ id: bookings.id, providerId: bookings.providerId })
    .from(bookings)
    .where(eq(bookings.manageTokenHash, tokenHash));
  return row ?? null;
}

/** Holds whose time ran out are marked EXPIRED so the exclusion constraint frees their time. */
export async function expireStaleHolds(db: DbExecutor, providerId: string, now: Date): Promise<number> {
  const rows = await db
    .update(bookings)
    .set({ status: "EXPIRED" })
    .where(and(eq(bookings.providerId, providerId), eq(bookings.status, "HELD"), lt(bookings.holdExpiresAt, now)))
    .returning({ id: bookings.id });
  return rows.length;
}

export async function insertBooking(db: DbExecutor, row: NewBookingRow): Promise<BookingRow> {
  const [inserted] = await db.insert(bookings).values(row).returning();
  return inserted!;
}

export async function lockBookingById(db: DbExecutor, id: string): Promise<BookingRow | null> {
  const [row] = await db.select().from(bookings).where(eq(bookings.id, id)).for("update");
  return row ?? null;
}

export async function lockBookingByManageTokenHash(db: DbExecutor, tokenHash: string): Promise<BookingRow | null> {
  const [row] = await db.select().from(bookings).where(eq(bookings.manageTokenHash, tokenHash)).for("update");
  return row ?? null;
}

export async function findBookingIdByManageTokenHash(db: DbExecutor, tokenHash: string): Promise<string | null> {
  const [row] = await db.select({ id: bookings.id }).from(bookings).where(eq(bookings.manageTokenHash, tokenHash));
  return row?.id ?? null;
}

export async function updateBooking(db: DbExecutor, id: string, patch: Partial<NewBookingRow>): Promise<BookingRow> {
  const [row] = await db.update(bookings).set(patch).where(eq(bookings.id, id)).returning();
  return row!;
}

export async function findUserContact(db: DbExecutor, userId: string) {
  const [row] = await db
    .select({
      name: users.name,
      email: users.email,
      emailVerified: users.emailVerified,
      fullName: patientProfiles.fullName,
      phone: patientProfiles.phone,
    })
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .where(eq(users.id, userId));
  return row ?? null;
}

const patientBookingColumns = {
  id: bookings.id,
  status: bookings.status,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  mode: bookings.mode,
  notes: bookings.notes,
  cancellationReason: bookings.cancellationReason,
  providerId: providers.id,
  providerSlug: providers.slug,
  providerName: providers.displayName,
  providerTimeZone: providers.timeZone,
  cutoffMinutes: providers.cancellationCutoffMinutes,
  serviceId: services.id,
  serviceName: services.name,
  durationMinutes: services.durationMinutes,
  priceMinor: services.priceMinor,
  currency: services.currency,
  locationId: locations.id,
  locationName: locations.name,
  locationAddress: locations.formattedAddress,
  locationTimeZone: locations.timeZone,
};


function toPatientBooking(row: PatientBookingRow, now: Date): PatientBookingDto {
  const changeableUntil = new Date(row.startsAt.getTime() - row.cutoffMinutes * 60_000);
  return {
    id: row.id,
    status: row.status,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    mode: row.mode,
    notes: row.notes,
    cancellationReason: row.cancellationReason,
    provider: { id: row.providerId, slug: row.providerSlug, displayName: row.providerName, timeZone: row.providerTimeZone },
    service: {
      id: row.serviceId,
      name: row.serviceName,
      durationMinutes: row.durationMinutes,
      priceMinor: row.priceMinor,
      currency: row.currency,
    },
    location:
      row.locationId && row.locationName && row.locationAddress && row.locationTimeZone
        ? { id: row.locationId, name: row.locationName, formattedAddress: row.locationAddress, timeZone: row.locationTimeZone }
        : null,
    changeableUntil,
    canChange: (row.status === "PENDING" || row.status === "CONFIRMED") && now < changeableUntil,
  };
}

type PatientBookingRow = Awaited<ReturnType<typeof patientBookingQuery>>[number];

function patientBookingQuery(db: DbExecutor) {
  return db
    .select(patientBookingColumns)
    .from(bookings)
    .innerJoin(providers, eq(providers.id, bookings.providerId))
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .leftJoin(locations, eq(locations.id, bookings.locationId));
}

export async function findPatientBooking(db: DbExecutor, id: string, now: Date): Promise<PatientBookingDto | null> {
  const [row] = await patientBookingQuery(db).where(eq(bookings.id, id));
  return row ? toPatientBooking(row, now) : null;
}

/**
 * A patient's bookings: made while signed in, or as a guest with the same email address once
 * that address is verified (Google verifies it at sign-in).
 */
export async function findBookingsOfPatient(
  db: DbExecutor,
  patient: { userId: string; verifiedEmail: string | null },
  page: { offset: number; limit: number },
  now: Date,
): Promise<{ items: PatientBookingDto[]; total: number }> {
  const mine = patient.verifiedEmail
    ? or(
        eq(bookings.patientUserId, patient.userId),
        and(isNull(bookings.patientUserId), sql`lower(${bookings.guestEmail}) = lower(${patient.verifiedEmail})`),
      )
    : eq(bookings.patientUserId, patient.userId);
  const where = and(mine, inArray(bookings.status, ["PENDING", "CONFIRMED", "DECLINED", "CANCELLED", "COMPLETED", "NO_SHOW"]));
  const [rows, [total]] = await Promise.all([
    patientBookingQuery(db).where(where).orderBy(desc(bookings.startsAt)).offset(page.offset).limit(page.limit),
    db.select({ n: count() }).from(bookings).where(where),
  ]);
  return { items: rows.map((row) => toPatientBooking(row, now)), total: total?.n ?? 0 };
}

/** Whether this patient may act on the booking as its owner (see findBookingsOfPatient). */
export function isOwnedBy(row: BookingRow, patient: { userId: string; verifiedEmail: string | null }): boolean {
  if (row.patientUserId) return row.patientUserId === patient.userId;
  return Boolean(patient.verifiedEmail && row.guestEmail && row.guestEmail.toLowerCase() === patient.verifiedEmail.toLowerCase());
}

const bookedByUsers = alias(users, "booked_by_users");

export async function findProviderBookings(
  db: DbExecutor,
  providerId: string,
  filter: { from: Date; to: Date; statuses?: string[]; offset: number; limit: number },
): Promise<{ items: ProviderBookingDto[]; total: number }> {
  const statuses = (filter.statuses ?? ["PENDING", "CONFIRMED", "DECLINED", "CANCELLED", "COMPLETED", "NO_SHOW"]) as BookingRow["status"][];
  const where = and(
    eq(bookings.providerId, providerId),
    inArray(bookings.status, statuses),
    gte(bookings.startsAt, filter.from),
    lt(bookings.startsAt, filter.to),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: bookings.id,
        status: bookings.status,
        startsAt: bookings.startsAt,
        endsAt: bookings.endsAt,
        mode: bookings.mode,
        notes: bookings.notes,
        cancellationReason: bookings.cancellationReason,
        serviceId: services.id,
        serviceName: services.name,
        locationId: locations.id,
        locationName: locations.name,
        locationTimeZone: locations.timeZone,
        guestName: bookings.guestName,
        guestEmail: bookings.guestEmail,
        guestPhone: bookings.guestPhone,
        patientUserId: bookings.patientUserId,
        userName: users.name,
        userEmail: users.email,
        profileName: patientProfiles.fullName,
        profilePhone: patientProfiles.phone,
        channel: bookings.channel,
        contactTakenByStaff: bookings.contactTakenByStaff,
        bookedById: bookedByUsers.id,
        bookedByName: bookedByUsers.name,
        bookedByEmail: bookedByUsers.email,
      })
      .from(bookings)
      .innerJoin(services, eq(services.id, bookings.serviceId))
      .leftJoin(locations, eq(locations.id, bookings.locationId))
      .leftJoin(users, eq(users.id, bookings.patientUserId))
      .leftJoin(patientProfiles, eq(patientProfiles.userId, bookings.patientUserId))
      .leftJoin(bookedByUsers, eq(bookedByUsers.id, bookings.bookedByUserId))
      .where(where)
      .orderBy(asc(bookings.startsAt))
      .offset(filter.offset)
      .limit(filter.limit),
    db.select({ n: count() }).from(bookings).where(where),
  ]);
  return {
    total: total?.n ?? 0,
    items: rows.map((row) => ({
      id: row.id,
      status: row.status,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      mode: row.mode,
      notes: row.notes,
      cancellationReason: row.cancellationReason,
      service: { id: row.serviceId, name: row.serviceName },
      location:
        row.locationId && row.locationName && row.locationTimeZone
          ? { id: row.locationId, name: row.locationName, timeZone: row.locationTimeZone }
          : null,
      patient: {
        name: row.guestName ?? row.profileName ?? row.userName ?? "Patient",
        // An erased patient's booking keeps only placeholders: no address to show or write to.
        email: isErasedEmail(row.guestEmail ?? row.userEmail) ? null : (row.guestEmail ?? row.userEmail),
        phone: row.guestPhone ?? row.profilePhone,
        isGuest: row.patientUserId === null,
      },
      channel: row.channel,
      bookedBy: row.bookedById ? { name: row.bookedByName ?? row.bookedByEmail ?? "A staff member" } : null,
      contactTakenByStaff: row.contactTakenByStaff,
    })),
  };
}

export async function findProviderCutoff(db: DbExecutor, providerId: string): Promise<number> {
  const [row] = await db
    .select({ cutoff: providers.cancellationCutoffMinutes })
    .from(providers)
    .where(eq(providers.id, providerId));
  return row?.cutoff ?? 0;
}
