import { pgEnum } from "drizzle-orm/pg-core";

export const platformRole = pgEnum("platform_role", ["USER", "ADMIN"]);
export const verificationStatus = pgEnum("verification_status", [
  "PENDING",
  "APPROVED",
  "SUSPENDED",
  "REJECTED",
]);
export const membershipRole = pgEnum("membership_role", ["OWNER", "ADMIN", "MANAGER", "STAFF"]);
/** INVITED by the organization; the provider made it ACTIVE or DECLINED it; either side ENDED it. */
export const providerOrganizationStatus = pgEnum("provider_organization_status", [
  "INVITED",
  "ACTIVE",
  "ENDED",
  "DECLINED",
]);
export const bookingMode = pgEnum("booking_mode", ["IN_PERSON", "ONLINE"]);
/**
 * HELD: a slot reserved for a few minutes while the patient fills the form (no patient yet);
 * EXPIRED: a hold that ran out. Both live in `bookings` so that one exclusion constraint covers
 * holds and bookings alike.
 */
export const bookingStatus = pgEnum("booking_status", [
  "HELD",
  "EXPIRED",
  "PENDING",
  "CONFIRMED",
  "DECLINED",
  "CANCELLED",
  "COMPLETED",
  "NO_SHOW",
]);

export const overrideKind = pgEnum("availability_override_kind", ["OFF", "REPLACE", "EXTRA"]);
export const cancelledBy = pgEnum("cancelled_by", ["PATIENT", "PROVIDER", "SYSTEM"]);
/** How a booking was made: by the patient online, or by organization staff taking a phone call. */
export const bookingChannel = pgEnum("booking_channel", ["ONLINE", "PHONE"]);
/** MANUAL: a closure someone set; PUBLIC_HOLIDAY: a holiday from the bundled dataset, accepted or rejected. */
export const closureSource = pgEnum("closure_source", ["MANUAL", "PUBLIC_HOLIDAY"]);
/**
 * A provider's verification document: SUBMITTED waits for an admin; APPROVED or REJECTED (with a
 * reason) once reviewed. A resubmission is a new row; the one it replaces gets superseded_at.
 */
export const documentStatus = pgEnum("document_status", ["SUBMITTED", "APPROVED", "REJECTED"]);
/** What a consent record is about: documents (terms, privacy notice) or a messaging channel. */
export const consentSubject = pgEnum("consent_subject", ["TERMS", "PRIVACY_NOTICE", "PROVIDER_TERMS", "EMAIL", "SMS", "WHATSAPP"]);
