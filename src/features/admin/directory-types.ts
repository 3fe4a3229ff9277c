import type { BOOKING_STATUSES, PROVIDER_STATUSES } from "./directory-schemas";

/** DTOs of the admin directory. Lists carry masked contact details; full ones only in an audited record read. */

export type BookingStatusValue = (typeof BOOKING_STATUSES)[number];
export type ProviderStatusValue = (typeof PROVIDER_STATUSES)[number];
export type ChannelValue = "EMAIL" | "WHATSAPP" | "SMS";
export type NotificationStatusValue = "PENDING" | "SENDING" | "SENT" | "DELIVERED" | "READ" | "FAILED" | "DEAD" | "SKIPPED";
export type RecipientValue = "PATIENT" | "PROVIDER" | "INVITEE";

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Who a booking is for, as a list shows it. ACCOUNT: a signed-in patient; GUEST: booked without
 * an account; ERASED: the patient's personal data was erased (the account's id, or null for a
 * guest); NONE: a hold, no patient yet.
 */
export type PatientSummary =
  | { kind: "ACCOUNT"; userId: string; name: string; maskedEmail: string | null }
  | { kind: "GUEST"; name: string; maskedEmail: string | null }
  | { kind: "ERASED"; userId: string | null }
  | { kind: "NONE" };

export interface BookingSearchRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatusValue;
  provider: { id: string; name: string; timeZone: string };
  serviceName: string;
  patient: PatientSummary;
}

/** A notification as admins see it in lists: the address masked, or null when its person was erased. */
export interface AdminNotificationRow {
  id: string;
  purpose: string;
  channel: ChannelValue;
  recipient: RecipientValue;
  maskedAddress: string | null;
  status: NotificationStatusValue;
  attempts: number;
  error: string | null;
  skipReason: string | null;
  isFallback: boolean;
  bookingId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  failedAt: Date | null;
}

/** One step of a booking's history, from the audit trail. */
export interface BookingHistoryEntry {
  action: string;
  from: string | null;
  to: string | null;
  actorRole: string | null;
  occurredAt: Date;
}

export type BookingRecordPatient =
  | { kind: "ACCOUNT"; userId: string; name: string; email: string | null; phone: string | null }
  | { kind: "GUEST"; name: string; email: string | null; phone: string | null }
  | { kind: "ERASED"; userId: string | null }
  | { kind: "NONE" };

export interface AdminBookingRecord {
  id: string;
  status: BookingStatusValue;
  startsAt: Date;
  endsAt: Date;
  mode: "IN_PERSON" | "ONLINE";
  channel: "ONLINE" | "PHONE";
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  cancelledBy: "PATIENT" | "PROVIDER" | "SYSTEM" | null;
  cancellationReason: string | null;
  attendanceConfirmedAt: Date | null;
  patientTimeZone: string | null;
  provider: { id: string; name: string; slug: string; timeZone: string };
  service: { id: string; name: string; durationMinutes: number };
  location: { id: string; name: string; address: string; timeZone: string } | null;
  patient: BookingRecordPatient;
  /** The patient's notes; null when the patient's data was erased. */
  notes: string | null;
  bookedBy: { userId: string; name: string } | null;
  contactTakenByStaff: boolean;
  history: BookingHistoryEntry[];
  notifications: AdminNotificationRow[];
}

export interface ProviderSearchRow {
  id: string;
  displayName: string;
  slug: string;
  status: ProviderStatusValue;
  /** The provider's account email; null when the account was erased. */
  email: string | null;
  registrationNumber: string | null;
  timeZone: string;
  submittedAt: Date | null;
  createdAt: Date;
}

export interface PatientBookingLink {
  id: string;
  startsAt: Date;
  status: BookingStatusValue;
  providerName: string;
  providerTimeZone: string;
  serviceName: string;
}

export type PatientSearchRow =
  | { kind: "ACCOUNT"; userId: string; name: string; maskedEmail: string; maskedPhone: string | null; bookingCount: number }
  | { kind: "ERASED"; userId: string; bookingCount: number }
  | {
      kind: "GUEST";
      /** Guests have no account: one row per email address they booked with. */
      name: string;
      maskedEmail: string;
      maskedPhone: string | null;
      bookingCount: number;
      recentBookings: PatientBookingLink[];
    };

interface PatientRecordLists {
  bookings: PatientBookingLink[];
  bookingCount: number;
  notifications: AdminNotificationRow[];
  notificationCount: number;
}

export type AdminPatientRecord =
  | (PatientRecordLists & {
      kind: "ACCOUNT";
      user: { id: string; name: string | null; email: string; emailVerified: Date | null; createdAt: Date };
      profile: { fullName: string; phone: string | null; preferredLanguage: string; timeZone: string } | null;
      preferences: {
        emailEnabled: boolean;
        whatsappEnabled: boolean;
        smsEnabled: boolean;
        quietStartMinute: number | null;
        quietEndMinute: number | null;
      } | null;
    })
  | (PatientRecordLists & { kind: "ERASED"; userId: string; erasedAt: Date });
