import type { Database } from "@/server/db/client";
import type { TwilioInboundEvent } from "@/server/integrations/twilio/verify-webhook";
import type { MessagePurpose } from "../messages/types";
import {
  claimWebhookReceipt,
  confirmAttendance,
  findNextConfirmedBookingByPhone,
  hasRecentNotification,
  markContactOptedOut,
  recordInboundMessage,
  type UpcomingBooking,
} from "./delivery-tracking-repository";
import { createNotification, recordOptIn } from "./notification-repository";

export interface HandleInboundMessageOptions {
  db: Database;
  now: Date;
  message: TwilioInboundEvent;
}

export type InboundOutcome =
  /** This MessageSid was handled before. */
  | { outcome: "duplicate" }
  /** Not from a phone number (a short code or sender id): nothing to record or answer. */
  | { outcome: "ignored" }
  | { outcome: "opted-out" | "opted-in" }
  /** `notificationId` null: no answer is sent (Twilio answers SMS HELP itself, or help was sent moments ago). */
  | { outcome: "answered"; purpose: MessagePurpose; notificationId: string | null };

const E164 = /^\+[1-9]\d{6,14}$/;
// Twilio's default opt-out and opt-in keywords, OPTOUT and REVOKE included (as the local cloud's Twilio has them).
const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]);
const START_WORDS = new Set(["START", "YES", "UNSTOP"]);
const HELP_WORDS = new Set(["HELP", "INFO"]);
/** A help text answers at most one message in this many minutes: two auto-responders must not talk forever. */
const HELP_EVERY_MINUTES = 10;

type Intent = "stop" | "start" | "help" | "confirm-attendance" | "manage-link" | "other";

function intentOf(message: TwilioInboundEvent): Intent {
  // Twilio's Advanced Opt-Out names the keyword type itself, including custom keywords.
  if (message.optOut === "STOP") return "stop";
  if (message.optOut === "START") return "start";
  // Keywords count only as the whole message; "Stop." still stops: an opt-out must not fail on punctuation.
  const text = message.body.trim().replace(/[.!]+$/, "").trim().toUpperCase();
  if (STOP_WORDS.has(text)) return "stop";
  if (START_WORDS.has(text)) return "start";
  if (HELP_WORDS.has(text)) return "help";
  if (text === "1") return "confirm-attendance";
  if (text === "2") return "manage-link";
  return "other";
}

/**
 * A patient's WhatsApp or SMS message, in one transaction: the WhatsApp 24-hour window opens,
 * STOP/START opt the number out of or back into that channel, "1" confirms attendance at their
 * next confirmed appointment, "2" asks for its manage link, and anything else gets the help text.
 * Answers go out as notifications (dedupe key `inbound:<MessageSid>`) through the normal send job.
 */
export async function handleInboundMessage({ db, now, message }: HandleInboundMessageOptions): Promise<InboundOutcome> {
  return db.transaction(async (tx) => {
    if (!(await claimWebhookReceipt(tx, { vendor: "twilio", eventId: `${message.messageSid}:received`, now }))) {
      return { outcome: "duplicate" };
    }
    const address = message.from;
    if (!E164.test(address)) return { outcome: "ignored" };
    const channel = message.channel === "whatsapp" ? "WHATSAPP" : "SMS";
    if (channel === "WHATSAPP") await recordInboundMessage(tx, { channel, address, now });

    const intent = intentOf(message);
    if (intent === "stop") {
      await markContactOptedOut(tx, { channel, address, now });
      return { outcome: "opted-out" };
    }
    if (intent === "start") {
      await recordOptIn(tx, channel, address, now);
      return { outcome: "opted-in" };
    }

    let booking: UpcomingBooking | null = null;
    if (intent === "confirm-attendance" || intent === "manage-link") {
      booking = await findNextConfirmedBookingByPhone(tx, { phone: address, now });
    }
    if (booking !== null && intent === "confirm-attendance") await confirmAttendance(tx, { bookingId: booking.id, now });
    const purpose: MessagePurpose =
      booking === null ? "reply.help" : intent === "confirm-attendance" ? "reply.attendance_confirmed" : "reply.manage_link";

    if (purpose === "reply.help") {
      // On SMS, Twilio's own opt-out handling already answers HELP and INFO.
      const twilioAnswers = intent === "help" && channel === "SMS";
      const answeredRecently = await hasRecentNotification(tx, { purpose, channel, address, withinMinutes: HELP_EVERY_MINUTES });
      if (twilioAnswers || answeredRecently) return { outcome: "answered", purpose, notificationId: null };
    }
    const notificationId = await createNotification(tx, {
      dedupeKey: `inbound:${message.messageSid}`,
      purpose,
      bookingId: booking?.id ?? null,
      recipient: "PATIENT",
      recipientUserId: booking?.patientUserId ?? null,
      channel,
      address,
      // They are waiting for the answer: quiet hours do not apply to it.
      deferrable: false,
    });
    return { outcome: "answered", purpose, notificationId };
  });
}
