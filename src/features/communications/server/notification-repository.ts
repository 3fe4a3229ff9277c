import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { contactChannels, notificationEvents, notifications } from "@/server/db/schema";
import { addJob } from "@/server/jobs/job-repository";
import type { MessagePurpose } from "../messages/types";

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationStatus = NotificationRow["status"];
export type Channel = NotificationRow["channel"];

export interface NewNotification {
  dedupeKey: string;
  purpose: MessagePurpose;
  bookingId: string | null;
  outboxEventId?: number | null;
  recipient: "PATIENT" | "PROVIDER";
  recipientUserId: string | null;
  channel: Channel;
  address: string;
  params?: Record<string, unknown>;
  deferrable?: boolean;
  fallbackOf?: string | null;
  /** When to try first (default now). */
  runAt?: Date;
}

/** Jobs of one notification share a key, so a re-added attempt replaces a pending one instead of doubling it. */
export const sendJobKey = (notificationId: string) => `notification:${notificationId}`;

/**
 * Inserts a notification and adds its send job in the caller's transaction. The dedupe key makes
 * this idempotent: a second call for the same logical message does nothing and returns null.
 */
export async function createNotification(db: DbExecutor, input: NewNotification): Promise<string | null> {
  const [row] = await db
    .insert(notifications)
    .values({
      dedupeKey: input.dedupeKey,
      purpose: input.purpose,
      bookingId: input.bookingId,
      outboxEventId: input.outboxEventId ?? null,
      recipient: input.recipient,
      recipientUserId: input.recipientUserId,
      channel: input.channel,
      address: input.address,
      params: input.params ?? {},
      deferrable: input.deferrable ?? true,
      fallbackOf: input.fallbackOf ?? null,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  if (!row) return null;
  await db.insert(notificationEvents).values({ notificationId: row.id, status: "PENDING", detail: "created" });
  await addJob(db, "notification.send", { notificationId: row.id }, { jobKey: sendJobKey(row.id), runAt: input.runAt, maxAttempts: 5 });
  return row.id;
}

export async function scheduleSendAttempt(db: DbExecutor, notificationId: string, runAt: Date): Promise<void> {
  await addJob(db, "notification.send", { notificationId }, { jobKey: sendJobKey(notificationId), runAt, maxAttempts: 5 });
}

export async function lockNotification(db: DbExecutor, id: string): Promise<NotificationRow | null> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id)).for("update");
  return row ?? null;
}

export async function findNotification(db: DbExecutor, id: string): Promise<NotificationRow | null> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row ?? null;
}

export async function updateNotification(
  db: DbExecutor,
  id: string,
  changes: Partial<Omit<typeof notifications.$inferInsert, "id" | "dedupeKey">>,
  event: { status: NotificationStatus; detail: string | null },
): Promise<void> {
  await db.update(notifications).set(changes).where(eq(notifications.id, id));
  await db.insert(notificationEvents).values({ notificationId: id, status: event.status, detail: event.detail });
}

export async function recordNotificationEvent(db: DbExecutor, id: string, status: NotificationStatus, detail: string | null): Promise<void> {
  await db.insert(notificationEvents).values({ notificationId: id, status, detail });
}

/** A vendor message id already recorded on a notification of this channel (the in-doubt recovery must not claim it twice). */
export async function isVendorMessageClaimed(db: DbExecutor, channel: Channel, vendorMessageId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.channel, channel), eq(notifications.vendorMessageId, vendorMessageId)));
  return row !== undefined;
}

