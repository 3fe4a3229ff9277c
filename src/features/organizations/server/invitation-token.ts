import { createHash, createHmac } from "node:crypto";
import { env } from "~/env";

/**
 * An invitation link's token: an HMAC of (invitation id, send number, time of that send) under
 * the app secret, 43 URL-safe characters (as unguessable as 32 random bytes). Only its SHA-256 is
 * stored. It is derived rather than random because the email is written later by the worker, and
 * the token may not travel there through the outbox or sit in any table: from the row, the worker
 * computes the same token, while the database alone (a leaked dump) cannot. Each send changes
 * the send number and time, so a resend makes the previous link stop working.
 */
export function invitationToken(invitation: { id: string; sentCount: number; lastSentAt: Date }): string {
  return createHmac("sha256", env.NEXTAUTH_SECRET)
    .update(`organization-invitation:${invitation.id}:${invitation.sentCount}:${invitation.lastSentAt.getTime()}`)
    .digest("base64url");
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
