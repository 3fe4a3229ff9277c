import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import {
  availabilityOverrideIntervals,
  availabilityOverrides,
  availabilityRules,
  providerAvailabilityVersions,
} from "@/server/db/schema";
import type { BookingMode } from "../schemas";
import type { LocationDto, OverrideDto, WeeklyRuleDto } from "../types";

/**
 * Whether the provider `p` may be booked in person at location `alias` now: the provider's link
 * to the location's organization is ACTIVE and the organization APPROVED. Hours saved while a
 * link was active stay in the timetable after it ends (or the organization is suspended), so the
 * slot engine's reads filter them here rather than trusting what was checked at saving time.
 * One primary-key probe of provider_organizations and of organizations.
 */
function usableLocation(alias: string): SQL {
  return sql.raw(`EXISTS (
          SELECT 1 FROM provider_organizations po JOIN organizations org ON org.id = po.organization_id
          WHERE po.provider_id = p.id AND po.organization_id = ${alias}.organization_id
            AND po.status = 'ACTIVE' AND org.status = 'APPROVED')`);
}

/**
 * The `'rules', …, 'overrides', …, 'closures', …` members of a provider's timetable as JSON
 * (weekly rules and the overrides touching the dates, each interval with its zone, in-person
 * hours only at usable locations; accepted closures of those locations touching the dates), for
 * a json_build_object over providers aliased `p`. Shared by the slot engine's read and search's
 * batched read.
 */
export function timetableJson(fromDate: string, toDate: string): SQL {
  return sql`
      'rules', COALESCE((
        SELECT json_agg(json_build_object(
          'weekday', r.weekday, 'startMinute', r.start_minute, 'endMinute', r.end_minute,
          'mode', r.mode, 'locationId', r.location_id, 'timeZone', COALESCE(l.time_zone, p.time_zone),
          'effectiveFrom', r.effective_from, 'effectiveUntil', r.effective_until))
        FROM availability_rules r LEFT JOIN locations l ON l.id = r.location_id
        WHERE r.provider_id = p.id AND (r.location_id IS NULL OR ${usableLocation("l")})), '[]'::json),
      'overrides', COALESCE((
        SELECT json_agg(json_build_object(
          'startDate', o.start_date, 'endDate', o.end_date, 'kind', o.kind,
          'intervals', COALESCE((
            SELECT json_agg(json_build_object(
              'startMinute', i.start_minute, 'endMinute', i.end_minute, 'mode', i.mode,
              'locationId', i.location_id, 'timeZone', COALESCE(il.time_zone, p.time_zone)))
            FROM availability_override_intervals i LEFT JOIN locations il ON il.id = i.location_id
            WHERE i.override_id = o.id AND (i.location_id IS NULL OR ${usableLocation("il")})), '[]'::json)))
        FROM availability_overrides o
        WHERE o.provider_id = p.id AND o.end_date >= ${fromDate}::date AND o.start_date <= ${toDate}::date), '[]'::json),
      'closures', COALESCE((
        SELECT json_agg(json_build_object('locationId', c.location_id, 'startDate', c.start_date, 'endDate', c.end_date))
        FROM location_closures c
        WHERE c.accepted AND c.start_date <= ${toDate}::date AND c.end_date >= ${fromDate}::date
          AND c.location_id IN (
            SELECT location_id FROM availability_rules WHERE provider_id = p.id AND location_id IS NOT NULL
            UNION
            SELECT ci.location_id FROM availability_override_intervals ci
            JOIN availability_overrides co ON co.id = ci.override_id
            WHERE co.provider_id = p.id AND ci.location_id IS NOT NULL
              AND co.end_date >= ${fromDate}::date AND co.start_date <= ${toDate}::date)), '[]'::json)`;
}

export interface SlotServiceRow {
  id: string;
  providerId: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  slotStepMinutes: number;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  maxBookingsPerDay: number | null;
  isOnline: boolean;
  isInPerson: boolean;
  isActive: boolean;
  requiresApproval: boolean;
}

/** An accepted closure of a location the timetable uses: local dates in the location's zone. */
export interface TimetableClosure {
  locationId: string;
  startDate: string;
  endDate: string;
}

export interface SlotConfig {
  service: SlotServiceRow;
  providerStatus: string;
  providerTimeZone: string;
  rules: { weekday: number; startMinute: number; endMinute: number; mode: BookingMode; locationId: string | null; timeZone: string; effectiveFrom: string | null; effectiveUntil: string | null }[];
  overrides: { startDate: string; endDate: string; kind: "OFF" | "REPLACE" | "EXTRA"; intervals: { startMinute: number; endMinute: number; mode: BookingMode; locationId: string | null; timeZone: string }[] }[];
  closures: TimetableClosure[];
  locations: LocationDto[];
}

