import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { users } from "./auth";
import { bookings } from "./bookings";
import { providers } from "./providers";

export const notificationChannel = pgEnum("notification_channel", ["EMAIL", "WHATSAPP", "SMS"]);
/** INVITEE: someone invited to an organization, who may not have an account yet. */
export const notificationRecipient = pgEnum("notification_recipient", ["PATIENT", "PROVIDER", "INVITEE"]);
/**
 * PENDING: waiting for its send job (or for quiet hours to end). SENDING: an attempt is in
 * flight; a worker that dies here leaves the row "in doubt" and the next attempt asks the vendor
 * before sending again. SENT: the vendor accepted it. DELIVERED / READ: the vendor says so.
 * FAILED: refused for good (bounce, bad number, permanent API error); a fallback channel may take
 * over. DEAD: retryable failures ran out of attempts; an admin can retry it. SKIPPED: not sent on
 * purpose (opt-out, no address, booking changed before it was due), with the reason.
 */
export const notificationStatus = pgEnum("notification_status", [
  "PENDING",
  "SENDING",
  "SENT",
  "DELIVERED",
  "READ",
  "FAILED",
  "DEAD",
  "SKIPPED",
]);

/**
 * One message to one recipient on one channel. The content is rendered at send time from the
 * booking as it is then; the row keeps only the address and what happened to it.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    /** Unique per logical message, e.g. `outbox:42:patient:EMAIL` or `reminder:<booking>:1440:<startsAt>`. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    /** Message catalogue key, e.g. `booking.confirmed`, `booking.reminder`, `verification.code`. */
    purpose: text("purpose").notNull(),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
    outboxEventId: integer("outbox_event_id"),
    recipient: notificationRecipient("recipient").notNull(),
    recipientUserId: uuid("recipient_user_id").references(() => users.id, { onDelete: "set null" }),
    channel: notificationChannel("channel").notNull(),
    /** Lower-cased email or E.164 phone number. */
    address: text("address").notNull(),
    /** Purpose-specific inputs that are not on the booking (e.g. the reminder offset, the code's verification id). */
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    status: notificationStatus("status").notNull().default("PENDING"),
    /** Retryable attempts made so far (our own counter: the job is re-added with jittered backoff). */
    attempts: integer("attempts").notNull().default(0),
    /** True for messages that may wait for the recipient's quiet hours to end. */
    deferrable: boolean("deferrable").notNull().default(true),
    sendingStartedAt: instant("sending_started_at"),
    vendorMessageId: text("vendor_message_id"),
    /** An error code and short reason from us or the vendor; never message content. */
    lastError: text("last_error"),
    skipReason: text("skip_reason"),
    /** The notification on another channel that was sent because this one failed. */
    fallbackOf: uuid("fallback_of"),
    sentAt: instant("sent_at"),
    deliveredAt: instant("delivered_at"),
    readAt: instant("read_at"),
    failedAt: instant("failed_at"),
    ...timestamps(),
  },
  (t) => [
    index("notifications_booking_idx").on(t.bookingId, t.createdAt),
    uniqueIndex("notifications_vendor_message_key").on(t.channel, t.vendorMessageId),
    index("notifications_dead_idx").on(t.updatedAt).where(sql`${t.status} = 'DEAD'`),
    index("notifications_in_doubt_idx").on(t.sendingStartedAt).where(sql`${t.status} = 'SENDING'`),
  ],
);

/** What happened to a notification, in order: the log providers and admins read. */
export const notificationEvents = pgTable(
  "notification_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    notificationId: uuid("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    /** The status the event reports (it may not have moved the notification: statuses only move forward). */
    status: notificationStatus("status").notNull(),
    /** e.g. `queued`, `delivered`, `bounce`, `63016`, `retry in 14 s`. No content, no addresses. */
    detail: text("detail"),
    occurredAt: instant("occurred_at").notNull().defaultNow(),
  },
  (t) => [index("notification_events_notification_idx").on(t.notificationId, t.occurredAt)],
);

/**
 * What we know about one address on one channel: vendor says it bounces / cannot receive,
 * the person opted in or out (STOP/START), and when they last wrote to us on WhatsApp (the
 * 24-hour free-form window).
 */
export const contactChannels = pgTable(
  "contact_channels",
  {
    channel: notificationChannel("channel").notNull(),
    address: text("address").notNull(),
    badAt: instant("bad_at"),
    badReason: text("bad_reason"),
    optedInAt: instant("opted_in_at"),
    optedOutAt: instant("opted_out_at"),
    lastInboundAt: instant("last_inbound_at"),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.address] })],
);

