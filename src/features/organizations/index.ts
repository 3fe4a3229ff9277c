export { MEMBERSHIP_ROLES, organizationRoleSchema, type OrganizationRole } from "./schemas";
export { ORGANIZATION_PERMISSIONS, ROLE_RANK } from "./permissions";
export type { MyOrganizationDto, OrganizationDto, OrganizationMemberDto, OrganizationStatus, PendingOrganizationDto } from "./types";
export { MyOrganizations } from "./components/my-organizations";
export { OrganizationPage } from "./components/organization-page";
export { PendingOrganizations } from "./components/pending-organizations";
export { RoleTable } from "./components/role-table";
export { OrganizationNav } from "./components/organization-nav";
