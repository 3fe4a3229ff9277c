import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { users } from "./auth";
import { bookingChannel, bookingMode, bookingStatus, cancelledBy } from "./enums";
import { locations } from "./organizations";
import { providers, services } from "./providers";

/**
 * Every reference from a booking is ON DELETE RESTRICT: a booking is a medical and financial
 * record, so deleting its provider, service, location or patient must be an explicit use case
 * (cancel, anonymise) rather than a silent cascade or orphan.
 */
export const bookings = pgTable(
  "bookings",
  {
    id: id(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "restrict" }),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "restrict" }),
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "restrict" }),
    mode: bookingMode("mode").notNull(),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
    // The service's buffers at booking time, and the resulting blocked span. The exclusion
    // constraint works on these stored bounds because timestamptz - interval is not immutable.
    bufferBeforeMinutes: integer("buffer_before_minutes").notNull().default(0),
    bufferAfterMinutes: integer("buffer_after_minutes").notNull().default(0),
    blockedStartsAt: instant("blocked_starts_at").notNull(),
    blockedEndsAt: instant("blocked_ends_at").notNull(),
    status: bookingStatus("status").notNull(),
    holdExpiresAt: instant("hold_expires_at"),
    /** SHA-256 of the hold token (while HELD) or of the manage-link token (afterwards). */
    holdTokenHash: text("hold_token_hash"),
    /**
     * Keyed SHA-256 of the client (IP) that placed a hold, so one visitor can hold only a few
     * slots at once. Never the raw address; cleared when the hold becomes a booking.
     */
    holdClientKey: text("hold_client_key"),
    manageTokenHash: text("manage_token_hash").unique(),
    /**
     * Random salt of the manage link: the link is an HMAC of (booking id, salt) under the app
     * secret, so the worker can put it in every message while only its hash is stored for lookup.
     */
    manageTokenNonce: text("manage_token_nonce"),
    patientTimeZone: text("patient_time_zone"),
    confirmedAt: instant("confirmed_at"),
    cancelledAt: instant("cancelled_at"),
    cancelledBy: cancelledBy("cancelled_by"),
    cancellationReason: text("cancellation_reason"),
    patientUserId: uuid("patient_user_id").references(() => users.id, { onDelete: "restrict" }),
    guestName: text("guest_name"),
    guestEmail: text("guest_email"),
    guestPhone: text("guest_phone"),
    notes: text("notes").notNull().default(""),
    /** iCalendar SEQUENCE: grows on every change patients hear about, so calendar apps update the event. */
    calendarSequence: integer("calendar_sequence").notNull().default(0),
    /** When the patient confirmed they will attend (a "1" reply to a reminder). */
    attendanceConfirmedAt: instant("attendance_confirmed_at"),
    channel: bookingChannel("channel").notNull().default("ONLINE"),
    /** The organization member who took a phone booking. */
    bookedByUserId: uuid("booked_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /**
     * A phone booking whose contact the staff member vouched for instead of a code the patient
     * read back; online guests always verify by code.
     */
    contactTakenByStaff: boolean("contact_taken_by_staff").notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    index("bookings_provider_starts_idx").on(t.providerId, t.startsAt),
    index("bookings_patient_idx").on(t.patientUserId),
    check("bookings_ends_after_starts", sql`${t.endsAt} > ${t.startsAt}`),
    check(
      "bookings_has_patient",
      sql`${t.status} IN ('HELD', 'EXPIRED') OR ${t.patientUserId} IS NOT NULL OR (${t.guestEmail} IS NOT NULL AND ${t.guestName} IS NOT NULL)`,
    ),
    check("bookings_hold_expiry", sql`${t.status} <> 'HELD' OR ${t.holdExpiresAt} IS NOT NULL`),
    check(
      "bookings_blocked_covers",
      sql`${t.blockedStartsAt} <= ${t.startsAt} AND ${t.blockedEndsAt} >= ${t.endsAt}`,
    ),
    index("bookings_guest_email_idx").on(sql`lower(${t.guestEmail})`),
    index("bookings_active_holds_by_client_idx")
      .on(t.holdClientKey, t.holdExpiresAt)
      .where(sql`${t.status} = 'HELD'`),
    check(
      "bookings_location_matches_mode",
      sql`(${t.mode} = 'IN_PERSON') = (${t.locationId} IS NOT NULL)`,
    ),
  ],
);

/**
 * Domain events written in the same transaction as the change that caused them; a worker
 * delivers them (notifications, calendar writes). Payloads carry ids and states, never patient
 * contact details or notes.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").notNull(),
    aggregateType: text("aggregate_type").notNull(),
    aggregateId: text("aggregate_id").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    occurredAt: instant("occurred_at").notNull().defaultNow(),
    publishedAt: instant("published_at"),
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [
    index("outbox_events_unpublished_idx").on(t.occurredAt).where(sql`${t.publishedAt} IS NULL`),
    index("outbox_events_aggregate_idx").on(t.aggregateType, t.aggregateId),
  ],
);
