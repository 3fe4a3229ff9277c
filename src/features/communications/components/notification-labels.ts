import type { NotificationChannelValue, NotificationStatusValue } from "../notification-log";

export const CHANNEL_LABEL: Record<NotificationChannelValue, string> = { EMAIL: "Email", WHATSAPP: "WhatsApp", SMS: "SMS" };

export const STATUS_LABEL: Record<NotificationStatusValue, string> = {
  PENDING: "Waiting",
  SENDING: "Sending",
  SENT: "Sent",
  DELIVERED: "Delivered",
  READ: "Read",
  FAILED: "Failed",
  DEAD: "Gave up",
  SKIPPED: "Not sent",
};

const PURPOSE_LABEL: Record<string, string> = {
  "booking.requested": "Request received",
  "booking.confirmed": "Booking confirmed",
  "booking.declined": "Request declined",
  "booking.rescheduled": "Booking moved",
  "booking.cancelled": "Booking cancelled",
  "booking.reminder": "Reminder",
  "provider.booking_requested": "New request (to you)",
  "provider.booking_confirmed": "New booking (to you)",
  "provider.booking_cancelled": "Cancellation (to you)",
  "provider.booking_rescheduled": "Reschedule (to you)",
  "provider.meet_failed": "No Meet link (to you)",
  "provider.calendar_reconnect": "Reconnect Google Calendar (to you)",
  "organization.invitation": "Invitation to join an organization",
  "organization.provider_invitation": "Invitation to an organization's network",
  "provider_review.document_rejected": "Document not accepted (to you)",
  "provider_review.approved": "Profile approved (to you)",
  "provider_review.rejected": "Profile not approved (to you)",
  "provider_review.suspended": "Profile suspended (to you)",
  "provider_review.reinstated": "Profile reinstated (to you)",
  "reply.attendance_confirmed": "Reply: attendance confirmed",
  "reply.manage_link": "Reply: booking link",
  "reply.help": "Reply: help",
};

export function purposeLabel(purpose: string): string {
  return PURPOSE_LABEL[purpose] ?? purpose;
}

/**
 * Times in the viewer's zone, named, so a log read across zones is never ambiguous. Fields one
 * by one: Intl refuses timeZoneName together with dateStyle/timeStyle.
 */
export function formatLogTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}
