import type { Database, DbExecutor } from "@/server/db/client";
import { describeTwilioError } from "@/server/integrations/twilio/errors";
import type { TwilioStatusEvent } from "@/server/integrations/twilio/verify-webhook";
import { applyDeliveryStatus } from "./apply-delivery-status";
import {
  claimWebhookReceipt,
  lockNotificationByVendorMessageId,
  markContactOptedOut,
  recordVendorMessageIdIfMissing,
  type TrackedNotification,
} from "./delivery-tracking-repository";
import { lockNotification, markContactChannelBad } from "./notification-repository";
import { scheduleFallback } from "./schedule-fallback";
import { reportedStatusOfTwilio } from "./status-order";

export interface HandleTwilioEventOptions {
  db: Database;
  now: Date;
  event: TwilioStatusEvent;
  /** The callback URL's `ref` query parameter: our notification id, set when the message was sent. */
  reference: string | null;
}

export type TwilioEventOutcome =
  /** This MessageSid + MessageStatus was handled before. */
  | { outcome: "duplicate" }
  /** No notification of ours has this ref or MessageSid. */
  | { outcome: "unknown-message" }
  | { outcome: "applied" | "ignored"; fallbackScheduled: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** WhatsApp's "not a WhatsApp user" (63003 no such To address, 63024 invalid recipient). */
const NOT_ON_WHATSAPP = new Set([63003, 63024]);

type Unreachable = { kind: "bad"; reason: string } | { kind: "opted-out" };

/** Whether a failure's ErrorCode means this address cannot receive on this channel, as opposed to this one message failing. */
function unreachable(notification: TrackedNotification, errorCode: number | null): Unreachable | null {
  if (errorCode === null) return null;
  if (notification.channel === "WHATSAPP" && NOT_ON_WHATSAPP.has(errorCode)) {
    return { kind: "bad", reason: `not-on-whatsapp ${errorCode}` };
  }
  const { reason } = describeTwilioError(errorCode);
  // The patient replied STOP: an opt-out, which their START lifts, not a dead number.
  if (reason === "recipient-opted-out") return { kind: "opted-out" };
  if (reason === "invalid-recipient" || reason === "unreachable") return { kind: "bad", reason: `${reason} ${errorCode}` };
  return null;
}

async function findNotification(
  tx: DbExecutor,
  event: TwilioStatusEvent,
  reference: string | null,
): Promise<TrackedNotification | null> {
  if (reference !== null && UUID.test(reference)) {
    const byReference = await lockNotification(tx, reference);
    if (byReference !== null && byReference.channel !== "EMAIL") return byReference;
  }
  return lockNotificationByVendorMessageId(tx, { channels: ["SMS", "WHATSAPP"], vendorMessageId: event.messageSid });
}

/**
 * A Twilio status callback, in one transaction: the message's notification moves forward (never
 * back), every report is logged, and a failure meaning the number cannot receive marks that
 * address and hands the message to the next channel.
 */
export async function handleTwilioEvent({ db, now, event, reference }: HandleTwilioEventOptions): Promise<TwilioEventOutcome> {
  return db.transaction(async (tx) => {
    const fresh = await claimWebhookReceipt(tx, { vendor: "twilio", eventId: `${event.messageSid}:${event.status}`, now });
    if (!fresh) return { outcome: "duplicate" };
    const notification = await findNotification(tx, event, reference);
    if (notification === null) return { outcome: "unknown-message" };
    await recordVendorMessageIdIfMissing(tx, { notification, vendorMessageId: event.messageSid });

    const reported = reportedStatusOfTwilio(event.status);
    const detail = event.errorCode === null ? event.status : `${event.status} ${event.errorCode}`;
    const { applied } = await applyDeliveryStatus({ db: tx, now, notification, reported, detail });

    let fallbackScheduled = false;
    const cannotReceive = reported === "FAILED" ? unreachable(notification, event.errorCode) : null;
    if (cannotReceive !== null) {
      const contact = { channel: notification.channel, address: notification.address, now };
      if (cannotReceive.kind === "bad") await markContactChannelBad(tx, contact.channel, contact.address, cannotReceive.reason, now);
      else await markContactOptedOut(tx, contact);
      // Only the report that failed the message hands it on: a second failure report must not send it twice.
      if (applied) {
        await scheduleFallback({ db: tx, notificationId: notification.id, now });
        fallbackScheduled = true;
      }
    }
    return { outcome: applied ? "applied" : "ignored", fallbackScheduled };
  });
}
