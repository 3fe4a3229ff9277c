import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { OrganizationRole } from "../schemas";
import type { OrganizationDto } from "../types";
import { findMembers, findOrganization } from "./organization-repository";

export interface GetOrganizationOptions {
  db: DbExecutor;
  /** The caller's membership, checked by organizationProcedure. */
  membership: { organizationId: string; role: OrganizationRole };
}

/** The organization as its members see it: details, members and their roles. */
export async function getOrganization({ db, membership }: GetOrganizationOptions): Promise<OrganizationDto> {
  const organization = await findOrganization(db, membership.organizationId);
  if (!organization) throw new AppError("NOT_FOUND", "Organization not found.");
  return {
    id: organization.id,
    slug: organization.slug,
    name: organization.name,
    description: organization.description,
    status: organization.status,
    createdAt: organization.createdAt,
    myRole: membership.role,
    members: await findMembers(db, organization.id),
  };
}
