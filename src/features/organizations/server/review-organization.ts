import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { reviewOrganizationInput } from "../schemas";
import type { OrganizationStatus } from "../types";
import { decidePendingOrganization, findOrganization } from "./organization-repository";

export interface ReviewOrganizationOptions {
  db: Database;
  actorUserId: string;
  input: z.output<typeof reviewOrganizationInput>;
}

/** A platform admin approves or rejects an organization awaiting review. */
export async function reviewOrganization({ db, actorUserId, input }: ReviewOrganizationOptions): Promise<{ id: string; status: OrganizationStatus }> {
  const status = input.decision === "APPROVE" ? "APPROVED" : "REJECTED";
  return db.transaction(async (tx) => {
    const decided = await decidePendingOrganization(tx, input.organizationId, status);
    if (!decided) {
      const organization = await findOrganization(tx, input.organizationId);
      if (!organization) throw new AppError("NOT_FOUND", "Organization not found.");
      throw new AppError("CONFLICT", `This organization is not awaiting review: it is ${organization.status.toLowerCase()}.`);
    }
    await recordAudit(tx, { actorUserId, action: `organization.${status.toLowerCase()}`, subjectType: "organization", subjectId: decided.id });
    return { id: decided.id, status: decided.status };
  });
}
