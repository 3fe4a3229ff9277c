import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import {
  bookings,
  contactChannels,
  notificationEvents,
  notifications,
  patientProfiles,
  webhookReceipts,
} from "@/server/db/schema";
import type { DeliveryStatus } from "./status-order";

export type TrackedChannel = (typeof notifications.$inferSelect)["channel"];

/** What delivery tracking reads of a notification: no content, which is never stored. */
export interface TrackedNotification {
  id: string;
  channel: TrackedChannel;
  address: string;
  status: DeliveryStatus;
  vendorMessageId: string | null;
}

const tracked = {
  id: notifications.id,
  channel: notifications.channel,
  address: notifications.address,
  status: notifications.status,
  vendorMessageId: notifications.vendorMessageId,
};

/**
 * Remembers one webhook delivery; false when it was already applied. Concurrent deliveries of the
 * same event wait on the primary key, and the later one sees the earlier's commit as a conflict.
 */
export async function claimWebhookReceipt(
  db: DbExecutor,
  input: { vendor: string; eventId: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .insert(webhookReceipts)
    .values({ vendor: input.vendor, eventId: input.eventId, receivedAt: input.now })
    .onConflictDoNothing()
    .returning({ eventId: webhookReceipts.eventId });
  return rows.length > 0;
}

/**
 * Remembers a batch of webhook deliveries and returns the ids not seen before. The ids are
 * inserted in sorted order, so concurrent batches sharing ids wait on each other in one order.
 */
export async function claimWebhookReceipts(
  db: DbExecutor,
  input: { vendor: string; eventIds: string[]; now: Date },
): Promise<Set<string>> {
  const eventIds = [...new Set(input.eventIds)].sort();
  if (eventIds.length === 0) return new Set();
  const rows = await db
    .insert(webhookReceipts)
    .values(eventIds.map((eventId) => ({ vendor: input.vendor, eventId, receivedAt: input.now })))
    .onConflictDoNothing()
    .returning({ eventId: webhookReceipts.eventId });
  return new Set(rows.map((row) => row.eventId));
}

/** The notification the vendor knows by this id on one of these channels, locked. */
export async function lockNotificationByVendorMessageId(
  db: DbExecutor,
  input: { channels: TrackedChannel[]; vendorMessageId: string },
): Promise<TrackedNotification | null> {
  const [row] = await db
    .select(tracked)
    .from(notifications)
    .where(
      and(
        eq(notifications.vendorMessageId, input.vendorMessageId),
        or(...input.channels.map((channel) => eq(notifications.channel, channel))),
      ),
    )
    .limit(1)
    .for("update");
  return row ?? null;
}

/**
 * Stores the vendor's id on a notification that has none (a worker can die after the vendor
 * accepted the message and before it stored the id). Never overwrites one, and never takes an id
 * another notification on the channel already holds (the pair is unique).
 */
export async function recordVendorMessageIdIfMissing(
  db: DbExecutor,
  input: { notification: TrackedNotification; vendorMessageId: string },
): Promise<boolean> {
  if (input.notification.vendorMessageId !== null) return false;
  const rows = await db
    .update(notifications)
    .set({ vendorMessageId: input.vendorMessageId })
    .where(
      and(
        eq(notifications.id, input.notification.id),
        isNull(notifications.vendorMessageId),
        sql`NOT EXISTS (SELECT 1 FROM ${notifications} other WHERE other.channel = ${input.notification.channel} AND other.vendor_message_id = ${input.vendorMessageId})`,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** Moves a notification to `status`, stamping when it got there (earlier stamps are kept). */
export async function setNotificationStatus(
  db: DbExecutor,
  input: { id: string; status: DeliveryStatus; now: Date; lastError?: string },
): Promise<void> {
  const { status, now } = input;
  const reached = (column: typeof notifications.sentAt) => sql`coalesce(${column}, ${now.toISOString()}::timestamptz)`;
  const accepted = status === "SENT" || status === "DELIVERED" || status === "READ";
  await db
    .update(notifications)
    .set({
      status,
      ...(accepted ? { sentAt: reached(notifications.sentAt) } : {}),
      ...(status === "DELIVERED" || status === "READ" ? { deliveredAt: reached(notifications.deliveredAt) } : {}),
      ...(status === "READ" ? { readAt: reached(notifications.readAt) } : {}),
      ...(status === "FAILED" ? { failedAt: now } : {}),
      ...(input.lastError !== undefined ? { lastError: input.lastError } : {}),
      updatedAt: now,
    })
    .where(eq(notifications.id, input.id));
}

export async function appendNotificationEvent(
  db: DbExecutor,
  input: { notificationId: string; status: DeliveryStatus; detail: string; now: Date },
): Promise<void> {
  await db.insert(notificationEvents).values({
    notificationId: input.notificationId,
    status: input.status,
    detail: input.detail,
    occurredAt: input.now,
  });
}

interface ContactKey {
  channel: TrackedChannel;
  /** Lower-cased email or E.164 number, as on notifications. */
  address: string;
  now: Date;
}

/** STOP, a spam report or an unsubscribe. The first opt-out is kept while it lasts. */
export async function markContactOptedOut(db: DbExecutor, input: ContactKey): Promise<void> {
  await db
    .insert(contactChannels)
    .values({ channel: input.channel, address: input.address, optedOutAt: input.now })
    .onConflictDoUpdate({
      target: [contactChannels.channel, contactChannels.address],
      set: { optedOutAt: sql`coalesce(${contactChannels.optedOutAt}, excluded.opted_out_at)`, updatedAt: input.now },
    });
}

/** The person wrote to us; on WhatsApp this opens the 24-hour free-form window. Never moves back. */
export async function recordInboundMessage(db: DbExecutor, input: ContactKey): Promise<void> {
  await db
    .insert(contactChannels)
    .values({ channel: input.channel, address: input.address, lastInboundAt: input.now })
    .onConflictDoUpdate({
      target: [contactChannels.channel, contactChannels.address],
      set: {
        lastInboundAt: sql`greatest(${contactChannels.lastInboundAt}, excluded.last_inbound_at)`,
        updatedAt: input.now,
      },
    });
}

export interface UpcomingBooking {
  id: string;
  patientUserId: string | null;
}

/**
 * The next confirmed appointment of whoever writes from this number: a booking given this phone,
 * or one of a patient whose profile has it.
 */
export async function findNextConfirmedBookingByPhone(
  db: DbExecutor,
  input: { phone: string; now: Date },
): Promise<UpcomingBooking | null> {
  const [row] = await db
    .select({ id: bookings.id, patientUserId: bookings.patientUserId })
    .from(bookings)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, bookings.patientUserId))
    .where(
      and(
        eq(bookings.status, "CONFIRMED"),
        gt(bookings.startsAt, input.now),
        or(eq(bookings.guestPhone, input.phone), eq(patientProfiles.phone, input.phone)),
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .limit(1);
  return row ?? null;
}

/** The patient said they will come; the first confirmation is kept. */
export async function confirmAttendance(db: DbExecutor, input: { bookingId: string; now: Date }): Promise<void> {
  await db
    .update(bookings)
    .set({ attendanceConfirmedAt: sql`coalesce(${bookings.attendanceConfirmedAt}, ${input.now.toISOString()}::timestamptz)`, updatedAt: input.now })
    .where(and(eq(bookings.id, input.bookingId), eq(bookings.status, "CONFIRMED")));
}

/**
 * Whether a message of this purpose went to this address within the last `withinMinutes`, by the
 * database clock: notifications are stamped by it (created_at defaults to now()).
 */
export async function hasRecentNotification(
  db: DbExecutor,
  input: { purpose: string; channel: TrackedChannel; address: string; withinMinutes: number },
): Promise<boolean> {
  const [row] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.purpose, input.purpose),
        eq(notifications.channel, input.channel),
        eq(notifications.address, input.address),
        sql`${notifications.createdAt} > now() - make_interval(mins => ${input.withinMinutes})`,
      ),
    )
    .limit(1);
  return row !== undefined;
}
