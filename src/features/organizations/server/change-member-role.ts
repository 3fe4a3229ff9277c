import type { z } from "zod";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { changeMemberRoleInput, OrganizationRole } from "../schemas";
import { assertMayChange, assertOwnerRemains, memberOf } from "./member-rules";
import { lockMemberships, updateMembershipRole } from "./organization-repository";

export interface ChangeMemberRoleOptions {
  db: Database;
  /** The caller's membership (ADMIN or OWNER, checked by organizationProcedure). */
  membership: { organizationId: string; userId: string; role: OrganizationRole };
  input: z.output<typeof changeMemberRoleInput>;
}

/** Gives a member another role, under the ownership rules (see member-rules.ts). */
export async function changeMemberRole({ db, membership, input }: ChangeMemberRoleOptions): Promise<{ userId: string; role: OrganizationRole }> {
  return db.transaction(async (tx) => {
    const members = await lockMemberships(tx, membership.organizationId);
    // The caller's role as it is now, not as it was when the request began.
    const actor = memberOf(members, membership.userId);
    const target = memberOf(members, input.userId);
    assertMayChange(actor, target, input.role);
    if (target.role === input.role) return { userId: target.userId, role: target.role };
    if (target.role === "OWNER") assertOwnerRemains(members, target.userId, "An organization needs an owner: make someone else an owner first.");
    await updateMembershipRole(tx, membership.organizationId, target.userId, input.role);
    await recordAudit(tx, {
      actorUserId: membership.userId,
      action: "organization.member_role_changed",
      subjectType: "organization",
      subjectId: membership.organizationId,
      details: { userId: target.userId, from: target.role, to: input.role },
    });
    return { userId: target.userId, role: input.role };
  });
}
