import type { NotificationRecipientValue } from "../notification-log";
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database, DbExecutor } from "@/server/db/client";
import { bookings, contactChannels, notificationEvents, notifications } from "@/server/db/schema";
import { bookingForMessagesColumns, toBookingForMessages, withBookingJoins, type BookingForMessages } from "./message-context-repository";
import { addJob, addJobs } from "@/server/jobs/job-repository";
import type { MessagePurpose } from "../messages/types";

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationStatus = NotificationRow["status"];
export type Channel = NotificationRow["channel"];

export interface NewNotification {
  dedupeKey: string;
  purpose: MessagePurpose;
  bookingId: string | null;
  outboxEventId?: number | null;
  recipient: NotificationRecipientValue;
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
 * Inserts notifications and adds their send jobs in the caller's transaction, in three statements
 * whatever their number (rows, their "created" events, their jobs). The dedupe key makes this
 * idempotent: a logical message that exists already (or twice in `inputs`) is not created again.
 * Returns the new ids in the order of `inputs`, null where nothing was created.
 */
export async function createNotifications(db: DbExecutor, inputs: NewNotification[]): Promise<Array<string | null>> {
  if (inputs.length === 0) return [];
  const rows = await db
    .insert(notifications)
    .values(
      inputs.map((input) => ({
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
      })),
    )
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id, dedupeKey: notifications.dedupeKey });
  if (rows.length === 0) return inputs.map(() => null);
  const idByKey = new Map(rows.map((row) => [row.dedupeKey, row.id]));
  await db.insert(notificationEvents).values(rows.map((row) => ({ notificationId: row.id, status: "PENDING" as const, detail: "created" })));
  const runAtByKey = new Map(inputs.map((input) => [input.dedupeKey, input.runAt]));
  await addJobs(
    db,
    rows.map((row) => ({
      name: "notification.send" as const,
      payload: { notificationId: row.id },
      options: { jobKey: sendJobKey(row.id), runAt: runAtByKey.get(row.dedupeKey), maxAttempts: 5 },
    })),
  );
  // A key given twice in `inputs` is created once: the first occurrence gets the id.
  const seen = new Set<string>();
  return inputs.map((input) => {
    const id = idByKey.get(input.dedupeKey);
    if (!id || seen.has(input.dedupeKey)) return null;
    seen.add(input.dedupeKey);
    return id;
  });
}

/** One notification (see createNotifications); null when the logical message exists already. */
export async function createNotification(db: DbExecutor, input: NewNotification): Promise<string | null> {
  const [id] = await createNotifications(db, [input]);
  return id ?? null;
}

export async function scheduleSendAttempt(db: DbExecutor, notificationId: string, runAt: Date): Promise<void> {
  await addJob(db, "notification.send", { notificationId }, { jobKey: sendJobKey(notificationId), runAt, maxAttempts: 5 });
}

export async function lockNotification(db: DbExecutor, id: string): Promise<NotificationRow | null> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id)).for("update");
  return row ?? null;
}

export interface NotificationForSend {
  notification: NotificationRow;
  /** The row's version (PostgreSQL's xmin): a claim succeeds only if nothing changed it since. */
  version: string;
  /** What we know of its channel and address (opt-out, bounce, last inbound message). */
  channelState: ContactChannelRow | null;
  /** Its booking as it is now (null when it has none, or the booking is gone). */
  booking: BookingForMessages | null;
}

function notificationForSendQuery(db: Database) {
  return withBookingJoins(
    db
      .select({ ...bookingForMessagesColumns, notification: notifications, version: sql<string>`${notifications}.xmin::text`, channelState: contactChannels })
      .from(notifications)
      .leftJoin(contactChannels, and(eq(contactChannels.channel, notifications.channel), eq(contactChannels.address, notifications.address)))
      .leftJoin(bookings, eq(bookings.id, notifications.bookingId)),
  )
    .where(eq(notifications.id, sql.placeholder("id")))
    .prepare("notification_for_send");
}

// One prepared statement per database handle: planning this eleven-table join costs PostgreSQL
// more than running it, and every message runs it once (a named statement is planned once per
// connection, then PostgreSQL may keep a generic plan).
const preparedNotificationForSend = new WeakMap<Database, ReturnType<typeof notificationForSendQuery>>();

