import type { OrganizationRole } from "./schemas";

export type InvitationStatus = "OPEN" | "EXPIRED" | "ACCEPTED" | "REVOKED";

/** How long a link stays valid after each send. */
export const INVITATION_VALID_DAYS = 7;
/** Emails one invitation may cause: after that, revoke it and invite again. */
export const MAX_INVITATION_SENDS = 5;
/** A resend waits this long after the last send, so a double click or an impatient admin sends one email. */
export const RESEND_INTERVAL_SECONDS = 60;
/** Open invitations one organization may have at once: a bound on the email it can cause. */
export const MAX_OPEN_INVITATIONS = 50;

/** The state of an invitation at `now`: accepted and revoked are final; an unanswered one lapses at its expiry. */
export function invitationStatus(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus {
  if (invitation.acceptedAt) return "ACCEPTED";
  if (invitation.revokedAt) return "REVOKED";
  return invitation.expiresAt.getTime() > now.getTime() ? "OPEN" : "EXPIRED";
}

/**
 * "j***@example.com": enough for its owner to recognise the address, not enough for someone else
 * to learn it. A one-letter name shows as "*".
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  return `${local.length > 1 ? local[0] : ""}***@${domain}`;
}

/** An invitation as OWNER only from an owner: the same rule as giving the role to a member. */
export function mayInviteAs(actorRole: OrganizationRole, role: OrganizationRole): boolean {
  return role !== "OWNER" || actorRole === "OWNER";
}
