import type { DbExecutor } from "@/server/db/client";
import { invitationStatus } from "../invitation-rules";
import type { OrganizationRole } from "../schemas";
import { findInvitationForMessage } from "./invitation-repository";
import { invitationToken } from "./invitation-token";

export type InvitationMessage =
  | { kind: "skip"; reason: string }
  | {
      kind: "send";
      email: string;
      organizationName: string;
      invitedByName: string | null;
      role: OrganizationRole;
      expiresAt: Date;
      /** The link's token for this send: derived here, never stored or queued. */
      token: string;
    };

export interface FindInvitationMessageOptions {
  db: DbExecutor;
  invitationId: string;
  /** The send the message was made for (the event's sendNumber). */
  sendNumber: number;
  now: Date;
}

/**
 * What the invitation email for one send says, read when it is fanned out and again when it is
 * sent: an email for a send that a resend, an accept or a revoke has overtaken is skipped, since
 * its link would no longer work. Null when the invitation is gone.
 */
export async function findInvitationMessage({ db, invitationId, sendNumber, now }: FindInvitationMessageOptions): Promise<InvitationMessage | null> {
  const invitation = await findInvitationForMessage(db, invitationId);
  if (!invitation) return null;
  const status = invitationStatus(invitation, now);
  if (status === "ACCEPTED") return { kind: "skip", reason: "the invitation was accepted" };
  if (status === "REVOKED") return { kind: "skip", reason: "the invitation was revoked" };
  if (invitation.sentCount !== sendNumber) return { kind: "skip", reason: "a newer invitation email was sent" };
  if (status === "EXPIRED") return { kind: "skip", reason: "the invitation expired before it could be sent" };
  return {
    kind: "send",
    email: invitation.email,
    organizationName: invitation.organizationName,
    invitedByName: invitation.invitedByName,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
    token: invitationToken(invitation),
  };
}
