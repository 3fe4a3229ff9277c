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
  { action: "Invite members by email, resend and revoke invitations (an OWNER invitation only by an owner)", minimumRole: "ADMIN" },
  { action: "Invite providers to the network and end a provider's link", minimumRole: "ADMIN" },
  { action: "Add and edit locations", minimumRole: "ADMIN" },
  { action: "Accept or reject public holidays and set closures", minimumRole: "MANAGER" },
  { action: "Cancel bookings a closure covers and tell the patients", minimumRole: "MANAGER" },
  { action: "Edit a provider's schedule at the organization's locations, where the provider allows it", minimumRole: "MANAGER" },
  { action: "See the organization calendar", minimumRole: "STAFF" },
  { action: "Book for a patient on the phone", minimumRole: "STAFF" },
] as const satisfies readonly { action: string; minimumRole: OrganizationRole }[];

/** Higher is more: a role may do all that the roles below it may. */
export const ROLE_RANK: Record<OrganizationRole, number> = { STAFF: 1, MANAGER: 2, ADMIN: 3, OWNER: 4 };
