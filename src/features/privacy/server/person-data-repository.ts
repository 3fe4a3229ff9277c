import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbExecutor } from "@/server/db/client";
import {
  accounts,
  auditLog,
  bookings,
  consentRecords,
  contactChannels,
  contactVerifications,
  documentTypes,
  locations,
  memberships,
  notificationPreferences,
  notifications,
  organizationInvitations,
  organizations,
  outboxEvents,
  patientProfiles,
  providerDocuments,
  providerSpecialties,
  providerTypes,
  providers,
  services,
  sessions,
  storedContactCards,
  users,
} from "@/server/db/schema";

/**
 * Reads of everything held about one person, for the export and for the erasure's scope. "Their
 * bookings" follows My bookings: made while signed in, or as a guest with the account's address
 * once that address is verified (Google verifies it at sign-in). Holds carry no patient.
 */

export type UserRow = typeof users.$inferSelect;

export async function findUser(db: DbExecutor, userId: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** The user row, locked until the transaction ends: erasure and a second erasure cannot interleave. */
export async function lockUser(db: DbExecutor, userId: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).for("update");
  return row ?? null;
}

/** The sign-in providers linked to the account, by name only (never the tokens). */
export async function listLinkedSignIns(db: DbExecutor, userId: string): Promise<{ provider: string; createdAt: Date }[]> {
  return db.select({ provider: accounts.provider, createdAt: accounts.createdAt }).from(accounts).where(eq(accounts.userId, userId)).orderBy(asc(accounts.createdAt));
}

export async function findPatientProfile(db: DbExecutor, userId: string) {
  const [row] = await db.select().from(patientProfiles).where(eq(patientProfiles.userId, userId));
  return row ?? null;
}

export async function findNotificationPreferences(db: DbExecutor, userId: string) {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return row ?? null;
}

const PATIENT_STATUSES = ["PENDING", "CONFIRMED", "DECLINED", "CANCELLED", "COMPLETED", "NO_SHOW"] as const;

function ownBookings(person: { userId: string; verifiedEmail: string | null }) {
  const mine = person.verifiedEmail
    ? or(eq(bookings.patientUserId, person.userId), and(isNull(bookings.patientUserId), sql`lower(${bookings.guestEmail}) = lower(${person.verifiedEmail})`))
    : eq(bookings.patientUserId, person.userId);
  return and(mine, inArray(bookings.status, [...PATIENT_STATUSES]));
}

/** The person's bookings with their provider, service and place, newest first. */
export async function listPersonBookings(db: DbExecutor, person: { userId: string; verifiedEmail: string | null }) {
  return db
    .select({
      id: bookings.id,
      patientUserId: bookings.patientUserId,
      channel: bookings.channel,
      status: bookings.status,
      mode: bookings.mode,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      patientTimeZone: bookings.patientTimeZone,
      guestName: bookings.guestName,
      guestEmail: bookings.guestEmail,
      guestPhone: bookings.guestPhone,
      notes: bookings.notes,
      createdAt: bookings.createdAt,
      confirmedAt: bookings.confirmedAt,
      cancelledAt: bookings.cancelledAt,
      cancelledBy: bookings.cancelledBy,
      cancellationReason: bookings.cancellationReason,
      attendanceConfirmedAt: bookings.attendanceConfirmedAt,
      providerName: providers.displayName,
      providerTimeZone: providers.timeZone,
      serviceName: services.name,
      serviceDurationMinutes: services.durationMinutes,
      servicePriceMinor: services.priceMinor,
      serviceCurrency: services.currency,
      locationName: locations.name,
      locationAddress: locations.formattedAddress,
      locationTimeZone: locations.timeZone,
    })
    .from(bookings)
    .innerJoin(providers, eq(providers.id, bookings.providerId))
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .leftJoin(locations, eq(locations.id, bookings.locationId))
    .where(ownBookings(person))
    .orderBy(desc(bookings.startsAt), asc(bookings.id));
}

export type PersonBookingRow = Awaited<ReturnType<typeof listPersonBookings>>[number];

