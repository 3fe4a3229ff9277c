import type { z } from "zod";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { updateOrganizationInput } from "../schemas";
import { updateOrganizationDetails } from "./organization-repository";

export interface UpdateOrganizationOptions {
  db: Database;
  organizationId: string;
  actorUserId: string;
  input: z.output<typeof updateOrganizationInput>;
}

/** New name and/or description; the slug (its web address) stays. */
export async function updateOrganization({ db, organizationId, actorUserId, input }: UpdateOrganizationOptions): Promise<void> {
  await db.transaction(async (tx) => {
    await updateOrganizationDetails(tx, organizationId, { name: input.name, description: input.description });
    await recordAudit(tx, {
      actorUserId,
      action: "organization.updated",
      subjectType: "organization",
      subjectId: organizationId,
      details: { fields: Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined) },
    });
  });
}
