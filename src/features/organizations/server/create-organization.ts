import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { createOrganizationInput } from "../schemas";
import { countPendingOrganizationsOwnedBy, insertMembership, insertOrganization } from "./organization-repository";

/** Organizations one person may have awaiting review at once. */
export const MAX_PENDING_ORGANIZATIONS = 3;

export interface CreateOrganizationOptions {
  db: Database;
  userId: string;
  input: z.output<typeof createOrganizationInput>;
}

/** "Harbour Health – Islington" → "harbour-health-islington"; accents dropped, other scripts kept out. */
export function slugOf(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "organization";
}

/**
 * A new organization, awaiting a platform admin's review, with its creator as OWNER. The slug
 * comes from the name; a taken one gets a short random suffix.
 */
export async function createOrganization({ db, userId, input }: CreateOrganizationOptions): Promise<{ id: string; slug: string }> {
  if ((await countPendingOrganizationsOwnedBy(db, userId)) >= MAX_PENDING_ORGANIZATIONS) {
    throw new AppError(
      "CONFLICT",
      `You already have ${MAX_PENDING_ORGANIZATIONS} organizations awaiting review. Wait for a decision on them before creating another.`,
    );
  }
  const base = slugOf(input.name);
  return db.transaction(async (tx) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString("hex")}`;
      const organization = await insertOrganization(tx, { slug, name: input.name, description: input.description });
      if (!organization) continue;
      await insertMembership(tx, { organizationId: organization.id, userId, role: "OWNER" });
      await recordAudit(tx, { actorUserId: userId, action: "organization.created", subjectType: "organization", subjectId: organization.id });
      return { id: organization.id, slug: organization.slug };
    }
    throw new AppError("CONFLICT", "No free web address could be made from this name. Try a slightly different name.", {
      fieldErrors: { name: ["Try a slightly different name."] },
    });
  });
}
