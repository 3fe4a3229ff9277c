/**
 * Where a vendor's delivery report puts a notification, and whether it may move it. Reports arrive
 * late, twice and out of order (Twilio says so; SendGrid batches), so a status only ever moves
 * forward: PENDING/SENDING < SENT < DELIVERED < READ, and FAILED is final.
 */

export type DeliveryStatus = "PENDING" | "SENDING" | "SENT" | "DELIVERED" | "READ" | "FAILED" | "DEAD" | "SKIPPED";

/** What a report can say about a message: its new status, or nothing (an event worth recording only). */
export type ReportedStatus = Extract<DeliveryStatus, "SENT" | "DELIVERED" | "READ" | "FAILED">;

const RANK: Record<DeliveryStatus, number | null> = {
  PENDING: 0,
  SENDING: 0,
  // We gave up on it, but a report means the vendor accepted one of our attempts: the report wins.
  DEAD: 0,
  SENT: 1,
  DELIVERED: 2,
  READ: 3,
  FAILED: 4,
  // Final: nothing we sent, or refused for good.
  SKIPPED: null,
};

const TWILIO: Record<string, ReportedStatus> = {
  accepted: "SENT",
  scheduled: "SENT",
  queued: "SENT",
  sending: "SENT",
  sent: "SENT",
  delivered: "DELIVERED",
  partially_delivered: "DELIVERED",
  read: "READ",
  failed: "FAILED",
  undelivered: "FAILED",
  canceled: "FAILED",
};

const SENDGRID: Record<string, ReportedStatus> = {
  processed: "SENT",
  delivered: "DELIVERED",
  open: "READ",
  bounce: "FAILED",
  dropped: "FAILED",
};

/** Twilio's MessageStatus in our words; null for values that say nothing about delivery (received, unknown). */
export function reportedStatusOfTwilio(messageStatus: string): ReportedStatus | null {
  return Object.hasOwn(TWILIO, messageStatus) ? (TWILIO[messageStatus] ?? null) : null;
}

/** A SendGrid event type in our words; null for events recorded only (deferred, click, spamreport, unknown). */
export function reportedStatusOfSendGrid(eventType: string): ReportedStatus | null {
  return Object.hasOwn(SENDGRID, eventType) ? (SENDGRID[eventType] ?? null) : null;
}

/** True when `reported` moves a notification now at `current` forward; FAILED and SKIPPED never move. */
export function isDeliveryAdvance(current: DeliveryStatus, reported: ReportedStatus): boolean {
  const from = RANK[current];
  const to = RANK[reported];
  if (from === null || to === null || current === "FAILED") return false;
  return to > from;
}
