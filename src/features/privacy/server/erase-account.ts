import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { ErasureBlocker, ErasureCounts, ErasureResultDto } from "../types";
import { accountNotFound, assertNotErased, loadErasureFacts } from "./erasure-guards";
import {
  deleteAccounts,
  deleteContactChannels,
  deleteContactVerifications,
  deleteMemberships,
  deleteNotificationPreferences,
  deletePatientContactCards,
  deletePatientProfile,
  deleteSessions,
  deleteVerificationTokens,
  eraseInvitationAddresses,
  eraseNotificationAddresses,
  minimiseBookings,
  pseudonymiseUser,
} from "./erasure-repository";
import { erasureBlockers } from "./erasure-rules";
import { lockUser } from "./person-data-repository";
import { loadPerson } from "./person-scope";

export interface EraseAccountOptions {
  db: Database;
  userId: string;
  now: Date;
  origin: AuditOrigin;
}

/**
 * Erases a person's personal data at their request (GDPR art. 17), in one transaction: all of it
 * or none.
 *
 * The rule:
 * - The users row is kept, pseudonymised (no name, picture or verified address; the email becomes
 *   `erased-<id>@erased.invalid`; erased_at set), because bookings, consent records and the
 *   append-only audit trail reference it. With its sign-in links deleted and an address no Google
 *   account can have, a later Google sign-in with the same account creates a new, empty account.
 * - Deleted: sign-in links (accounts, with their tokens), sessions (signed out everywhere), the
 *   patient profile, notification preferences, contact codes for their bookings or addresses,
 *   what we know about their addresses (contact_channels), the stored patient contact cards of
 *   their bookings (the rows; the daily purge deletes the orphaned files), and their
 *   organization memberships.
 * - Bookings (made signed in, or as a guest with their verified address) are the provider's
 *   record and stay with time, provider, service, status, mode and place; the patient's name
 *   becomes "Erased patient", and contact details, notes, their time zone, a cancellation reason
 *   they gave and the manage link are removed.
 * - Messages sent to them keep purpose, channel, status and times; the address becomes "erased",
 *   and one not yet sent is skipped. Invitations to their address lose it (open ones are revoked).
 * - Consent records and audit rows are append-only and kept: they hold ids, versions, actions,
 *   times and network addresses, not names, contact details or notes. `user.erased` is recorded
 *   with counts only.
 *
 * Refused (PRECONDITION_FAILED, with the blockers in details) for a platform administrator, a
 * provider, an organization owner, or while bookings are still to come; CONFLICT when already
 * erased. The user row is locked first, so two erasures cannot interleave.
 */
const REFUSAL_REASON: { [K in ErasureBlocker["kind"]]: (blocker: ErasureBlocker) => string } = {
  PLATFORM_ADMIN: () => "you are a platform administrator",
  PROVIDER: () => "you have a provider profile",
  ORGANIZATION_OWNER: () => "you own an organization",
  UPCOMING_BOOKINGS: (blocker) => {
    const count = blocker.kind === "UPCOMING_BOOKINGS" ? blocker.bookings.length : 0;
    return `cancel your ${count} upcoming ${count === 1 ? "booking" : "bookings"} first`;
  },
};

export async function eraseAccount({ db, userId, now, origin }: EraseAccountOptions): Promise<ErasureResultDto> {
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user) throw accountNotFound();
    assertNotErased(user);
    const person = await loadPerson(tx, user);
    const blockers = erasureBlockers(await loadErasureFacts(tx, user, person.verifiedEmail, now));
    if (blockers.length > 0) {
      // The preview (a plain answer to its owner) names the organizations, provider profile and
      // bookings; an error answer names none of them, only what kind of thing stands in the way.
      throw new AppError("PRECONDITION_FAILED", `Your data cannot be erased yet: ${blockers.map((blocker) => REFUSAL_REASON[blocker.kind](blocker)).join("; ")}. Privacy & data says what to do first.`, {
        blockers: blockers.map((blocker) => ({ kind: blocker.kind })),
      });
    }
    const { scope } = person;

    await pseudonymiseUser(tx, userId, now);
    const counts: ErasureCounts = {
      signInLinks: await deleteAccounts(tx, userId),
      sessions: await deleteSessions(tx, userId),
      patientProfile: await deletePatientProfile(tx, userId),
      notificationPreferences: await deleteNotificationPreferences(tx, userId),
      contactVerifications: await deleteContactVerifications(tx, scope),
      contactChannels: await deleteContactChannels(tx, scope.addresses),
      bookings: await minimiseBookings(tx, scope.bookingIds, now),
      contactCards: await deletePatientContactCards(tx, scope.bookingIds),
      notifications: await eraseNotificationAddresses(tx, scope, now),
      memberships: await deleteMemberships(tx, userId),
      invitations: await eraseInvitationAddresses(tx, user.email, now),
    };
    await deleteVerificationTokens(tx, user.email);
    await recordAudit(tx, { actorUserId: userId, action: "user.erased", subjectType: "user", subjectId: userId, details: { ...counts }, origin });
    return { erasedAt: now, counts };
  });
}
