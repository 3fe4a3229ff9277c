import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import { enqueueDomainEvent } from "@/server/outbox/outbox-repository";
import { INVITATION_VALID_DAYS, invitationStatus, MAX_OPEN_INVITATIONS } from "../invitation-rules";
import type { inviteMemberInput } from "../invitation-schemas";
import type { OrganizationRole } from "../schemas";
import { assertMayHandleRole, assertTakesMembers, currentRole } from "./invitation-guards";
import { countOpenInvitations, findUnansweredInvitation, insertInvitation, isEmailMember } from "./invitation-repository";
import { hashInvitationToken, invitationToken } from "./invitation-token";
import { findOrganization, lockMemberships } from "./organization-repository";

export const DAY_MS = 86_400_000;

export interface InviteMemberOptions {
  db: Database;
  /** The caller's membership (ADMIN or OWNER, checked by organizationProcedure). */
  membership: { organizationId: string; userId: string; role: OrganizationRole };
  input: z.output<typeof inviteMemberInput>;
  now: Date;
}

/**
 * Invites an email address to join in a role. The invitation and the event that emails the link
 * commit together; the event carries ids only (the worker derives the link, see invitation-token.ts).
 */
export async function inviteMember({ db, membership, input, now }: InviteMemberOptions): Promise<{ id: string; email: string; role: OrganizationRole; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    // The memberships' lock orders invitations of one organization with role changes and with
    // each other, so the cap on open invitations holds under concurrent invites.
    const members = await lockMemberships(tx, membership.organizationId);
    const organization = await findOrganization(tx, membership.organizationId);
    if (organization) assertTakesMembers(organization);
    assertMayHandleRole(currentRole(members, membership.userId), input.role, "role");
    if (await isEmailMember(tx, membership.organizationId, input.email)) {
      throw new AppError("CONFLICT", `${input.email} is already a member of this organization. Change their role in the members list instead.`, {
        fieldErrors: { email: ["Already a member of this organization."] },
      });
    }
    const existing = await findUnansweredInvitation(tx, membership.organizationId, input.email);
    if (existing) {
      const expired = invitationStatus(existing, now) === "EXPIRED";
      throw new AppError(
        "CONFLICT",
        expired
          ? `${input.email}'s earlier invitation has expired. Resend it from the invitations list to send a new link.`
          : `${input.email} already has an open invitation. Resend it from the invitations list instead of inviting again.`,
        { fieldErrors: { email: [expired ? "An expired invitation exists: resend it." : "Already invited: resend the invitation instead."] }, invitationId: existing.id },
      );
    }
    if ((await countOpenInvitations(tx, membership.organizationId, now)) >= MAX_OPEN_INVITATIONS) {
      throw new AppError(
        "CONFLICT",
        `This organization already has ${MAX_OPEN_INVITATIONS} open invitations. Revoke some, or wait until they are accepted or expire, before inviting more people.`,
      );
    }
    const id = randomUUID();
    const token = invitationToken({ id, sentCount: 1, lastSentAt: now });
    const invitation = await insertInvitation(tx, {
      id,
      organizationId: membership.organizationId,
      email: input.email,
      role: input.role,
      tokenHash: hashInvitationToken(token),
      invitedByUserId: membership.userId,
      expiresAt: new Date(now.getTime() + INVITATION_VALID_DAYS * DAY_MS),
      lastSentAt: now,
    });
    if (!invitation) {
      throw new AppError("CONFLICT", `${input.email} was invited a moment ago. Reload the invitations list to see it.`, {
        fieldErrors: { email: ["Already invited."] },
      });
    }
    await enqueueDomainEvent(tx, {
      type: "organization.member_invited",
      aggregateType: "organization_invitation",
      aggregateId: invitation.id,
      payload: { invitationId: invitation.id, organizationId: membership.organizationId, sendNumber: 1 },
    });
    await recordAudit(tx, {
      actorUserId: membership.userId,
      action: "organization.invitation_created",
      subjectType: "organization",
      subjectId: membership.organizationId,
      details: { invitationId: invitation.id, role: input.role },
    });
    return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt };
  });
}
