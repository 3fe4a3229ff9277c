import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgTable, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { bookingMode, overrideKind } from "./enums";
import { locations } from "./organizations";
import { providers } from "./providers";

/**
 * A weekly interval of wall-clock time (minutes after local midnight) on an ISO weekday, in
 * the zone of its location (in person) or of its provider (online). Stored as local minutes,
 * not instants, so that 09:00 stays 09:00 across DST changes.
 */
export const availabilityRules = pgTable(
  "availability_rules",
  {
    id: id(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    weekday: smallint("weekday").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
    mode: bookingMode("mode").notNull(),
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "cascade" }),
    effectiveFrom: date("effective_from", { mode: "string" }),
    effectiveUntil: date("effective_until", { mode: "string" }),
    ...timestamps(),
  },
  (t) => [
    index("availability_rules_provider_idx").on(t.providerId),
    check("availability_rules_weekday", sql`${t.weekday} BETWEEN 1 AND 7`),
    check("availability_rules_minutes", sql`0 <= ${t.startMinute} AND ${t.startMinute} < ${t.endMinute} AND ${t.endMinute} <= 1440`),
    check("availability_rules_location_mode", sql`(${t.mode} = 'IN_PERSON') = (${t.locationId} IS NOT NULL)`),
    check(
      "availability_rules_effective",
      sql`${t.effectiveFrom} IS NULL OR ${t.effectiveUntil} IS NULL OR ${t.effectiveFrom} <= ${t.effectiveUntil}`,
    ),
  ],
);

/** A change on a range of local dates (in the provider's zone): a day or range off, other hours, extra hours. */
export const availabilityOverrides = pgTable(
  "availability_overrides",
  {
    id: id(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    kind: overrideKind("kind").notNull(),
    reason: text("reason").notNull().default(""),
    ...timestamps(),
  },
  (t) => [
    index("availability_overrides_provider_idx").on(t.providerId, t.startDate),
    check("availability_overrides_dates", sql`${t.startDate} <= ${t.endDate}`),
  ],
);

export const availabilityOverrideIntervals = pgTable(
  "availability_override_intervals",
  {
    id: id(),
    overrideId: uuid("override_id")
      .notNull()
      .references(() => availabilityOverrides.id, { onDelete: "cascade" }),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
    mode: bookingMode("mode").notNull(),
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "cascade" }),
  },
  (t) => [
    index("availability_override_intervals_override_idx").on(t.overrideId),
    check("availability_override_intervals_minutes", sql`0 <= ${t.startMinute} AND ${t.startMinute} < ${t.endMinute} AND ${t.endMinute} <= 1440`),
    check("availability_override_intervals_location_mode", sql`(${t.mode} = 'IN_PERSON') = (${t.locationId} IS NOT NULL)`),
  ],
);

/**
 * Time a provider is busy elsewhere (their own calendar events), filled by calendar sync.
 * Transparent events and our own bookings are never stored here.
 */
export const externalBusyIntervals = pgTable(
  "external_busy_intervals",
  {
    id: id(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("external_busy_source_key").on(t.providerId, t.source, t.externalId),
    index("external_busy_provider_time_idx").on(t.providerId, t.startsAt),
    check("external_busy_ends_after_starts", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * A counter per provider that grows in the same transaction as every write that can change the
 * provider's free time (bookings and holds, schedules, overrides, services, imported busy time,
 * the provider's zone and status, its locations). Triggers bump it (migration 0009), so no
 * writer can forget, whichever app instance or worker it runs in. Caches of computed slots are
 * keyed by it. No foreign key: a cascaded delete of a provider fires the triggers after the
 * provider row is gone, and a row is never deleted, so a version never goes backwards.
 */
export const providerAvailabilityVersions = pgTable("provider_availability_versions", {
  providerId: uuid("provider_id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(1),
});
