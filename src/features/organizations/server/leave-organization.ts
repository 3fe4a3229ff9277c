import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { OrganizationRole } from "../schemas";
import { assertOwnerRemains, memberOf } from "./member-rules";
import { deleteMembership, lockMemberships } from "./organization-repository";

export interface LeaveOrganizationOptions {
  db: Database;
  membership: { organizationId: string; userId: string; role: OrganizationRole };
}

/** The caller leaves; the last owner cannot (make another owner first). */
export async function leaveOrganization({ db, membership }: LeaveOrganizationOptions): Promise<void> {
  await db.transaction(async (tx) => {
    const members = await lockMemberships(tx, membership.organizationId);
    const me = memberOf(members, membership.userId);
    if (me.role === "OWNER") assertOwnerRemains(members, me.userId, "You are this organization's last owner: make another member an owner before you leave.");
    await deleteMembership(tx, membership.organizationId, me.userId);
    await recordAudit(tx, {
      actorUserId: me.userId,
      action: "organization.member_left",
      subjectType: "organization",
      subjectId: membership.organizationId,
      details: { role: me.role },
    });
  });
}
