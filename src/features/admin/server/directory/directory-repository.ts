import { and, asc, count, desc, eq, exists, gt, gte, ilike, isNull, lt, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { ERASED_EMAIL_DOMAIN } from "@/lib/erased-person";
import type { DbExecutor } from "@/server/db/client";
import {
  auditLog,
  bookings,
  locations,
  notificationPreferences,
  notifications,
  patientProfiles,
  providers,
  services,
  users,
} from "@/server/db/schema";
import type { BookingStatusValue, ProviderStatusValue } from "../../directory-types";
import { containsPattern, isUuid, phoneDigits } from "./search-text";

/** Holds are slots kept for a few minutes while someone fills the form: no patient, no record. */
const HOLD_STATUSES = ["HELD", "EXPIRED"] as const;

const patientUsers = alias(users, "patient_users");
const bookedByUsers = alias(users, "booked_by_users");
export const recipientUsers = alias(users, "recipient_users");

/** A column's digits only, for matching phone numbers however they were typed. */
const digitsOf = (column: SQL | typeof bookings.guestPhone) => sql`regexp_replace(coalesce(${column}, ''), '[^0-9]', '', 'g')`;

/** An instant as UTC ISO text with its full (microsecond) precision: a cursor key. */
export const instantKeyText = (column: AnyPgColumn) => sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// ---------------------------------------------------------------------------------------------
// Bookings

export interface BookingSearchFilter {
  query?: string;
  status?: BookingStatusValue;
  providerId?: string;
  from?: Date;
  to?: Date;
  after: { at: string; id: string } | null;
  limit: number;
}

/** Words match the patient (guest fields, account, profile) or the provider; an id matches the booking. */
function bookingQueryCondition(query: string): SQL | undefined {
  if (isUuid(query)) return eq(bookings.id, query);
  const pattern = containsPattern(query);
  const digits = phoneDigits(query);
  const patientMatches = [
    ilike(bookings.guestName, pattern),
    ilike(bookings.guestEmail, pattern),
    ilike(bookings.guestPhone, pattern),
    ilike(patientUsers.name, pattern),
    ilike(patientUsers.email, pattern),
    ilike(patientProfiles.fullName, pattern),
    ilike(patientProfiles.phone, pattern),
    ...(digits ? [sql`${digitsOf(bookings.guestPhone)} LIKE ${`%${digits}%`}`, sql`${digitsOf(sql`${patientProfiles.phone}`)} LIKE ${`%${digits}%`}`] : []),
  ];
  // An erased patient's booking is never found by what was their personal data.
  return or(ilike(providers.displayName, pattern), and(isNull(patientUsers.erasedAt), or(...patientMatches)));
}

export async function searchBookingRows(db: DbExecutor, filter: BookingSearchFilter) {
  const startsAtKey = instantKeyText(bookings.startsAt);
  return db
    .select({
      id: bookings.id,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      startsAtKey,
      status: bookings.status,
      providerId: providers.id,
      providerName: providers.displayName,
      providerTimeZone: providers.timeZone,
      serviceName: services.name,
      patientUserId: bookings.patientUserId,
      guestName: bookings.guestName,
      guestEmail: bookings.guestEmail,
      userName: patientUsers.name,
      userEmail: patientUsers.email,
      userErasedAt: patientUsers.erasedAt,
      profileName: patientProfiles.fullName,
    })
    .from(bookings)
    .innerJoin(providers, eq(providers.id, bookings.providerId))
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .leftJoin(patientUsers, eq(patientUsers.id, bookings.patientUserId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, bookings.patientUserId))
    .where(
      and(
        filter.status ? eq(bookings.status, filter.status) : notInArray(bookings.status, [...HOLD_STATUSES]),
        filter.providerId ? eq(bookings.providerId, filter.providerId) : undefined,
        filter.from ? gte(bookings.startsAt, filter.from) : undefined,
        filter.to ? lt(bookings.startsAt, filter.to) : undefined,
        filter.query ? bookingQueryCondition(filter.query) : undefined,
        filter.after
          ? or(
              lt(bookings.startsAt, sql`${filter.after.at}::timestamptz`),
              and(eq(bookings.startsAt, sql`${filter.after.at}::timestamptz`), lt(bookings.id, filter.after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(bookings.startsAt), desc(bookings.id))
    .limit(filter.limit);
}

export type BookingSearchRowData = Awaited<ReturnType<typeof searchBookingRows>>[number];

export async function findBookingRecordRow(db: DbExecutor, bookingId: string) {
  const [row] = await db
    .select({
      id: bookings.id,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      mode: bookings.mode,
      channel: bookings.channel,
      createdAt: bookings.createdAt,
      confirmedAt: bookings.confirmedAt,
      cancelledAt: bookings.cancelledAt,
      cancelledBy: bookings.cancelledBy,
      cancellationReason: bookings.cancellationReason,
      attendanceConfirmedAt: bookings.attendanceConfirmedAt,
      patientTimeZone: bookings.patientTimeZone,
      notes: bookings.notes,
      contactTakenByStaff: bookings.contactTakenByStaff,
      providerId: providers.id,
      providerName: providers.displayName,
      providerSlug: providers.slug,
      providerTimeZone: providers.timeZone,
      serviceId: services.id,
      serviceName: services.name,
      serviceDurationMinutes: services.durationMinutes,
      locationId: locations.id,
      locationName: locations.name,
      locationAddress: locations.formattedAddress,
      locationTimeZone: locations.timeZone,
      patientUserId: bookings.patientUserId,
      guestName: bookings.guestName,
      guestEmail: bookings.guestEmail,
      guestPhone: bookings.guestPhone,
      userName: patientUsers.name,
      userEmail: patientUsers.email,
      userErasedAt: patientUsers.erasedAt,
      profileName: patientProfiles.fullName,
      profilePhone: patientProfiles.phone,
      bookedById: bookedByUsers.id,
      bookedByName: bookedByUsers.name,
      bookedByEmail: bookedByUsers.email,
    })
    .from(bookings)
    .innerJoin(providers, eq(providers.id, bookings.providerId))
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .leftJoin(locations, eq(locations.id, bookings.locationId))
    .leftJoin(patientUsers, eq(patientUsers.id, bookings.patientUserId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, bookings.patientUserId))
    .leftJoin(bookedByUsers, eq(bookedByUsers.id, bookings.bookedByUserId))
    .where(eq(bookings.id, bookingId));
  return row ?? null;
}

/** The booking's lifecycle as the audit trail recorded it (not the reads of it), oldest first. */
export async function findBookingHistory(db: DbExecutor, bookingId: string) {
  return db
    .select({ action: auditLog.action, details: auditLog.details, occurredAt: auditLog.occurredAt })
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "booking"), eq(auditLog.subjectId, bookingId), ne(auditLog.action, "booking.record_read")))
    .orderBy(asc(auditLog.occurredAt), asc(auditLog.id));
}

/** A notification row with its recipient's erasure marker: what the admin lists map to DTOs. */
export const notificationColumns = {
  id: notifications.id,
  purpose: notifications.purpose,
  channel: notifications.channel,
  recipient: notifications.recipient,
  address: notifications.address,
  recipientErasedAt: recipientUsers.erasedAt,
  status: notifications.status,
  attempts: notifications.attempts,
  lastError: notifications.lastError,
  skipReason: notifications.skipReason,
  fallbackOf: notifications.fallbackOf,
  bookingId: notifications.bookingId,
  createdAt: notifications.createdAt,
  sentAt: notifications.sentAt,
  deliveredAt: notifications.deliveredAt,
  readAt: notifications.readAt,
  failedAt: notifications.failedAt,
};

/** Every notification about the booking, oldest first. */
export async function findBookingNotifications(db: DbExecutor, bookingId: string) {
  return db
    .select(notificationColumns)
    .from(notifications)
    .leftJoin(recipientUsers, eq(recipientUsers.id, notifications.recipientUserId))
    .where(eq(notifications.bookingId, bookingId))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
}

export type NotificationRowData = Awaited<ReturnType<typeof findBookingNotifications>>[number];

// ---------------------------------------------------------------------------------------------
// Providers

export interface ProviderSearchFilter {
  query?: string;
  status?: ProviderStatusValue;
  after: { name: string; id: string } | null;
  limit: number;
}

export async function searchProviderRows(db: DbExecutor, filter: ProviderSearchFilter) {
  const nameKey = sql<string>`lower(${providers.displayName})`;
  let queryCondition: SQL | undefined;
  if (filter.query && isUuid(filter.query)) {
    queryCondition = eq(providers.id, filter.query);
  } else if (filter.query) {
    const pattern = containsPattern(filter.query);
    queryCondition = or(
      ilike(providers.displayName, pattern),
      ilike(providers.slug, pattern),
      ilike(providers.registrationNumber, pattern),
      and(isNull(users.erasedAt), ilike(users.email, pattern)),
    );
  }
  return db
    .select({
      id: providers.id,
      displayName: providers.displayName,
      nameKey,
      slug: providers.slug,
      status: providers.status,
      email: users.email,
      erasedAt: users.erasedAt,
      registrationNumber: providers.registrationNumber,
      timeZone: providers.timeZone,
      submittedAt: providers.submittedAt,
      createdAt: providers.createdAt,
    })
    .from(providers)
    .innerJoin(users, eq(users.id, providers.userId))
    .where(
      and(
        filter.status ? eq(providers.status, filter.status) : undefined,
        queryCondition,
        filter.after ? or(gt(nameKey, filter.after.name), and(eq(nameKey, filter.after.name), gt(providers.id, filter.after.id))) : undefined,
      ),
    )
    .orderBy(asc(nameKey), asc(providers.id))
    .limit(filter.limit);
}

// ---------------------------------------------------------------------------------------------
// Patients

const activeBookingCount = sql<number>`(SELECT count(*)::int FROM ${bookings} WHERE ${bookings.patientUserId} = ${users.id} AND ${bookings.status} NOT IN ('HELD', 'EXPIRED'))`;

/** Signed-in patients: users with a patient profile or bookings as the patient. */
function isPatient(db: DbExecutor): SQL {
  return or(
    exists(db.select({ one: sql`1` }).from(patientProfiles).where(eq(patientProfiles.userId, users.id))),
    exists(db.select({ one: sql`1` }).from(bookings).where(eq(bookings.patientUserId, users.id))),
  )!;
}

function guestContactMatches(pattern: string, digits: string | null): SQL {
  return or(
    ilike(bookings.guestName, pattern),
    ilike(bookings.guestEmail, pattern),
    ilike(bookings.guestPhone, pattern),
    digits ? sql`${digitsOf(bookings.guestPhone)} LIKE ${`%${digits}%`}` : undefined,
  )!;
}

/**
 * Accounts matching a query, by lower-cased email (unique, so it is the whole cursor key). Words
 * match the name and email of the account, the profile's name and phone, and the contact details
 * the patient gave on their bookings; an id matches the user. Erased accounts are found by id only.
 */
export async function searchPatientAccountRows(db: DbExecutor, filter: { query: string; afterEmail: string | null; limit: number }) {
  const emailKey = sql<string>`lower(${users.email})`;
  let queryCondition: SQL | undefined;
  if (isUuid(filter.query)) {
    queryCondition = eq(users.id, filter.query);
  } else {
    const pattern = containsPattern(filter.query);
    const digits = phoneDigits(filter.query);
    queryCondition = and(
      isNull(users.erasedAt),
      or(
        ilike(users.name, pattern),
        ilike(users.email, pattern),
        ilike(patientProfiles.fullName, pattern),
        ilike(patientProfiles.phone, pattern),
        digits ? sql`${digitsOf(sql`${patientProfiles.phone}`)} LIKE ${`%${digits}%`}` : undefined,
        exists(
          db
            .select({ one: sql`1` })
            .from(bookings)
            .where(and(eq(bookings.patientUserId, users.id), guestContactMatches(pattern, digits))),
        ),
      ),
    );
  }
  return db
    .select({
      userId: users.id,
      emailKey,
      name: users.name,
      email: users.email,
      erasedAt: users.erasedAt,
      profileName: patientProfiles.fullName,
      profilePhone: patientProfiles.phone,
      bookingCount: activeBookingCount,
    })
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .where(and(isPatient(db), queryCondition, filter.afterEmail !== null ? gt(emailKey, filter.afterEmail) : undefined))
    .orderBy(asc(emailKey))
    .limit(filter.limit);
}

const guestEmailKey = sql<string>`lower(${bookings.guestEmail})`;
// Erased guests' bookings share a placeholder address: they are nobody's contact to group.
const guestBookings = and(
  isNull(bookings.patientUserId),
  sql`${bookings.guestEmail} IS NOT NULL`,
  notInArray(bookings.status, [...HOLD_STATUSES]),
  sql`lower(${bookings.guestEmail}) NOT LIKE ${`%@${ERASED_EMAIL_DOMAIN}`}`,
);

/** Guests (no account) matching a query, one row per lower-cased email, with the latest name and phone they gave. */
export async function searchGuestContactRows(db: DbExecutor, filter: { query: string; afterEmail: string | null; limit: number }) {
  if (isUuid(filter.query)) return [];
  const pattern = containsPattern(filter.query);
  return db
    .select({
      emailKey: guestEmailKey,
      name: sql<string>`(array_agg(${bookings.guestName} ORDER BY ${bookings.createdAt} DESC))[1]`,
      phone: sql<string | null>`(array_agg(${bookings.guestPhone} ORDER BY ${bookings.createdAt} DESC) FILTER (WHERE ${bookings.guestPhone} IS NOT NULL))[1]`,
      bookingCount: count(),
    })
    .from(bookings)
    .where(
      and(
        guestBookings,
        guestContactMatches(pattern, phoneDigits(filter.query)),
        filter.afterEmail !== null ? gt(guestEmailKey, filter.afterEmail) : undefined,
      ),
    )
    .groupBy(guestEmailKey)
    .orderBy(asc(guestEmailKey))
    .limit(filter.limit);
}

const patientBookingColumns = {
  id: bookings.id,
  startsAt: bookings.startsAt,
  status: bookings.status,
  providerName: providers.displayName,
  providerTimeZone: providers.timeZone,
  serviceName: services.name,
};

/** A guest's latest bookings (by start), for links from a search row. */
export async function findGuestBookings(db: DbExecutor, emailKey: string, limit: number) {
  return db
    .select(patientBookingColumns)
    .from(bookings)
    .innerJoin(providers, eq(providers.id, bookings.providerId))
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .where(and(guestBookings, eq(guestEmailKey, emailKey)))
    .orderBy(desc(bookings.startsAt), desc(bookings.id))
    .limit(limit);
}

export async function findPatientUser(db: DbExecutor, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerified: users.emailVerified,
      createdAt: users.createdAt,
      erasedAt: users.erasedAt,
      profileFullName: patientProfiles.fullName,
      profilePhone: patientProfiles.phone,
      profileLanguage: patientProfiles.preferredLanguage,
      profileTimeZone: patientProfiles.timeZone,
      prefsUserId: notificationPreferences.userId,
      emailEnabled: notificationPreferences.emailEnabled,
      whatsappEnabled: notificationPreferences.whatsappEnabled,
      smsEnabled: notificationPreferences.smsEnabled,
      quietStartMinute: notificationPreferences.quietStartMinute,
      quietEndMinute: notificationPreferences.quietEndMinute,
    })
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(eq(users.id, userId));
  return row ?? null;
}

