import type { NotificationRecipientValue } from "../notification-log";
/**
 * The message catalogue's contract: what the sender knows when a message goes out, and what the
 * catalogue gives back for each channel. Content is rendered at send time from the booking as it
 * is then, so a reminder never quotes a time that has since changed.
 */

/**
 * Catalogue keys. Patient messages first, then provider notices, organization invitations (email
 * only: to an invited address, and to a provider invited to a network), the platform's review
 * decisions on a provider (email only: a document not accepted, the profile approved, rejected,
 * suspended or reinstated), the guest's code, and the answers to inbound WhatsApp/SMS replies
 * (text channels only; sent inside the 24-hour window).
 */
export const MESSAGE_PURPOSES = [
  "booking.requested",
  "booking.confirmed",
  "booking.declined",
  "booking.rescheduled",
  "booking.cancelled",
  "booking.reminder",
  "provider.booking_requested",
  "provider.booking_confirmed",
  "provider.booking_cancelled",
  "provider.booking_rescheduled",
  "provider.meet_failed",
  "provider.calendar_reconnect",
  "organization.invitation",
  "organization.provider_invitation",
  "provider_review.document_rejected",
  "provider_review.approved",
  "provider_review.rejected",
  "provider_review.suspended",
  "provider_review.reinstated",
  "verification.code",
  "reply.attendance_confirmed",
  "reply.manage_link",
  "reply.help",
] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

export type MessageChannel = "EMAIL" | "WHATSAPP" | "SMS";

export interface MessageBooking {
  id: string;
  status: "PENDING" | "CONFIRMED" | "DECLINED" | "CANCELLED" | "COMPLETED" | "NO_SHOW";
  startsAt: Date;
  endsAt: Date;
  mode: "IN_PERSON" | "ONLINE";
  provider: { id: string; slug: string; displayName: string; timeZone: string };
  service: { id: string; name: string; durationMinutes: number };
  location: { id: string; name: string; formattedAddress: string; timeZone: string } | null;
  /** The Meet link once Google reports it ready (the provider's calendar receives bookings); null otherwise. */
  meetUrl: string | null;
  /** iCalendar SEQUENCE of this version of the booking. */
  calendarSequence: number;
  /** Set for booking.rescheduled: the time it moved from. */
  previous: { startsAt: Date; endsAt: Date } | null;
  /** Who cancelled or declined, and the reason they gave (may be empty). */
  cancelledBy: "PATIENT" | "PROVIDER" | "SYSTEM" | null;
  cancellationReason: string | null;
  /** Patient name and contact: only ever rendered into messages to the provider. */
  patient: { name: string; email: string | null; phone: string | null; isGuest: boolean };
}

export interface MessageContext {
  purpose: MessagePurpose;
  recipient: NotificationRecipientValue;
  /** The recipient's IANA zone: every time shown is in it, with the zone named. */
  timeZone: string;
  /** BCP 47, e.g. "en"; the catalogue falls back to English. */
  language: string;
  /** The app's public origin, e.g. https://medbookings.example (no trailing slash). */
  appUrl: string;
  /** Absent for verification.code, provider.calendar_reconnect and organization invitations. */
  booking: MessageBooking | null;
  /** The patient's signed manage link (patient messages about a booking). */
  manageUrl: string | null;
  /** Where a provider handles the booking (provider notices). */
  providerUrl: string | null;
  /** booking.reminder: minutes before the start this reminder was set for. */
  reminderOffsetMinutes?: number;
  /** provider.calendar_reconnect only: the Google account whose access Google withdrew. */
  calendarAccount?: { googleEmail: string };
  /** organization.invitation only: the link is signed (its token derived by organizations). */
  memberInvitation?: { organizationName: string; invitedByName: string | null; role: string; acceptUrl: string; expiresAt: Date };
  /** organization.provider_invitation only. */
  providerInvitation?: { organizationName: string; invitedByName: string | null; networkUrl: string };
  /**
   * provider_review.* only, read from the database when the message is sent (the outbox carries
   * ids): the provider's name, the reason an admin gave (document_rejected, rejected, suspended),
   * the document's name (document_rejected), and where the provider acts next.
   */
  providerReview?: { providerName: string; reason: string | null; documentName: string | null; actionUrl: string };
  /** verification.code only. */
  verification?: { code: string; expiresAt: Date };
  /** Stamped as DTSTAMP in calendar files; injected for reproducible output. */
  now: Date;
  /**
   * The From address of emails (SENDGRID_FROM_EMAIL). Patient booking emails need it: it is the
   * ORGANIZER of their calendar invitation, which mail clients expect to match the sender.
   */
  senderEmail?: string;
}

export interface EmailAttachment {
  filename: string;
  /** e.g. "text/calendar; charset=utf-8; method=REQUEST" */
  contentType: string;
  content: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  attachments: EmailAttachment[];
}

/**
 * A WhatsApp message outside the 24-hour window must be an approved template: `templateKey`
 * names it (the deployment maps key + language to a Twilio ContentSid) and `variables` fill its
 * numbered placeholders. No patient data goes into variables: links to signed pages instead.
 */
export interface RenderedWhatsAppTemplate {
  templateKey: string;
  variables: Record<string, string>;
}
