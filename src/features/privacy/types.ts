export type ConsentSubjectValue = "TERMS" | "PRIVACY_NOTICE" | "PROVIDER_TERMS" | "EMAIL" | "SMS" | "WHATSAPP";

/** One consent record as its person sees it: what, which version, given or withdrawn, when and where. */
export interface ConsentRecordDto {
  subject: ConsentSubjectValue;
  version: string;
  granted: boolean;
  /** "booking", "phone-booking", "preferences", "onboarding", "account". */
  source: string;
  recordedAt: Date;
  bookingId: string | null;
}

export interface MyConsentsDto {
  records: ConsentRecordDto[];
  /** The zone to show times in: the patient profile's, else UTC. */
  timeZone: string;
}

/** Who did something in an audit entry, as far as the person may know: a role, never an identity. */
export type AuditActorLabel = "you" | "provider" | "organization staff" | "platform administrator" | "system" | "another user";

export interface ExportedBooking {
  id: string;
  /** "account": made while signed in; "guest": made as a guest with the account's (verified) email. */
  bookedAs: "account" | "guest";
  /** ONLINE: booked by you on the website; PHONE: booked for you by practice staff. */
  channel: "ONLINE" | "PHONE";
  status: string;
  provider: { name: string };
  service: { name: string; durationMinutes: number; currentPrice: { amountMinor: number; currency: string } };
  /** UTC instants. */
  startsAt: Date;
  endsAt: Date;
  /** The zone of the appointment (the location's, or the provider's for an online visit). */
  timeZone: string;
  /** The zone you booked from. */
  yourTimeZone: string | null;
  mode: "IN_PERSON" | "ONLINE";
  location: { name: string; address: string } | null;
  contact: { name: string | null; email: string | null; phone: string | null };
  notes: string;
  createdAt: Date;
  confirmedAt: Date | null;
  cancellation: { at: Date; by: string | null; reason: string | null } | null;
  attendanceConfirmedAt: Date | null;
}

export interface ExportedBookingEvent {
  bookingId: string;
  type: string;
  occurredAt: Date;
  status: string | null;
  previousStatus: string | null;
  actor: AuditActorLabel;
}

export interface ExportedNotification {
  purpose: string;
  channel: "EMAIL" | "SMS" | "WHATSAPP";
  status: string;
  address: string;
  bookingId: string | null;
  skipReason: string | null;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  failedAt: Date | null;
}

export interface ExportedAuditEntry {
  action: string;
  occurredAt: Date;
  /** What it was about: your account, one of your bookings, or (for something you did) the kind of record. */
  subjectType: string;
  subjectId: string | null;
  actor: AuditActorLabel;
  /** Recorded with actions you took: the network address and browser description they came from. */
  ipAddress: string | null;
  userAgent: string | null;
}

/** Everything MedBookings holds about one person (GET /api/account/export). Instants are UTC. */
export interface PersonalDataExport {
  format: "medbookings-personal-data/1";
  generatedAt: Date;
  account: {
    id: string;
    name: string | null;
    email: string;
    emailVerifiedAt: Date | null;
    image: string | null;
    role: "USER" | "ADMIN";
    createdAt: Date;
    updatedAt: Date;
    /** Sign-in providers linked to the account, by name; tokens are never exported. */
    linkedSignIns: { provider: string; linkedAt: Date }[];
  };
  patientProfile: { fullName: string; phone: string | null; preferredLanguage: string; timeZone: string; createdAt: Date; updatedAt: Date } | null;
  notificationPreferences: {
    emailEnabled: boolean;
    smsEnabled: boolean;
    whatsappEnabled: boolean;
    quietStartMinute: number | null;
    quietEndMinute: number | null;
    updatedAt: Date;
  } | null;
  contactChannels: {
    channel: "EMAIL" | "SMS" | "WHATSAPP";
    address: string;
    optedInAt: Date | null;
    optedOutAt: Date | null;
    undeliverableSince: Date | null;
    undeliverableReason: string | null;
    lastMessageFromYouAt: Date | null;
  }[];
  bookings: ExportedBooking[];
  bookingEvents: ExportedBookingEvent[];
  notifications: ExportedNotification[];
  consentRecords: (ConsentRecordDto & { ipAddress: string | null })[];
  auditTrail: ExportedAuditEntry[];
  provider: {
    displayName: string;
    slug: string;
    bio: string;
    languages: string[];
    timeZone: string;
    status: string;
    registrationNumber: string | null;
    statusReason: string | null;
    submittedAt: Date | null;
    createdAt: Date;
    specialties: string[];
    services: { name: string; durationMinutes: number; priceMinor: number; currency: string; isActive: boolean }[];
    documents: {
      type: string;
      fileName: string;
      contentType: string;
      sizeBytes: number;
      sha256: string;
      status: string;
      reviewReason: string | null;
      uploadedAt: Date;
      reviewedAt: Date | null;
      supersededAt: Date | null;
    }[];
  } | null;
  organizationMemberships: { organizationName: string; role: string; since: Date }[];
  organizationInvitations: {
    organizationName: string;
    role: string;
    sentAt: Date;
    lastSentAt: Date;
    expiresAt: Date;
    acceptedAt: Date | null;
    revokedAt: Date | null;
  }[];
}

/** How much of each kind the export holds (shown on the privacy page). */
export interface ExportSummaryDto {
  bookings: number;
  bookingEvents: number;
  notifications: number;
  consentRecords: number;
  auditEntries: number;
  contactChannels: number;
  organizationMemberships: number;
  hasPatientProfile: boolean;
  hasNotificationPreferences: boolean;
  isProvider: boolean;
}

export type ErasureBlocker =
  | { kind: "PLATFORM_ADMIN"; message: string }
  | { kind: "PROVIDER"; message: string }
  | { kind: "ORGANIZATION_OWNER"; message: string; organizations: { id: string; name: string }[] }
  | {
      kind: "UPCOMING_BOOKINGS";
      message: string;
      bookings: { id: string; status: string; startsAt: Date; timeZone: string; serviceName: string; providerName: string }[];
    };

export interface ErasureCounts {
  signInLinks: number;
  sessions: number;
  patientProfile: number;
  notificationPreferences: number;
  contactVerifications: number;
  contactChannels: number;
  bookings: number;
  contactCards: number;
  notifications: number;
  memberships: number;
  invitations: number;
}

export interface ErasureItem {
  what: string;
  count: number | null;
}

export interface ErasurePreviewDto {
  canErase: boolean;
  blockers: ErasureBlocker[];
  /** Removed or replaced by placeholders. */
  removed: ErasureItem[];
  /** Kept, and why. */
  kept: (ErasureItem & { why: string })[];
}

export interface ErasureResultDto {
  erasedAt: Date;
  counts: ErasureCounts;
}