/** The patient's bookings (not holds), latest start first, and how many there are. */
export async function findPatientBookings(db: DbExecutor, userId: string, limit: number) {
  const where = and(eq(bookings.patientUserId, userId), notInArray(bookings.status, [...HOLD_STATUSES]));
  const [rows, [total]] = await Promise.all([
    db
      .select(patientBookingColumns)
      .from(bookings)
      .innerJoin(providers, eq(providers.id, bookings.providerId))
      .innerJoin(services, eq(services.id, bookings.serviceId))
      .where(where)
      .orderBy(desc(bookings.startsAt), desc(bookings.id))
      .limit(limit),
    db.select({ n: count() }).from(bookings).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Notifications to the user, newest first, and how many there are. */
export async function findUserNotifications(db: DbExecutor, userId: string, limit: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select(notificationColumns)
      .from(notifications)
      .leftJoin(recipientUsers, eq(recipientUsers.id, notifications.recipientUserId))
      .where(eq(notifications.recipientUserId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit),
    db.select({ n: count() }).from(notifications).where(eq(notifications.recipientUserId, userId)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Whether the user has any booking as the patient (holds included: they name the user too). */
export async function hasPatientBookings(db: DbExecutor, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: bookings.id }).from(bookings).where(eq(bookings.patientUserId, userId)).limit(1);
  return row !== undefined;
}
