import { formatInstant, formatWhen } from "./format-when";
import {
  assertMessageContext,
  bookAgainUrl,
  calendarSyncUrl,
  checkedUrl,
  isOrganizationPurpose,
  isProviderPurpose,
  isProviderReviewPurpose,
  oneLine,
  reminderLeadWords,
  requireBooking,
  requireManageUrl,
  requirePrevious,
  requireProviderUrl,
  requireVerification,
} from "./message-context";
import type { MessageBooking, MessageContext } from "./types";

export type TextChannel = "WHATSAPP" | "SMS";

/**
 * What goes into a text, and what does not: a text can be read on a locked screen or a shared
 * phone, so a patient's text names only the provider, the time and a link (never the service,
 * the place, a reason or notes), and a provider's text never names the patient (the link to
 * their bookings page shows who, after sign-in).
 */
interface Words {
  when: (start: Date, end: Date) => string;
  provider: (booking: MessageBooking) => string;
}

function wordsFor(ctx: MessageContext, channel: TextChannel): Words {
  // SMS is billed per segment: the compact, ASCII-only form keeps it in GSM-7 and short.
  const style = channel === "SMS" ? "compact" : "long";
  return {
    when: (start, end) => formatWhen(start, end, ctx.timeZone, { style }),
    provider: (booking) => oneLine(booking.provider.displayName),
  };
}

/** The old time of a reschedule without its zone when the new time just named the same one (SMS length). */
function withoutRepeatedZone(previous: string, current: string): string {
  const zone = (text: string) => text.slice(text.lastIndexOf(" ("));
  return zone(previous) === zone(current) ? previous.slice(0, previous.lastIndexOf(" (")) : previous;
}

function cancelledSentence(booking: MessageBooking, provider: string, when: string): string {
  switch (booking.cancelledBy) {
    case "PATIENT":
      return `You cancelled your appointment with ${provider} on ${when}.`;
    case "PROVIDER":
      return `${provider} cancelled your appointment on ${when}.`;
    case "SYSTEM":
      return `Your appointment with ${provider} on ${when} was cancelled: it was cancelled automatically.`;
    case null:
      return `Your appointment with ${provider} on ${when} was cancelled.`;
  }
}

const PROVIDER_NOTICE_WORDS = {
  "provider.booking_requested": "New booking request",
  "provider.booking_confirmed": "New booking",
  "provider.booking_cancelled": "Cancelled booking",
  "provider.booking_rescheduled": "Rescheduled booking",
  "provider.meet_failed": "Online booking without a Google Meet link (please send the patient one yourself)",
} as const;

/** The provider notice's "what happened", shared with the provider_notice WhatsApp template. */
export function providerNoticeWords(purpose: keyof typeof PROVIDER_NOTICE_WORDS): string {
  return PROVIDER_NOTICE_WORDS[purpose];
}

export const HELP_TEXT = "MedBookings: reply 1 to confirm you will attend your next appointment, 2 for your booking link, or STOP to stop messages.";

function verificationText(ctx: MessageContext, channel: TextChannel): string {
  const { code, expiresAt } = requireVerification(ctx);
  const style = channel === "SMS" ? "compact" : "long";
  const body = `Your MedBookings code is ${code}. It expires at ${formatInstant(expiresAt, ctx.timeZone, { style })}. If you did not ask for it, ignore this message.`;
  if (channel === "WHATSAPP") return body;
  // WebOTP's origin-bound last line: a browser on this site can offer to fill the code in.
  const host = new URL(checkedUrl(ctx, "ctx.appUrl", ctx.appUrl)).host;
  return `${body}\n\n@${host} #${code}`;
}

/**
 * A free-form WhatsApp message (inside the 24-hour window) or SMS for any purpose. Only English
 * copy exists for now: any ctx.language renders in English.
 */
export function renderText(ctx: MessageContext, channel: TextChannel): string {
  assertMessageContext(ctx);
  if (channel !== "WHATSAPP" && channel !== "SMS") throw new Error(`Message ${ctx.purpose}: renderText channel must be WHATSAPP or SMS.`);
  const { purpose } = ctx;
  if (isOrganizationPurpose(purpose)) {
    throw new Error(`Message ${purpose}: organization invitations go by email only (an invitee has only an email address); use renderEmail.`);
  }
  if (isProviderReviewPurpose(purpose)) {
    throw new Error(`Message ${purpose}: the platform's review decisions go by email only (a reason can be long and is not for a locked screen); use renderEmail.`);
  }
  if (purpose === "verification.code") return verificationText(ctx, channel);
  if (purpose === "reply.help") return HELP_TEXT;
  if (purpose === "provider.calendar_reconnect") {
    return `MedBookings: Google Calendar is disconnected, so your availability uses MedBookings bookings only. Reconnect it: ${calendarSyncUrl(ctx)}`;
  }
  const words = wordsFor(ctx, channel);
  const booking = requireBooking(ctx);
  const when = words.when(booking.startsAt, booking.endsAt);
  if (isProviderPurpose(purpose)) {
    return `MedBookings: ${providerNoticeWords(purpose)} for ${when}. Details: ${requireProviderUrl(ctx)}`;
  }
  const provider = words.provider(booking);
  switch (purpose) {
    case "booking.requested":
      return `MedBookings: your request with ${provider} for ${when} has been sent. We will message you when it is confirmed. Manage it: ${requireManageUrl(ctx)}`;
    case "booking.confirmed":
      return `MedBookings: your appointment with ${provider} on ${when} is confirmed. Manage it: ${requireManageUrl(ctx)}`;
    case "booking.declined":
      return `MedBookings: ${provider} could not accept your request for ${when}. Book another time: ${bookAgainUrl(ctx, booking)}`;
    case "booking.rescheduled": {
      const previous = requirePrevious(ctx, booking);
      return `MedBookings: your appointment with ${provider} has moved to ${when}. It was ${withoutRepeatedZone(words.when(previous.startsAt, previous.endsAt), when)}. Manage it: ${requireManageUrl(ctx)}`;
    }
    case "booking.cancelled":
      return `MedBookings: ${cancelledSentence(booking, provider, when)} Book again: ${bookAgainUrl(ctx, booking)}`;
    case "booking.reminder":
      return `MedBookings reminder: your appointment with ${provider} is ${reminderLeadWords(ctx)}, on ${when}. ${
        // The same offer as the reminder template, shorter where every character is billed.
        channel === "SMS" ? "Reply 1 if you will attend, 2 for your booking link." : "Reply 1 to confirm you will attend, or 2 to get your booking link."
      } Manage it: ${requireManageUrl(ctx)}`;
    case "reply.attendance_confirmed":
      return `Thank you: you have confirmed you will attend your appointment with ${provider} on ${when}. Manage it: ${requireManageUrl(ctx)}`;
    case "reply.manage_link":
      return `Your next appointment is with ${provider} on ${when}. View, reschedule or cancel it: ${requireManageUrl(ctx)}`;
  }
}