/**
 * Everything the slot engine needs about one provider's service, in one round trip: the
 * service, the provider's zone and status, weekly rules with each rule's zone (the location's
 * for in person, the provider's for online), overrides touching the dates, and the locations.
 */
export async function findSlotConfig(
  db: DbExecutor,
  input: { providerId: string; serviceId: string; fromDate: string; toDate: string },
): Promise<SlotConfig | null> {
  const result = await db.execute<{ config: SlotConfig }>(sql`
    SELECT json_build_object(
      'service', json_build_object(
        'id', s.id, 'providerId', s.provider_id, 'durationMinutes', s.duration_minutes,
        'bufferBeforeMinutes', s.buffer_before_minutes, 'bufferAfterMinutes', s.buffer_after_minutes,
        'slotStepMinutes', s.slot_step_minutes, 'minimumNoticeMinutes', s.minimum_notice_minutes,
        'bookingHorizonDays', s.booking_horizon_days, 'maxBookingsPerDay', s.max_bookings_per_day,
        'isOnline', s.is_online, 'isInPerson', s.is_in_person, 'isActive', s.is_active,
        'requiresApproval', s.requires_approval),
      'providerStatus', p.status,
      'providerTimeZone', p.time_zone,
      ${timetableJson(input.fromDate, input.toDate)},
      'locations', COALESCE((
        SELECT json_agg(json_build_object(
          'id', l.id, 'name', l.name, 'formattedAddress', l.formatted_address, 'timeZone', l.time_zone,
          'latitude', l.latitude, 'longitude', l.longitude) ORDER BY l.name)
        FROM locations l
        WHERE ${usableLocation("l")} AND l.id IN (
          SELECT location_id FROM availability_rules WHERE provider_id = p.id AND location_id IS NOT NULL
          UNION
          SELECT i.location_id FROM availability_override_intervals i
          JOIN availability_overrides o ON o.id = i.override_id
          WHERE o.provider_id = p.id AND i.location_id IS NOT NULL)), '[]'::json)
    ) AS config
    FROM services s JOIN providers p ON p.id = s.provider_id
    WHERE s.id = ${input.serviceId} AND p.id = ${input.providerId}
  `);
  return result.rows[0]?.config ?? null;
}

export interface BusyRow {
  kind: "booking" | "external";
  bookingId: string | null;
  startsAt: Date;
  endsAt: Date;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  serviceId: string | null;
  /** When a hold stops blocking time by itself (no write marks that moment); null otherwise. */
  holdExpiresAt: Date | null;
}

/**
 * Bookings and unexpired holds (all services, buffers included) and external busy time that
 * touch [from, to). Expired holds still in HELD are ignored here; they are swept before any
 * insert that would collide with them.
 */
export async function findBusy(
  db: DbExecutor,
  input: { providerId: string; from: Date; to: Date; now: Date; excludeBookingId?: string },
): Promise<BusyRow[]> {
  const exclude = input.excludeBookingId ?? "00000000-0000-0000-0000-000000000000";
  const result = await db.execute<{
    kind: "booking" | "external";
    booking_id: string | null;
    starts_at: string;
    ends_at: string;
    buffer_before_minutes: number;
    buffer_after_minutes: number;
    service_id: string | null;
    hold_expires_at: string | null;
  }>(sql`
    SELECT 'booking' AS kind, b.id AS booking_id, b.starts_at, b.ends_at, b.buffer_before_minutes,
           b.buffer_after_minutes, b.service_id,
           CASE WHEN b.status = 'HELD' THEN b.hold_expires_at END AS hold_expires_at
    FROM bookings b
    WHERE b.provider_id = ${input.providerId}
      AND b.status IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED', 'NO_SHOW')
      AND (b.status <> 'HELD' OR b.hold_expires_at > ${input.now.toISOString()}::timestamptz)
      -- The same range expression and status list as the bookings_no_overlap exclusion
      -- index, so that index answers both the provider and the time window.
      AND tstzrange(b.blocked_starts_at, b.blocked_ends_at, '[)')
          && tstzrange(${input.from.toISOString()}::timestamptz, ${input.to.toISOString()}::timestamptz, '[)')
      AND b.id <> ${exclude}::uuid
    UNION ALL
    SELECT 'external', NULL, e.starts_at, e.ends_at, 0, 0, NULL, NULL
    FROM external_busy_intervals e
    WHERE e.provider_id = ${input.providerId}
      AND e.starts_at < ${input.to.toISOString()}::timestamptz
      AND e.ends_at > ${input.from.toISOString()}::timestamptz
  `);
  return result.rows.map((row) => ({
    kind: row.kind,
    bookingId: row.booking_id,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    serviceId: row.service_id,
    holdExpiresAt: row.hold_expires_at === null ? null : new Date(row.hold_expires_at),
  }));
}