/** Notifications a dead worker left SENDING since before `startedBefore`. */
export async function listInDoubtNotifications(db: DbExecutor, startedBefore: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.status, "SENDING"), lt(notifications.sendingStartedAt, startedBefore)))
    .orderBy(asc(notifications.sendingStartedAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

export type ContactChannelRow = typeof contactChannels.$inferSelect;

export async function findContactChannels(db: DbExecutor, keys: Array<{ channel: Channel; address: string }>): Promise<ContactChannelRow[]> {
  if (keys.length === 0) return [];
  const addresses = [...new Set(keys.map((key) => key.address))];
  const rows = await db.select().from(contactChannels).where(inArray(contactChannels.address, addresses));
  return rows.filter((row) => keys.some((key) => key.channel === row.channel && key.address === row.address));
}

export async function markContactChannelBad(db: DbExecutor, channel: Channel, address: string, reason: string, now: Date): Promise<void> {
  await db
    .insert(contactChannels)
    .values({ channel, address, badAt: now, badReason: reason })
    .onConflictDoUpdate({ target: [contactChannels.channel, contactChannels.address], set: { badAt: now, badReason: reason, updatedAt: now } });
}

export async function recordOptIn(db: DbExecutor, channel: Channel, address: string, now: Date): Promise<void> {
  await db
    .insert(contactChannels)
    .values({ channel, address, optedInAt: now })
    .onConflictDoUpdate({ target: [contactChannels.channel, contactChannels.address], set: { optedInAt: now, optedOutAt: null, updatedAt: now } });
}

export interface NotificationLogRow {
  id: string;
  purpose: string;
  recipient: "PATIENT" | "PROVIDER";
  channel: Channel;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  skipReason: string | null;
  fallbackOf: string | null;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  failedAt: Date | null;
  events: Array<{ status: NotificationStatus; detail: string | null; occurredAt: Date }>;
}

export async function listNotificationLog(db: DbExecutor, bookingId: string): Promise<NotificationLogRow[]> {
  const rows = await db
    .select({
      id: notifications.id,
      purpose: notifications.purpose,
      recipient: notifications.recipient,
      channel: notifications.channel,
      status: notifications.status,
      attempts: notifications.attempts,
      lastError: notifications.lastError,
      skipReason: notifications.skipReason,
      fallbackOf: notifications.fallbackOf,
      createdAt: notifications.createdAt,
      sentAt: notifications.sentAt,
      deliveredAt: notifications.deliveredAt,
      readAt: notifications.readAt,
      failedAt: notifications.failedAt,
    })
    .from(notifications)
    .where(and(eq(notifications.bookingId, bookingId), sql`${notifications.purpose} <> 'verification.code'`))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
  if (rows.length === 0) return [];
  const events = await db
    .select()
    .from(notificationEvents)
    .where(inArray(notificationEvents.notificationId, rows.map((row) => row.id)))
    .orderBy(asc(notificationEvents.id));
  return rows.map((row) => ({
    ...row,
    events: events
      .filter((event) => event.notificationId === row.id)
      .map((event) => ({ status: event.status, detail: event.detail, occurredAt: event.occurredAt })),
  }));
}

export interface DeadNotificationRow {
  id: string;
  purpose: string;
  recipient: "PATIENT" | "PROVIDER";
  channel: Channel;
  bookingId: string | null;
  attempts: number;
  lastError: string | null;
  updatedAt: Date;
}

/** Newest first; `before` pages by updatedAt. */
export async function listDeadNotifications(db: DbExecutor, input: { limit: number; before: Date | null }): Promise<DeadNotificationRow[]> {
  return db
    .select({
      id: notifications.id,
      purpose: notifications.purpose,
      recipient: notifications.recipient,
      channel: notifications.channel,
      bookingId: notifications.bookingId,
      attempts: notifications.attempts,
      lastError: notifications.lastError,
      updatedAt: notifications.updatedAt,
    })
    .from(notifications)
    .where(and(eq(notifications.status, "DEAD"), input.before ? lt(notifications.updatedAt, input.before) : undefined))
    .orderBy(desc(notifications.updatedAt), desc(notifications.id))
    .limit(input.limit);
}

export async function countDeadNotifications(db: DbExecutor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(eq(notifications.status, "DEAD"));
  return row?.n ?? 0;
}

/** Pending notifications of a booking, e.g. to skip reminders of a booking that was cancelled. */
export async function pendingNotificationsOfBooking(db: DbExecutor, bookingId: string, purposes: MessagePurpose[]): Promise<string[]> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.bookingId, bookingId), eq(notifications.status, "PENDING"), inArray(notifications.purpose, purposes)));
  return rows.map((row) => row.id);
}

export async function markNotificationsSkipped(db: DbExecutor, ids: string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db.update(notifications).set({ status: "SKIPPED", skipReason: reason }).where(and(inArray(notifications.id, ids), eq(notifications.status, "PENDING")));
  await db.insert(notificationEvents).values(ids.map((notificationId) => ({ notificationId, status: "SKIPPED" as const, detail: reason })));
}

/**
 * PENDING notifications with no send job queued, untouched since `updatedBefore`: nothing would
 * ever send them (a job lost with a restored backup, or removed by hand). The recovery job
 * queues them again.
 */
export async function listPendingWithoutJob(db: DbExecutor, updatedBefore: Date, limit: number): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT n.id FROM notifications n
    WHERE n.status = 'PENDING' AND n.updated_at < ${updatedBefore.toISOString()}::timestamptz
      AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.key = 'notification:' || n.id::text)
    ORDER BY n.updated_at
    LIMIT ${limit}`);
  return result.rows.map((row) => row.id);
}
