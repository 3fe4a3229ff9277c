import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import { invitationStatus, maskEmail } from "../invitation-rules";
import type { invitationTokenInput } from "../invitation-schemas";
import type { InvitationByTokenDto } from "../invitation-types";
import { findInvitationByTokenHash, findUserEmail, isMember } from "./invitation-repository";
import { hashInvitationToken } from "./invitation-token";

export interface GetInvitationByTokenOptions {
  db: DbExecutor;
  /** The signed-in person, if any. */
  userId: string | null;
  input: z.output<typeof invitationTokenInput>;
  now: Date;
}

export const UNKNOWN_INVITATION_MESSAGE =
  "This invitation link is not valid. Check that you opened the whole link from the email, or ask the organization to send you a new invitation.";

/**
 * What an invitation link is about, for the accept page: the organization, the role and the
 * state. The address shows in full only to the invited person signed in with it. A token that
 * matches nothing says only that, never whether other invitations exist.
 */
export async function getInvitationByToken({ db, userId, input, now }: GetInvitationByTokenOptions): Promise<InvitationByTokenDto> {
  const invitation = await findInvitationByTokenHash(db, hashInvitationToken(input.token));
  if (!invitation) throw new AppError("NOT_FOUND", UNKNOWN_INVITATION_MESSAGE);
  let viewer: InvitationByTokenDto["viewer"] = null;
  if (userId) {
    const email = await findUserEmail(db, userId);
    viewer = {
      isInvitee: email !== null && email.toLowerCase() === invitation.email,
      isMember: await isMember(db, invitation.organizationId, userId),
    };
  }
  return {
    organizationName: invitation.organizationName,
    role: invitation.role,
    status: invitationStatus(invitation, now),
    email: viewer?.isInvitee ? invitation.email : maskEmail(invitation.email),
    expiresAt: invitation.expiresAt,
    invitedByName: invitation.invitedByName,
    viewer,
  };
}
