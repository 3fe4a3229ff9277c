import { pgEnum } from "drizzle-orm/pg-core";

export const platformRole = pgEnum("platform_role", ["USER", "ADMIN"]);
export const verificationStatus = pgEnum("verification_status", [
  "PENDING",
  "APPROVED",
  "SUSPENDED",
  "REJECTED",
]);
export const membershipRole = pgEnum("membership_role", ["OWNER", "ADMIN", "MANAGER", "STAFF"]);
export const providerOrganizationStatus = pgEnum("provider_organization_status", [
  "INVITED",
  "ACTIVE",
  "ENDED",
]);
export const bookingMode = pgEnum("booking_mode", ["IN_PERSON", "ONLINE"]);
export const bookingStatus = pgEnum("booking_status", [
  "PENDING",
  "CONFIRMED",
  "DECLINED",
  "CANCELLED",
  "COMPLETED",
  "NO_SHOW",
]);