/** A signed-in person's choices. Guests choose on the booking form (stored as opt-ins on contact_channels). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    emailEnabled: boolean("email_enabled").notNull().default(true),
    whatsappEnabled: boolean("whatsapp_enabled").notNull().default(false),
    smsEnabled: boolean("sms_enabled").notNull().default(false),
    /** Minutes after local midnight; both null = no quiet hours. Urgent messages ignore them. */
    quietStartMinute: smallint("quiet_start_minute"),
    quietEndMinute: smallint("quiet_end_minute"),
    ...timestamps(),
  },
  (t) => [
    check(
      "notification_preferences_quiet_range",
      sql`(${t.quietStartMinute} IS NULL) = (${t.quietEndMinute} IS NULL) AND coalesce(${t.quietStartMinute}, 0) BETWEEN 0 AND 1439 AND coalesce(${t.quietEndMinute}, 0) BETWEEN 0 AND 1439`,
    ),
  ],
);

/** Which notices a provider wants and how, and when patients are reminded. */
export const providerNotificationSettings = pgTable(
  "provider_notification_settings",
  {
    providerId: uuid("provider_id")
      .primaryKey()
      .references(() => providers.id, { onDelete: "cascade" }),
    /** Minutes before the start; default 24 h and 2 h. */
    reminderOffsetsMinutes: integer("reminder_offsets_minutes")
      .array()
      .notNull()
      .default(sql`'{1440,120}'::integer[]`),
    /** Provider notices by email: requests, new bookings, cancellations, reschedules. */
    emailNotices: text("email_notices")
      .array()
      .notNull()
      .default(sql`'{requested,confirmed,cancelled,rescheduled}'::text[]`),
    whatsappNotices: text("whatsapp_notices").array().notNull().default(sql`'{}'::text[]`),
    /** E.164; required for WhatsApp notices. */
    whatsappNumber: text("whatsapp_number"),
    quietStartMinute: smallint("quiet_start_minute"),
    quietEndMinute: smallint("quiet_end_minute"),
    ...timestamps(),
  },
  (t) => [
    check(
      "provider_notification_settings_quiet_range",
      sql`(${t.quietStartMinute} IS NULL) = (${t.quietEndMinute} IS NULL) AND coalesce(${t.quietStartMinute}, 0) BETWEEN 0 AND 1439 AND coalesce(${t.quietEndMinute}, 0) BETWEEN 0 AND 1439`,
    ),
    check(
      "provider_notification_settings_offsets",
      sql`cardinality(${t.reminderOffsetsMinutes}) <= 4 AND 0 < ALL(${t.reminderOffsetsMinutes}) AND 20160 >= ALL(${t.reminderOffsetsMinutes})`,
    ),
  ],
);

/**
 * A one-time code proving a guest holds the email or phone they gave, bound to one hold. The code
 * is not stored: it is an HMAC of (id, sendCount) under the app secret, recomputed to send and to
 * check, so a database reader cannot learn it.
 */
export const contactVerifications = pgTable(
  "contact_verifications",
  {
    id: id(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    channel: notificationChannel("channel").notNull(),
    address: text("address").notNull(),
    expiresAt: instant("expires_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    sendCount: integer("send_count").notNull().default(1),
    lastSentAt: instant("last_sent_at").notNull(),
    verifiedAt: instant("verified_at"),
    ...timestamps(),
  },
  (t) => [index("contact_verifications_booking_idx").on(t.bookingId, t.createdAt)],
);

/** Webhook deliveries already applied (SendGrid sg_event_id, Twilio MessageSid + status, …): replays change nothing. */
export const webhookReceipts = pgTable(
  "webhook_receipts",
  {
    vendor: text("vendor").notNull(),
    eventId: text("event_id").notNull(),
    receivedAt: instant("received_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.vendor, t.eventId] }), index("webhook_receipts_received_idx").on(t.receivedAt)],
);

/** Worker processes alive: jobs locked by a worker that stopped beating are unlocked for others. */
export const jobWorkerHeartbeats = pgTable("job_worker_heartbeats", {
  workerId: text("worker_id").primaryKey(),
  processId: text("process_id").notNull(),
  seenAt: instant("seen_at").notNull().defaultNow(),
});

/** Public (provider) and private (patient) vCards stored in Vercel Blob, so they can be replaced and deleted. */
export const storedContactCards = pgTable(
  "stored_contact_cards",
  {
    id: id(),
    /** `provider:<providerId>` (public store) or `patient:<bookingId>` (private store). */
    subject: text("subject").notNull().unique(),
    access: text("access", { enum: ["public", "private"] }).notNull(),
    url: text("url").notNull(),
    pathname: text("pathname").notNull(),
    /** SHA-256 of the card's text: an unchanged card is not uploaded again. */
    contentHash: text("content_hash").notNull(),
    ...timestamps(),
  },
);
