import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import { invitationStatus, maskEmail } from "../invitation-rules";
import type { invitationTokenInput } from "../invitation-schemas";
import type { AcceptedInvitationDto } from "../invitation-types";
import { UNKNOWN_INVITATION_MESSAGE } from "./get-invitation-by-token";
import { assertTakesMembers } from "./invitation-guards";
import { findInvitationByTokenHash, findUserEmail, insertMembershipIfAbsent, updateInvitation } from "./invitation-repository";
import { hashInvitationToken } from "./invitation-token";

export interface AcceptInvitationOptions {
  db: Database;
  userId: string;
  input: z.output<typeof invitationTokenInput>;
  now: Date;
}

/**
 * Joins the organization through an invitation link, signed in with the invited address. The
 * invitation row is locked, so of two accepts at once one joins and the other is told the link
 * was used; the membership and the invitation's accepted mark commit together.
 */
export async function acceptInvitation({ db, userId, input, now }: AcceptInvitationOptions): Promise<AcceptedInvitationDto> {
  return db.transaction(async (tx) => {
    const invitation = await findInvitationByTokenHash(tx, hashInvitationToken(input.token), { lock: true });
    if (!invitation) throw new AppError("NOT_FOUND", UNKNOWN_INVITATION_MESSAGE);
    const who = invitation.invitedByName ? `${invitation.invitedByName} at ${invitation.organizationName}` : invitation.organizationName;
    switch (invitationStatus(invitation, now)) {
      case "ACCEPTED":
        throw new AppError("CONFLICT", `This invitation has already been used. If you joined ${invitation.organizationName}, open it from your organizations.`, {
          reason: "INVITATION_USED",
        });
      case "REVOKED":
        throw new AppError("CONFLICT", `This invitation was withdrawn by ${invitation.organizationName}. Ask ${who} if you should still join.`, {
          reason: "INVITATION_REVOKED",
        });
      case "EXPIRED":
        throw new AppError("CONFLICT", `This invitation has expired; ask ${who} to send a new one.`, { reason: "INVITATION_EXPIRED" });
      case "OPEN":
        break;
    }
    assertTakesMembers({ name: invitation.organizationName, status: invitation.organizationStatus });
    const email = await findUserEmail(tx, userId);
    if (!email || email.toLowerCase() !== invitation.email) {
      throw new AppError(
        "FORBIDDEN",
        `This invitation was sent to ${maskEmail(invitation.email)}. Sign out, then sign in with that account to accept it.`,
        { reason: "WRONG_ACCOUNT" },
      );
    }
    if (!(await insertMembershipIfAbsent(tx, { organizationId: invitation.organizationId, userId, role: invitation.role }))) {
      throw new AppError("CONFLICT", `You are already a member of ${invitation.organizationName}. Your role there is unchanged.`, { reason: "ALREADY_MEMBER" });
    }
    await updateInvitation(tx, invitation.id, { acceptedAt: now, acceptedByUserId: userId });
    await recordAudit(tx, {
      actorUserId: userId,
      action: "organization.invitation_accepted",
      subjectType: "organization",
      subjectId: invitation.organizationId,
      details: { invitationId: invitation.id, role: invitation.role },
    });
    return { organizationId: invitation.organizationId, organizationName: invitation.organizationName, role: invitation.role };
  });
}
