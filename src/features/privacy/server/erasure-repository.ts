import { eq, inArray, sql } from "drizzle-orm";
import { ERASED_ADDRESS, ERASED_GUEST_EMAIL, ERASED_PATIENT_NAME, erasedAccountEmail } from "@/lib/erased-person";
import type { DbExecutor } from "@/server/db/client";
import {
  accounts,
  bookings,
  contactChannels,
  contactVerifications,
  memberships,
  notificationPreferences,
  notifications,
  organizationInvitations,
  patientProfiles,
  sessions,
  storedContactCards,
  users,
  verificationTokens,
} from "@/server/db/schema";
import { messagesToPerson, verificationsOfPerson, type PersonScope } from "./person-data-repository";

/**
 * The writes of an erasure (see erase-account.ts for the rule). Each returns how many rows it
 * touched; all run in the caller's transaction.
 */

const affected = (result: { rowCount: number | null }) => result.rowCount ?? 0;

/** The account row stays (bookings, consent records and the audit trail point at it), without anything that identifies the person. */
export async function pseudonymiseUser(db: DbExecutor, userId: string, now: Date): Promise<void> {
  await db
    .update(users)
    .set({ name: null, email: erasedAccountEmail(userId), emailVerified: null, image: null, erasedAt: now, updatedAt: now })
    .where(eq(users.id, userId));
}

export async function deleteAccounts(db: DbExecutor, userId: string): Promise<number> {
  return affected(await db.delete(accounts).where(eq(accounts.userId, userId)));
}

export async function deleteSessions(db: DbExecutor, userId: string): Promise<number> {
  return affected(await db.delete(sessions).where(eq(sessions.userId, userId)));
}

/** Sign-in links by email, should any be outstanding for the address. */
export async function deleteVerificationTokens(db: DbExecutor, email: string): Promise<number> {
  return affected(await db.delete(verificationTokens).where(sql`lower(${verificationTokens.identifier}) = lower(${email})`));
}

export async function deletePatientProfile(db: DbExecutor, userId: string): Promise<number> {
  return affected(await db.delete(patientProfiles).where(eq(patientProfiles.userId, userId)));
}

export async function deleteNotificationPreferences(db: DbExecutor, userId: string): Promise<number> {
  return affected(await db.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId)));
}

export async function deleteContactVerifications(db: DbExecutor, person: PersonScope): Promise<number> {
  const where = verificationsOfPerson(person);
  if (!where) return 0;
  return affected(await db.delete(contactVerifications).where(where));
}

export async function deleteContactChannels(db: DbExecutor, addresses: readonly string[]): Promise<number> {
  if (addresses.length === 0) return 0;
  return affected(await db.delete(contactChannels).where(inArray(sql`lower(${contactChannels.address})`, [...addresses])));
}

/**
 * The bookings stay as the provider's record of the appointment (time, provider, service,
 * status, mode, place, who booked on the phone); what identifies or describes the patient goes:
 * contact details, notes, their time zone, a reason they gave for cancelling, and the manage
 * link (a bearer credential of theirs). A signed-in booking keeps pointing at the pseudonymised
 * account; a guest booking must keep a name and an email (bookings_has_patient), so it gets the
 * shared placeholders.
 */
export async function minimiseBookings(db: DbExecutor, bookingIds: readonly string[], now: Date): Promise<number> {
  if (bookingIds.length === 0) return 0;
  return affected(
    await db
      .update(bookings)
      .set({
        guestName: ERASED_PATIENT_NAME,
        guestEmail: sql`CASE WHEN ${bookings.patientUserId} IS NULL THEN ${ERASED_GUEST_EMAIL} ELSE NULL END`,
        guestPhone: null,
        notes: "",
        patientTimeZone: null,
        cancellationReason: sql`CASE WHEN ${bookings.cancelledBy} = 'PATIENT' THEN NULL ELSE ${bookings.cancellationReason} END`,
        manageTokenHash: null,
        manageTokenNonce: null,
        updatedAt: now,
      })
      .where(inArray(bookings.id, [...bookingIds])),
  );
}

/**
 * The patients' contact cards of the bookings. Only the rows go here: the daily contact-cards
 * purge deletes blobs no row points at (an outside call cannot be part of this transaction).
 */
export async function deletePatientContactCards(db: DbExecutor, bookingIds: readonly string[]): Promise<number> {
  if (bookingIds.length === 0) return 0;
  const subjects = bookingIds.map((id) => `patient:${id}`);
  return affected(await db.delete(storedContactCards).where(inArray(storedContactCards.subject, subjects)));
}

/**
 * Messages to the person keep their purpose, channel, status and times (the provider's and our
 * delivery record) without the address; one still waiting to be sent is skipped instead.
 */
export async function eraseNotificationAddresses(db: DbExecutor, person: PersonScope, now: Date): Promise<number> {
  return affected(
    await db
      .update(notifications)
      .set({
        address: ERASED_ADDRESS,
        status: sql`CASE WHEN ${notifications.status} = 'PENDING' THEN 'SKIPPED'::notification_status ELSE ${notifications.status} END`,
        skipReason: sql`CASE WHEN ${notifications.status} = 'PENDING' THEN 'recipient erased their data' ELSE ${notifications.skipReason} END`,
        updatedAt: now,
      })
      .where(messagesToPerson(person)),
  );
}

/** Memberships the person holds (owners are refused before this: an organization needs an owner). */
export async function deleteMemberships(db: DbExecutor, userId: string): Promise<number> {
  return affected(await db.delete(memberships).where(eq(memberships.userId, userId)));
}

/**
 * Invitations sent to the address keep the organization's record (role, times) without it; an
 * open one is revoked, so a placeholder address never holds a live invitation.
 */
export async function eraseInvitationAddresses(db: DbExecutor, email: string, now: Date): Promise<number> {
  return affected(
    await db
      .update(organizationInvitations)
      .set({
        email: ERASED_GUEST_EMAIL,
        revokedAt: sql`CASE WHEN ${organizationInvitations.acceptedAt} IS NULL THEN coalesce(${organizationInvitations.revokedAt}, ${now.toISOString()}::timestamptz) ELSE ${organizationInvitations.revokedAt} END`,
        updatedAt: now,
      })
      .where(eq(organizationInvitations.email, email.toLowerCase())),
  );
}

