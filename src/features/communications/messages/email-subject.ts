import { formatDayShort } from "./format-when";
import {
  oneLine,
  reminderLeadWords,
  requireBooking,
  requireMemberInvitation,
  requireProviderInvitation,
  requireProviderReview,
  requireVerification,
} from "./message-context";
import type { MessageContext, MessagePurpose } from "./types";

type EmailPurpose = Exclude<MessagePurpose, `reply.${string}`>;

/**
 * Short and specific: who and which day, so the inbox list alone tells one email from the next.
 * Days are in the recipient's zone; the time itself, with its zone, is in the body. Names are
 * forced onto one line: a line break in a subject would start a new mail header.
 */
export function emailSubject(ctx: MessageContext, purpose: EmailPurpose): string {
  if (purpose === "verification.code") return `Your MedBookings code: ${requireVerification(ctx).code}`;
  if (purpose === "provider.calendar_reconnect") return "Reconnect Google Calendar to MedBookings";
  if (purpose === "organization.invitation") return limited(`Join ${oneLine(requireMemberInvitation(ctx).organizationName)} on MedBookings`);
  if (purpose === "organization.provider_invitation") return limited(`${oneLine(requireProviderInvitation(ctx).organizationName)} invited you to its network`);
  switch (purpose) {
    case "provider_review.document_rejected":
      return limited(`Not accepted: ${oneLine(requireProviderReview(ctx, purpose).documentName ?? "")}`);
    case "provider_review.approved":
      return "Your profile is live on MedBookings";
    case "provider_review.rejected":
      return "Your provider profile was not approved";
    case "provider_review.suspended":
      return "Your provider profile on MedBookings is suspended";
    case "provider_review.reinstated":
      return "Your profile is live on MedBookings again";
  }
  const booking = requireBooking(ctx);
  const provider = oneLine(booking.provider.displayName);
  const day = formatDayShort(booking.startsAt, ctx.timeZone);
  switch (purpose) {
    case "booking.requested":
      return `Request sent: ${provider}, ${day}`;
    case "booking.confirmed":
      return `Confirmed: ${provider}, ${day}`;
    case "booking.declined":
      return `Not accepted: ${provider}, ${day}`;
    case "booking.rescheduled":
      return `Rescheduled: ${provider}, now ${day}`;
    case "booking.cancelled":
      return `Cancelled: ${provider}, ${day}`;
    case "booking.reminder":
      return `Reminder: ${provider} ${reminderLeadWords(ctx)}`;
    case "provider.booking_requested":
      return `New booking request for ${day}`;
    case "provider.booking_confirmed":
      return `New booking for ${day}`;
    case "provider.booking_cancelled":
      return `Booking cancelled: ${day}`;
    case "provider.booking_rescheduled":
      return `Booking moved to ${day}`;
    case "provider.meet_failed":
      return `Send a video link: online booking ${day}`;
  }
}

/** An organization's name is free text: a long one is cut so the subject stays short enough to read in a list. */
function limited(subject: string): string {
  return subject.length <= 60 ? subject : `${subject.slice(0, 59).trimEnd()}…`;
}
