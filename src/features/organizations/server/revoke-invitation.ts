import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { invitationIdInput } from "../invitation-schemas";
import type { OrganizationRole } from "../schemas";
import { assertMayHandleRole, currentRole, requireInvitation } from "./invitation-guards";
import { lockInvitationOfOrganization, updateInvitation } from "./invitation-repository";
import { lockMemberships } from "./organization-repository";

export interface RevokeInvitationOptions {
  db: Database;
  membership: { organizationId: string; userId: string; role: OrganizationRole };
  input: z.output<typeof invitationIdInput>;
  now: Date;
}

/**
 * Withdraws an invitation (open or expired): its link stops working, and the address can be
 * invited again. Revoking one already revoked changes nothing.
 */
export async function revokeInvitation({ db, membership, input, now }: RevokeInvitationOptions): Promise<{ id: string; revokedAt: Date }> {
  return db.transaction(async (tx) => {
    const members = await lockMemberships(tx, membership.organizationId);
    const actorRole = currentRole(members, membership.userId);
    const invitation = requireInvitation(await lockInvitationOfOrganization(tx, membership.organizationId, input.invitationId));
    assertMayHandleRole(actorRole, invitation.role);
    if (invitation.acceptedAt) {
      throw new AppError("CONFLICT", "This invitation was already accepted. To take the person out, remove them from the members list.");
    }
    if (invitation.revokedAt) return { id: invitation.id, revokedAt: invitation.revokedAt };
    await updateInvitation(tx, invitation.id, { revokedAt: now });
    await recordAudit(tx, {
      actorUserId: membership.userId,
      action: "organization.invitation_revoked",
      subjectType: "organization",
      subjectId: membership.organizationId,
      details: { invitationId: invitation.id },
    });
    return { id: invitation.id, revokedAt: now };
  });
}
