import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import { enqueueDomainEvent } from "@/server/outbox/outbox-repository";
import { INVITATION_VALID_DAYS, invitationStatus, MAX_INVITATION_SENDS, RESEND_INTERVAL_SECONDS } from "../invitation-rules";
import type { invitationIdInput } from "../invitation-schemas";
import type { OrganizationRole } from "../schemas";
import { assertMayHandleRole, assertTakesMembers, currentRole, requireInvitation } from "./invitation-guards";
import { isEmailMember, lockInvitationOfOrganization, updateInvitation } from "./invitation-repository";
import { hashInvitationToken, invitationToken } from "./invitation-token";
import { DAY_MS } from "./invite-member";
import { findOrganization, lockMemberships } from "./organization-repository";

export interface ResendInvitationOptions {
  db: Database;
  membership: { organizationId: string; userId: string; role: OrganizationRole };
  input: z.output<typeof invitationIdInput>;
  now: Date;
}

/**
 * Sends an open or expired invitation again with a new link and a new expiry; the previous link
 * stops working. At most MAX_INVITATION_SENDS emails per invitation, and one a minute.
 */
export async function resendInvitation({ db, membership, input, now }: ResendInvitationOptions): Promise<{ id: string; expiresAt: Date; sentCount: number }> {
  return db.transaction(async (tx) => {
    const members = await lockMemberships(tx, membership.organizationId);
    const organization = await findOrganization(tx, membership.organizationId);
    if (organization) assertTakesMembers(organization);
    const actorRole = currentRole(members, membership.userId);
    const invitation = requireInvitation(await lockInvitationOfOrganization(tx, membership.organizationId, input.invitationId));
    assertMayHandleRole(actorRole, invitation.role);
    const status = invitationStatus(invitation, now);
    if (status === "ACCEPTED") throw new AppError("CONFLICT", "This invitation was already accepted, so there is nothing to resend.");
    if (status === "REVOKED") throw new AppError("CONFLICT", "This invitation was revoked. Invite the person again to send a new one.");
    if (await isEmailMember(tx, membership.organizationId, invitation.email)) {
      throw new AppError("CONFLICT", `${invitation.email} is already a member of this organization. Revoke this invitation instead.`);
    }
    if (invitation.sentCount >= MAX_INVITATION_SENDS) {
      throw new AppError(
        "RATE_LIMITED",
        `This invitation has been sent ${MAX_INVITATION_SENDS} times, the most one invitation may be. Check the address with the person, then revoke it and invite them again.`,
        { retryable: false },
      );
    }
    const waitMs = invitation.lastSentAt.getTime() + RESEND_INTERVAL_SECONDS * 1000 - now.getTime();
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new AppError("RATE_LIMITED", `This invitation was sent less than a minute ago. Wait ${seconds} ${seconds === 1 ? "second" : "seconds"} before sending it again.`, {
        retryable: true,
        retryAfterSeconds: seconds,
      });
    }
    const sentCount = invitation.sentCount + 1;
    const token = invitationToken({ id: invitation.id, sentCount, lastSentAt: now });
    const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * DAY_MS);
    await updateInvitation(tx, invitation.id, { tokenHash: hashInvitationToken(token), sentCount, lastSentAt: now, expiresAt });
    await enqueueDomainEvent(tx, {
      type: "organization.member_invited",
      aggregateType: "organization_invitation",
      aggregateId: invitation.id,
      payload: { invitationId: invitation.id, organizationId: membership.organizationId, sendNumber: sentCount },
    });
    await recordAudit(tx, {
      actorUserId: membership.userId,
      action: "organization.invitation_resent",
      subjectType: "organization",
      subjectId: membership.organizationId,
      details: { invitationId: invitation.id, sendNumber: sentCount },
    });
    return { id: invitation.id, expiresAt, sentCount };
  });
}
