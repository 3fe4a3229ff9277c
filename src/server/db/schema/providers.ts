import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
  char,
} from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { users } from "./auth";
import { verificationStatus } from "./enums";

export const providerTypes = pgTable("provider_types", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
});

export const providers = pgTable(
  "providers",
  {
    id: id(),
    // A provider profile belongs to exactly one user; deleting that user must first deal
    // with the profile (and its bookings), so the delete is refused rather than cascaded.
    userId: uuid("user_id")
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: "restrict" }),
    slug: text("slug").notNull().unique(),
    displayName: text("display_name").notNull(),
    bio: text("bio").notNull().default(""),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    timeZone: text("time_zone").notNull(),
    status: verificationStatus("status").notNull().default("PENDING"),
    /** Patients may cancel or reschedule until this many minutes before the start. */
    cancellationCutoffMinutes: integer("cancellation_cutoff_minutes").notNull().default(1440),
    ...timestamps(),
  },
  (t) => [
    index("providers_status_idx").on(t.status),
    check("providers_cutoff_range", sql`${t.cancellationCutoffMinutes} BETWEEN 0 AND 43200`),
  ],
);

export const providerSpecialties = pgTable(
  "provider_specialties",
  {
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    providerTypeId: uuid("provider_type_id")
      .notNull()
      .references(() => providerTypes.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.providerId, t.providerTypeId] }),
    index("provider_specialties_type_idx").on(t.providerTypeId),
  ],
);

export const services = pgTable(
  "services",
  {
    id: id(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    durationMinutes: integer("duration_minutes").notNull(),
    priceMinor: integer("price_minor").notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    isOnline: boolean("is_online").notNull().default(false),
    isInPerson: boolean("is_in_person").notNull().default(true),
    isActive: boolean("is_active").notNull().default(true),
    bufferBeforeMinutes: integer("buffer_before_minutes").notNull().default(0),
    bufferAfterMinutes: integer("buffer_after_minutes").notNull().default(0),
    slotStepMinutes: integer("slot_step_minutes").notNull().default(15),
    minimumNoticeMinutes: integer("minimum_notice_minutes").notNull().default(120),
    bookingHorizonDays: integer("booking_horizon_days").notNull().default(60),
    maxBookingsPerDay: integer("max_bookings_per_day"),
    requiresApproval: boolean("requires_approval").notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    index("services_provider_idx").on(t.providerId),
    check("services_duration_range", sql`${t.durationMinutes} BETWEEN 5 AND 720`),
    check("services_buffers_range", sql`${t.bufferBeforeMinutes} BETWEEN 0 AND 240 AND ${t.bufferAfterMinutes} BETWEEN 0 AND 240`),
    check("services_step_range", sql`${t.slotStepMinutes} BETWEEN 5 AND 240`),
    check("services_notice_range", sql`${t.minimumNoticeMinutes} BETWEEN 0 AND 43200`),
    check("services_horizon_range", sql`${t.bookingHorizonDays} BETWEEN 1 AND 730`),
    check("services_max_per_day", sql`${t.maxBookingsPerDay} IS NULL OR ${t.maxBookingsPerDay} > 0`),
    check("services_price_non_negative", sql`${t.priceMinor} >= 0`),
    check("services_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("services_some_mode", sql`${t.isOnline} OR ${t.isInPerson}`),
  ],
);