/** The lifecycle events of the bookings (the outbox records every change someone was told about). */
export async function listBookingEvents(db: DbExecutor, bookingIds: readonly string[]) {
  if (bookingIds.length === 0) return [];
  return db
    .select({ bookingId: outboxEvents.aggregateId, type: outboxEvents.type, occurredAt: outboxEvents.occurredAt, payload: outboxEvents.payload })
    .from(outboxEvents)
    .where(and(eq(outboxEvents.aggregateType, "booking"), inArray(outboxEvents.aggregateId, [...bookingIds])))
    .orderBy(asc(outboxEvents.occurredAt), asc(outboxEvents.id));
}

/** The scope of one person's data in the tables that are not keyed by their user id. */
export interface PersonScope {
  userId: string;
  bookingIds: readonly string[];
  /** Lower-cased emails and E.164 phones: the account's, the profile's and those given on their bookings. */
  addresses: readonly string[];
}

/**
 * Messages to the person: addressed to their account, sent to the patient of one of their
 * bookings, or sent to one of their addresses (codes for holds that never became a booking,
 * invitations). Notices to providers are never theirs as a patient.
 */
export function messagesToPerson(person: PersonScope) {
  return or(
    eq(notifications.recipientUserId, person.userId),
    person.bookingIds.length > 0 ? and(eq(notifications.recipient, "PATIENT"), inArray(notifications.bookingId, [...person.bookingIds])) : undefined,
    person.addresses.length > 0 ? and(ne(notifications.recipient, "PROVIDER"), inArray(sql`lower(${notifications.address})`, [...person.addresses])) : undefined,
  );
}

/** Codes sent for the person's bookings, or to their addresses for holds that never became one; undefined when there is nothing to match. */
export function verificationsOfPerson(person: PersonScope) {
  return or(
    person.bookingIds.length > 0 ? inArray(contactVerifications.bookingId, [...person.bookingIds]) : undefined,
    person.addresses.length > 0 ? inArray(sql`lower(${contactVerifications.address})`, [...person.addresses]) : undefined,
  );
}

function consentsOfPerson(person: Pick<PersonScope, "userId" | "bookingIds">) {
  return or(eq(consentRecords.userId, person.userId), person.bookingIds.length > 0 ? inArray(consentRecords.bookingId, [...person.bookingIds]) : undefined);
}

/**
 * Audit rows about the person: their account or one of their bookings is the subject, a
 * provider's read named one of their bookings (`details.bookingIds`), or they acted.
 */
function auditAboutPerson(person: Pick<PersonScope, "userId" | "bookingIds">) {
  const ids = [...person.bookingIds];
  return or(
    and(eq(auditLog.subjectType, "user"), eq(auditLog.subjectId, person.userId)),
    eq(auditLog.actorUserId, person.userId),
    ids.length > 0 ? and(eq(auditLog.subjectType, "booking"), inArray(auditLog.subjectId, ids)) : undefined,
    ids.length > 0 ? sql`(jsonb_typeof(${auditLog.details} -> 'bookingIds') = 'array' AND (${auditLog.details} -> 'bookingIds') ?| ${toTextArray(ids)})` : undefined,
  );
}

