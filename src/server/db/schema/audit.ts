import { bigserial, boolean, check, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { instant } from "./columns";
import { users } from "./auth";
import { bookings } from "./bookings";
import { consentSubject } from "./enums";

/**
 * Who did what to which record, when and from where. `details` must never carry patient data
 * (names, contact details, notes): ids and state changes only, so the log can be shared with
 * auditors. Append-only: a trigger (migration 0012) refuses UPDATE, DELETE and TRUNCATE for every
 * role, the app's included. Users are never deleted while rows name them (erasure pseudonymises
 * the user row instead), so the actor reference needs no ON DELETE action that would update rows.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    occurredAt: instant("occurred_at").notNull().defaultNow(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    /** The client's address as the trusted proxies report it; null for system actions. */
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("audit_log_subject_idx").on(t.subjectType, t.subjectId),
    index("audit_log_occurred_idx").on(t.occurredAt),
    index("audit_log_actor_idx").on(t.actorUserId, t.occurredAt),
  ],
);

/**
 * What someone agreed to (or withdrew), which version, when and from where. Append-only like the
 * audit log: the current state of a subject is its newest record. A signed-in person's records
 * carry user_id; a guest's channel choices on the booking form carry the booking.
 */
export const consentRecords = pgTable(
  "consent_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id").references(() => users.id),
    bookingId: uuid("booking_id").references(() => bookings.id),
    subject: consentSubject("subject").notNull(),
    /** The version of the document agreed to, or of the messaging notice for a channel. */
    version: text("version").notNull(),
    granted: boolean("granted").notNull(),
    /** Where it was given: "onboarding", "preferences", "booking", "account". */
    source: text("source").notNull(),
    recordedAt: instant("recorded_at").notNull().defaultNow(),
    ipAddress: text("ip_address"),
  },
  (t) => [
    index("consent_records_user_idx").on(t.userId, t.subject, t.recordedAt),
    index("consent_records_booking_idx").on(t.bookingId),
    check("consent_records_owner", sql`${t.userId} IS NOT NULL OR ${t.bookingId} IS NOT NULL`),
  ],
);
