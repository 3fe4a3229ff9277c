import type { OrganizationRole } from "./schemas";

/**
 * What each role may do in an organization, the table the README shows. Procedures enforce the
 * minimum role (organizationProcedure); the ownership rules below are use-case guards.
 */
export const ORGANIZATION_PERMISSIONS = [
  { action: "See the organization, its members and their roles", minimumRole: "STAFF" },
  { action: "Leave the organization (not its last owner)", minimumRole: "STAFF" },
  { action: "Edit the organization's name and description", minimumRole: "ADMIN" },
  { action: "Change members' roles and remove members (owners only by an owner)", minimumRole: "ADMIN" },
  { action: "Give or take the OWNER role", minimumRole: "OWNER" },
] as const satisfies readonly { action: string; minimumRole: OrganizationRole }[];

/** Higher is more: a role may do all that the roles below it may. */
export const ROLE_RANK: Record<OrganizationRole, number> = { STAFF: 1, MANAGER: 2, ADMIN: 3, OWNER: 4 };
