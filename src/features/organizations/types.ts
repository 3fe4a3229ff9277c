import type { OrganizationRole } from "./schemas";

export type OrganizationStatus = "PENDING" | "APPROVED" | "SUSPENDED" | "REJECTED";

export interface MyOrganizationDto {
  id: string;
  slug: string;
  name: string;
  status: OrganizationStatus;
  role: OrganizationRole;
}

export interface OrganizationMemberDto {
  userId: string;
  name: string | null;
  email: string | null;
  role: OrganizationRole;
  since: Date;
}

export interface OrganizationDto {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: OrganizationStatus;
  createdAt: Date;
  /** The caller's own role. */
  myRole: OrganizationRole;
  members: OrganizationMemberDto[];
}

export interface PendingOrganizationDto {
  id: string;
  slug: string;
  name: string;
  description: string;
  createdAt: Date;
  owners: { name: string | null; email: string | null }[];
}
