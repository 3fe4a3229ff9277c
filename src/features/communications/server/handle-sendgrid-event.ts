import type { Database, DbExecutor } from "@/server/db/client";
import type { SendGridEvent } from "@/server/integrations/sendgrid/verify-webhook";
import { applyDeliveryStatus } from "./apply-delivery-status";
import {
  claimWebhookReceipts,
  lockNotificationByVendorMessageId,
  markContactOptedOut,
  recordVendorMessageIdIfMissing,
  type TrackedNotification,
} from "./delivery-tracking-repository";
import { lockNotification, markContactChannelBad } from "./notification-repository";
import { scheduleFallback } from "./schedule-fallback";
import { reportedStatusOfSendGrid, type ReportedStatus } from "./status-order";

export interface HandleSendGridEventsOptions {
  db: Database;
  now: Date;
  /** One verified Event Webhook batch, in the order SendGrid sent it. */
  events: SendGridEvent[];
}

export interface SendGridBatchOutcome {
  applied: number;
  /** Recorded on a notification without moving it (late, repeated, or saying nothing about delivery). */
  ignored: number;
  duplicates: number;
  /** Events of messages that are not ours or no longer exist. */
  unknown: number;
  fallbacks: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENHANCED_STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;
const EVENT_NAME = /^[a-z_]{1,40}$/;
/** SendGrid's drop reasons that are the recipient's own choice, not a broken address. */
const OPT_OUT_DROPS = new Set(["Unsubscribed Address", "Spam Reporting Address"]);

type AddressVerdict = { kind: "bad"; reason: string } | { kind: "opted-out" } | null;

interface Reading {
  reported: ReportedStatus | null;
  /** Our words for the log: the event type and SendGrid's status code, never its free-text reason or a URL. */
  detail: string;
  address: AddressVerdict;
}

function read(event: SendGridEvent): Reading {
  const type = String(event.event);
  const raw = event as unknown as Record<string, unknown>;
  const code = typeof raw.status === "string" && ENHANCED_STATUS.test(raw.status) ? ` ${raw.status}` : "";
  switch (type) {
    case "open":
      // Apple Mail and others fetch every image on arrival: a machine open is not the patient reading.
      return raw.sg_machine_open === true
        ? { reported: null, detail: "open (machine)", address: null }
        : { reported: "READ", detail: "open", address: null };
    case "bounce":
      // A "blocked" bounce is the receiving server refusing this message (reputation, content), not a dead mailbox.
      return raw.type === "blocked"
        ? { reported: "FAILED", detail: `blocked${code}`, address: null }
        : { reported: "FAILED", detail: `bounce${code}`, address: { kind: "bad", reason: `bounce${code}` } };
    case "dropped":
      return {
        reported: "FAILED",
        detail: "dropped",
        address: typeof raw.reason === "string" && OPT_OUT_DROPS.has(raw.reason) ? { kind: "opted-out" } : { kind: "bad", reason: "dropped" },
      };
    case "spamreport":
    case "unsubscribe":
      return { reported: null, detail: type, address: { kind: "opted-out" } };
    default:
      return { reported: reportedStatusOfSendGrid(type), detail: EVENT_NAME.test(type) ? type : "unknown", address: null };
  }
}

/** The X-Message-Id we stored: sg_message_id is it plus "." and SendGrid's per-recipient suffix. */
function messageIdOf(event: SendGridEvent): string | null {
  const prefix = typeof event.sg_message_id === "string" ? event.sg_message_id.split(".")[0] : undefined;
  return prefix ? prefix : null;
}

function referenceOf(event: SendGridEvent): string | null {
  return typeof event.reference === "string" && UUID.test(event.reference) ? event.reference : null;
}

async function findNotification(tx: DbExecutor, event: SendGridEvent): Promise<TrackedNotification | null> {
  const reference = referenceOf(event);
  if (reference !== null) {
    const byReference = await lockNotification(tx, reference);
    if (byReference !== null && byReference.channel === "EMAIL") return byReference;
  }
  const messageId = messageIdOf(event);
  return messageId === null ? null : lockNotificationByVendorMessageId(tx, { channels: ["EMAIL"], vendorMessageId: messageId });
}

/**
 * One Event Webhook batch in one transaction. Each event is applied once (SendGrid redelivers:
 * sg_event_id is remembered), moves its email's notification only forward, and is logged; bounces
 * and drops mark the address and hand the message to the next channel, spam reports and
 * unsubscribes opt the address out of email.
 */
export async function handleSendGridEvents({ db, now, events }: HandleSendGridEventsOptions): Promise<SendGridBatchOutcome> {
  // Notifications are locked in order of their key, the events of one notification in the batch's order.
  const ordered = events
    .map((event, index) => ({ event, index, key: referenceOf(event) ?? messageIdOf(event) ?? "" }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
    .map(({ event }) => event);
  return db.transaction(async (tx) => {
    const outcome: SendGridBatchOutcome = { applied: 0, ignored: 0, duplicates: 0, unknown: 0, fallbacks: 0 };
    // All receipts first, in one statement: two batches sharing events (a redelivery racing the
    // original) then wait on each other here, before either holds a notification lock, so they cannot deadlock.
    const fresh = await claimWebhookReceipts(tx, { vendor: "sendgrid", eventIds: ordered.map((event) => event.sg_event_id), now });
    for (const event of ordered) {
      // Deleting marks an event as taken, so the same event listed twice in a batch counts once.
      if (!fresh.delete(event.sg_event_id)) {
        outcome.duplicates += 1;
        continue;
      }
      const reading = read(event);
      const notification = await findNotification(tx, event);
      const address = notification?.address ?? (typeof event.email === "string" ? event.email.trim().toLowerCase() : "");
      if (reading.address !== null && address !== "") {
        if (reading.address.kind === "bad") await markContactChannelBad(tx, "EMAIL", address, reading.address.reason, now);
        else await markContactOptedOut(tx, { channel: "EMAIL", address, now });
      }
      if (notification === null) {
        outcome.unknown += 1;
        continue;
      }
      const messageId = messageIdOf(event);
      if (messageId !== null) await recordVendorMessageIdIfMissing(tx, { notification, vendorMessageId: messageId });
      const { applied } = await applyDeliveryStatus({ db: tx, now, notification, reported: reading.reported, detail: reading.detail });
      outcome[applied ? "applied" : "ignored"] += 1;
      // Only the event that failed the message hands it on: a drop followed by a bounce sends one fallback.
      if (applied && reading.reported === "FAILED") {
        await scheduleFallback({ db: tx, notificationId: notification.id, now });
        outcome.fallbacks += 1;
      }
    }
    return outcome;
  });
}