function toTextArray(values: readonly string[]) {
  return sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

export async function listNotificationsTo(db: DbExecutor, person: PersonScope) {
  return db
    .select({
      id: notifications.id,
      purpose: notifications.purpose,
      channel: notifications.channel,
      status: notifications.status,
      address: notifications.address,
      bookingId: notifications.bookingId,
      skipReason: notifications.skipReason,
      createdAt: notifications.createdAt,
      sentAt: notifications.sentAt,
      deliveredAt: notifications.deliveredAt,
      readAt: notifications.readAt,
      failedAt: notifications.failedAt,
    })
    .from(notifications)
    .where(messagesToPerson(person))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
}

/** What we know about each of the addresses: opt-ins, opt-outs, delivery problems. */
export async function listContactChannels(db: DbExecutor, addresses: readonly string[]) {
  if (addresses.length === 0) return [];
  return db
    .select()
    .from(contactChannels)
    .where(inArray(sql`lower(${contactChannels.address})`, [...addresses]))
    .orderBy(asc(contactChannels.channel), asc(contactChannels.address));
}

/** Consent records of the account, and those of the guest bookings that are theirs. */
export async function listPersonConsents(db: DbExecutor, person: { userId: string; bookingIds: readonly string[] }) {
  return db
    .select({
      subject: consentRecords.subject,
      version: consentRecords.version,
      granted: consentRecords.granted,
      source: consentRecords.source,
      recordedAt: consentRecords.recordedAt,
      bookingId: consentRecords.bookingId,
      ipAddress: consentRecords.ipAddress,
    })
    .from(consentRecords)
    .where(consentsOfPerson(person))
    .orderBy(desc(consentRecords.recordedAt), desc(consentRecords.id));
}

const actors = alias(users, "audit_actors");
const actorProviders = alias(providers, "audit_actor_providers");

/** The audit rows about the person (see auditAboutPerson), with who acted as far as their role goes, never the actor's identity. */
export async function listAuditAbout(db: DbExecutor, person: Pick<PersonScope, "userId" | "bookingIds">) {
  return db
    .select({
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      occurredAt: auditLog.occurredAt,
      actorUserId: auditLog.actorUserId,
      actorRole: sql<string | null>`${auditLog.details} ->> 'actorRole'`,
      actorIsAdmin: sql<boolean>`coalesce(${actors.role} = 'ADMIN', false)`,
      actorIsProvider: sql<boolean>`${actorProviders.id} IS NOT NULL`,
      ipAddress: auditLog.ipAddress,
      userAgent: auditLog.userAgent,
    })
    .from(auditLog)
    .leftJoin(actors, eq(actors.id, auditLog.actorUserId))
    .leftJoin(actorProviders, eq(actorProviders.userId, auditLog.actorUserId))
    .where(auditAboutPerson(person))
    .orderBy(asc(auditLog.occurredAt), asc(auditLog.id));
}

const countOf = sql<number>`count(*)::int`;

/** How many rows erasure would remove, replace or keep (the preview's numbers). */
export async function countErasureScope(db: DbExecutor, person: PersonScope, email: string) {
  const n = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  const verifications = verificationsOfPerson(person);
  const cardSubjects = person.bookingIds.map((id) => `patient:${id}`);
  return {
    signInLinks: await n(db.select({ n: countOf }).from(accounts).where(eq(accounts.userId, person.userId))),
    sessions: await n(db.select({ n: countOf }).from(sessions).where(eq(sessions.userId, person.userId))),
    patientProfile: await n(db.select({ n: countOf }).from(patientProfiles).where(eq(patientProfiles.userId, person.userId))),
    notificationPreferences: await n(db.select({ n: countOf }).from(notificationPreferences).where(eq(notificationPreferences.userId, person.userId))),
    contactVerifications: verifications ? await n(db.select({ n: countOf }).from(contactVerifications).where(verifications)) : 0,
    contactChannels:
      person.addresses.length > 0 ? await n(db.select({ n: countOf }).from(contactChannels).where(inArray(sql`lower(${contactChannels.address})`, [...person.addresses]))) : 0,
    bookings: person.bookingIds.length,
    contactCards: cardSubjects.length > 0 ? await n(db.select({ n: countOf }).from(storedContactCards).where(inArray(storedContactCards.subject, cardSubjects))) : 0,
    notifications: await n(db.select({ n: countOf }).from(notifications).where(messagesToPerson(person))),
    memberships: await n(db.select({ n: countOf }).from(memberships).where(eq(memberships.userId, person.userId))),
    invitations: await n(db.select({ n: countOf }).from(organizationInvitations).where(eq(organizationInvitations.email, email.toLowerCase()))),
    consentRecords: await n(db.select({ n: countOf }).from(consentRecords).where(consentsOfPerson(person))),
    auditEntries: await n(db.select({ n: countOf }).from(auditLog).where(auditAboutPerson(person))),
  };
}

/** The provider profile of the user, if they have one. */
export async function findProviderProfile(db: DbExecutor, userId: string) {
  const [row] = await db.select().from(providers).where(eq(providers.userId, userId));
  return row ?? null;
}

export async function listProviderSpecialtyNames(db: DbExecutor, providerId: string): Promise<string[]> {
  const rows = await db
    .select({ name: providerTypes.name })
    .from(providerSpecialties)
    .innerJoin(providerTypes, eq(providerTypes.id, providerSpecialties.providerTypeId))
    .where(eq(providerSpecialties.providerId, providerId))
    .orderBy(asc(providerTypes.name));
  return rows.map((row) => row.name);
}

export async function listProviderServices(db: DbExecutor, providerId: string) {
  return db
    .select({ name: services.name, durationMinutes: services.durationMinutes, priceMinor: services.priceMinor, currency: services.currency, isActive: services.isActive })
    .from(services)
    .where(eq(services.providerId, providerId))
    .orderBy(asc(services.name));
}

/** Document metadata only: the file itself stays in the private store, and its path is not handed out. */
export async function listProviderDocuments(db: DbExecutor, providerId: string) {
  return db
    .select({
      type: documentTypes.name,
      fileName: providerDocuments.fileName,
      contentType: providerDocuments.contentType,
      sizeBytes: providerDocuments.sizeBytes,
      sha256: providerDocuments.sha256,
      status: providerDocuments.status,
      reviewReason: providerDocuments.reviewReason,
      uploadedAt: providerDocuments.createdAt,
      reviewedAt: providerDocuments.reviewedAt,
      supersededAt: providerDocuments.supersededAt,
    })
    .from(providerDocuments)
    .innerJoin(documentTypes, eq(documentTypes.id, providerDocuments.documentTypeId))
    .where(eq(providerDocuments.providerId, providerId))
    .orderBy(asc(providerDocuments.createdAt));
}

export async function listMemberships(db: DbExecutor, userId: string) {
  return db
    .select({ organizationId: organizations.id, organizationName: organizations.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
}

/** Invitations sent to the address (stored lower-cased). */
export async function listInvitationsTo(db: DbExecutor, email: string) {
  return db
    .select({
      organizationName: organizations.name,
      role: organizationInvitations.role,
      sentAt: organizationInvitations.createdAt,
      lastSentAt: organizationInvitations.lastSentAt,
      expiresAt: organizationInvitations.expiresAt,
      acceptedAt: organizationInvitations.acceptedAt,
      revokedAt: organizationInvitations.revokedAt,
    })
    .from(organizationInvitations)
    .innerJoin(organizations, eq(organizations.id, organizationInvitations.organizationId))
    .where(eq(organizationInvitations.email, email.toLowerCase()))
    .orderBy(asc(organizationInvitations.createdAt));
}

/** Organizations the user owns (erasure waits until someone else owns them). */
export async function listOwnedOrganizations(db: DbExecutor, userId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, "OWNER")))
    .orderBy(asc(organizations.name));
}

/** Bookings of the person that have not ended and are still on (erasure waits until they are cancelled). */
export async function listUpcomingBookings(db: DbExecutor, person: { userId: string; verifiedEmail: string | null }, now: Date) {
  return db
    .select({
      id: bookings.id,
      status: bookings.status,
      startsAt: bookings.startsAt,
      serviceName: services.name,
      providerName: providers.displayName,
      timeZone: sql<string>`coalesce(${locations.timeZone}, ${providers.timeZone})`,
    })
    .from(bookings)
    .innerJoin(providers, eq(providers.id, bookings.providerId))
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .leftJoin(locations, eq(locations.id, bookings.locationId))
    .where(and(ownBookings(person), inArray(bookings.status, ["PENDING", "CONFIRMED"]), sql`${bookings.endsAt} > ${now.toISOString()}::timestamptz`))
    .orderBy(asc(bookings.startsAt));
}
