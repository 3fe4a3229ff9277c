export { MEMBERSHIP_ROLES, organizationRoleSchema, type OrganizationRole } from "./schemas";
export { ORGANIZATION_PERMISSIONS, ROLE_RANK } from "./permissions";
export type { MyOrganizationDto, OrganizationDto, OrganizationMemberDto, OrganizationStatus, PendingOrganizationDto } from "./types";
