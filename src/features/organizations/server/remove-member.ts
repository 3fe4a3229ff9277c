import type { z } from "zod";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { OrganizationRole, removeMemberInput } from "../schemas";
import { assertMayChange, assertOwnerRemains, memberOf } from "./member-rules";
import { deleteMembership, lockMemberships } from "./organization-repository";

export interface RemoveMemberOptions {
  db: Database;
  /** The caller's membership (ADMIN or OWNER, checked by organizationProcedure). */
  membership: { organizationId: string; userId: string; role: OrganizationRole };
  input: z.output<typeof removeMemberInput>;
}

/** Takes a member out of the organization, under the ownership rules. */
export async function removeMember({ db, membership, input }: RemoveMemberOptions): Promise<void> {
  await db.transaction(async (tx) => {
    const members = await lockMemberships(tx, membership.organizationId);
    const actor = memberOf(members, membership.userId);
    const target = memberOf(members, input.userId);
    assertMayChange(actor, target);
    if (target.role === "OWNER") assertOwnerRemains(members, target.userId, "An organization needs an owner: make someone else an owner first.");
    await deleteMembership(tx, membership.organizationId, target.userId);
    await recordAudit(tx, {
      actorUserId: membership.userId,
      action: "organization.member_removed",
      subjectType: "organization",
      subjectId: membership.organizationId,
      details: { userId: target.userId, role: target.role },
    });
  });
}