/**
 * The provider's availability version (0 before its first write). Triggers bump it in the
 * transaction of every write that can change the provider's free time (migration 0009).
 */
function availabilityVersionQuery(db: DbExecutor) {
  return db
    .select({ version: providerAvailabilityVersions.version })
    .from(providerAvailabilityVersions)
    .where(eq(providerAvailabilityVersions.providerId, sql.placeholder("providerId")))
    .prepare("provider_availability_version");
}

// One prepared statement per database handle: every public slots request runs this lookup, and
// a named statement skips PostgreSQL's parsing and planning after its first run on a connection.
const preparedAvailabilityVersion = new WeakMap<DbExecutor, ReturnType<typeof availabilityVersionQuery>>();

/** The provider's availability version (0 before any write has touched its free time). */
export async function findAvailabilityVersion(db: DbExecutor, providerId: string): Promise<number> {
  let query = preparedAvailabilityVersion.get(db);
  if (!query) {
    query = availabilityVersionQuery(db);
    preparedAvailabilityVersion.set(db, query);
  }
  const [row] = await query.execute({ providerId });
  return row ? Number(row.version) : 0;
}

export async function findWeeklyRules(db: DbExecutor, providerId: string): Promise<WeeklyRuleDto[]> {
  return db
    .select({
      id: availabilityRules.id,
      weekday: availabilityRules.weekday,
      startMinute: availabilityRules.startMinute,
      endMinute: availabilityRules.endMinute,
      mode: availabilityRules.mode,
      locationId: availabilityRules.locationId,
      effectiveFrom: availabilityRules.effectiveFrom,
      effectiveUntil: availabilityRules.effectiveUntil,
    })
    .from(availabilityRules)
    .where(eq(availabilityRules.providerId, providerId))
    .orderBy(asc(availabilityRules.weekday), asc(availabilityRules.startMinute));
}

/** Serialises saves of one provider's weekly schedule (transaction-scoped). */
export async function lockProviderSchedule(db: DbExecutor, providerId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${providerId}, 44))`);
}

export async function replaceWeeklyRules(
  db: DbExecutor,
  providerId: string,
  rules: Omit<WeeklyRuleDto, "id">[],
): Promise<void> {
  await db.delete(availabilityRules).where(eq(availabilityRules.providerId, providerId));
  if (rules.length > 0) {
    await db.insert(availabilityRules).values(rules.map((rule) => ({ ...rule, providerId })));
  }
}

export async function findOverrides(db: DbExecutor, providerId: string, fromDate: string): Promise<OverrideDto[]> {
  const rows = await db
    .select()
    .from(availabilityOverrides)
    .where(and(eq(availabilityOverrides.providerId, providerId), sql`${availabilityOverrides.endDate} >= ${fromDate}::date`))
    .orderBy(asc(availabilityOverrides.startDate));
  if (rows.length === 0) return [];
  const intervals = await db
    .select()
    .from(availabilityOverrideIntervals)
    .where(inArray(availabilityOverrideIntervals.overrideId, rows.map((r) => r.id)))
    .orderBy(asc(availabilityOverrideIntervals.startMinute));
  return rows.map((row) => ({
    id: row.id,
    startDate: row.startDate,
    endDate: row.endDate,
    kind: row.kind,
    reason: row.reason,
    intervals: intervals
      .filter((i) => i.overrideId === row.id)
      .map(({ startMinute, endMinute, mode, locationId }) => ({ startMinute, endMinute, mode, locationId })),
  }));
}

export async function insertOverride(
  db: DbExecutor,
  providerId: string,
  override: Omit<OverrideDto, "id">,
): Promise<string> {
  const [row] = await db
    .insert(availabilityOverrides)
    .values({ providerId, startDate: override.startDate, endDate: override.endDate, kind: override.kind, reason: override.reason })
    .returning({ id: availabilityOverrides.id });
  if (override.intervals.length > 0) {
    await db.insert(availabilityOverrideIntervals).values(override.intervals.map((i) => ({ ...i, overrideId: row!.id })));
  }
  return row!.id;
}

export async function deleteOverride(db: DbExecutor, providerId: string, overrideId: string): Promise<boolean> {
  const deleted = await db
    .delete(availabilityOverrides)
    .where(and(eq(availabilityOverrides.id, overrideId), eq(availabilityOverrides.providerId, providerId)))
    .returning({ id: availabilityOverrides.id });
  return deleted.length > 0;
}