/**
 * A notification, its address's state and its booking, read without a lock in one statement:
 * the send's fast path.
 */
export async function readNotificationForSend(db: Database, id: string): Promise<NotificationForSend | null> {
  let query = preparedNotificationForSend.get(db);
  if (!query) {
    query = notificationForSendQuery(db);
    preparedNotificationForSend.set(db, query);
  }
  const [row] = await query.execute({ id });
  if (!row) return null;
  return {
    notification: row.notification,
    version: row.version,
    channelState: row.channelState?.channel ? row.channelState : null,
    booking: toBookingForMessages(row as Parameters<typeof toBookingForMessages>[0]),
  };
}

// The two writes every message makes, as named statements on the pool's connections: PostgreSQL
// parses and plans each once per connection instead of on every message (bench:notify measured
// planning at about as much as running them). drizzle's execute cannot name a statement, so these
// go to node-postgres directly; the SQL is the whole of what they do.
const CLAIM_SQL = `
  WITH claimed AS (
    UPDATE notifications SET status = 'SENDING', attempts = attempts + 1, sending_started_at = $3::timestamptz, updated_at = now()
    WHERE id = $1::uuid AND status = 'PENDING' AND xmin::text = $2::text
    RETURNING id, attempts
  )
  INSERT INTO notification_events (notification_id, status, detail)
  SELECT id, 'SENDING', 'attempt ' || attempts FROM claimed
  RETURNING (SELECT attempts FROM claimed) AS attempts`;

const ACCEPTED_SQL = `
  WITH accepted AS (
    UPDATE notifications n SET
      status = CASE WHEN n.status IN ('SENDING', 'PENDING') THEN 'SENT'::notification_status ELSE n.status END,
      vendor_message_id = $2::text,
      sent_at = CASE WHEN n.status IN ('SENDING', 'PENDING') THEN $3::timestamptz ELSE coalesce(n.sent_at, $3::timestamptz) END,
      sending_started_at = CASE WHEN n.status IN ('SENDING', 'PENDING') THEN NULL ELSE n.sending_started_at END,
      last_error = CASE WHEN n.status IN ('SENDING', 'PENDING') THEN NULL ELSE n.last_error END,
      updated_at = now()
    WHERE n.id = $1::uuid AND (n.status IN ('SENDING', 'PENDING') OR n.vendor_message_id IS NULL)
    RETURNING n.id, n.status
  )
  INSERT INTO notification_events (notification_id, status, detail)
  SELECT id, status, 'accepted by the vendor' FROM accepted`;

/**
 * Marks a PENDING notification SENDING for its next attempt, and logs it, in one statement, if
 * the row is still the version that was read. Null when anything changed it meanwhile.
 */
export async function claimForSending(db: Database, id: string, version: string, now: Date): Promise<number | null> {
  const result = await db.$client.query<{ attempts: number }>({ name: "notification_claim", text: CLAIM_SQL, values: [id, version, now.toISOString()] });
  return result.rows[0]?.attempts ?? null;
}

/**
 * Records the vendor's acceptance in one statement. A SENDING or PENDING row (a concurrent
 * in-doubt check may have set it back) becomes SENT; a status callback may have beaten us and
 * moved it further (DELIVERED), which is kept, and only the vendor's id is added if missing.
 */
export async function recordAccepted(db: Database, id: string, vendorMessageId: string, now: Date): Promise<void> {
  await db.$client.query({ name: "notification_accepted", text: ACCEPTED_SQL, values: [id, vendorMessageId, now.toISOString()] });
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
  recipient: NotificationRecipientValue;
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
  recipient: NotificationRecipientValue;
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

/** The patient's confirmation emails of a booking still waiting to go out (perhaps for its Meet link). */
export async function waitingForMeetLink(db: DbExecutor, bookingId: string): Promise<string[]> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.bookingId, bookingId), eq(notifications.status, "PENDING"), eq(notifications.purpose, "booking.confirmed"), eq(notifications.channel, "EMAIL")));
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
