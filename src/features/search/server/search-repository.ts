import { sql, type SQL } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { timetableJson, type TimetableClosure } from "@/features/availability/server";

/** Mean Earth radius (IUGG), the radius the haversine distances are measured on. */
export const EARTH_RADIUS_KM = 6371.0088;
/** Kilometres per degree of latitude (and of longitude at the equator) on that sphere. */
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;

export interface CandidateFilter {
  near?: { latitude: number; longitude: number };
  radiusKm: number;
  query?: string;
  specialty?: string;
  service?: string;
  language?: string;
  mode?: "ONLINE" | "IN_PERSON";
  /** Overrides ending before this date cannot give a location future hours. */
  today: string;
  offset: number;
  limit: number;
}

export interface Candidate {
  providerId: string;
  displayName: string;
  location: {
    id: string;
    name: string;
    formattedAddress: string;
    timeZone: string;
    latitude: number;
    longitude: number;
    distanceKm: number | null;
  } | null;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** A uuid[] literal as one parameter (drizzle spreads a JS array into several). */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

/**
 * The latitude/longitude box around a point that contains every point within `radiusKm`, so an
 * index on (latitude, longitude) can narrow the rows before the exact distance is computed.
 * Near a pole every longitude is in reach; across the antimeridian the box wraps.
 */
export function boundingBox(near: { latitude: number; longitude: number }, radiusKm: number, latitude: SQL, longitude: SQL): SQL {
  const deltaLat = radiusKm / KM_PER_DEGREE;
  const minLat = near.latitude - deltaLat;
  const maxLat = near.latitude + deltaLat;
  const latitudeRange = sql`${latitude} BETWEEN ${minLat}::float8 AND ${maxLat}::float8`;
  if (minLat <= -90 || maxLat >= 90) return latitudeRange;
  const deltaLon = radiusKm / (KM_PER_DEGREE * Math.cos((Math.max(Math.abs(minLat), Math.abs(maxLat)) * Math.PI) / 180));
  if (deltaLon >= 180) return latitudeRange;
  const minLon = near.longitude - deltaLon;
  const maxLon = near.longitude + deltaLon;
  if (minLon < -180) {
    return sql`${latitudeRange} AND (${longitude} >= ${minLon + 360}::float8 OR ${longitude} <= ${maxLon}::float8)`;
  }
  if (maxLon > 180) {
    return sql`${latitudeRange} AND (${longitude} >= ${minLon}::float8 OR ${longitude} <= ${maxLon - 360}::float8)`;
  }
  return sql`${latitudeRange} AND ${longitude} BETWEEN ${minLon}::float8 AND ${maxLon}::float8`;
}

/** Great-circle (haversine) distance in km from a point to a row's coordinates. */
export function haversineKm(near: { latitude: number; longitude: number }, latitude: SQL, longitude: SQL): SQL {
  return sql`(2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1, sqrt(
    power(sin(radians(${latitude} - ${near.latitude}::float8) / 2), 2)
    + cos(radians(${near.latitude}::float8)) * cos(radians(${latitude}))
      * power(sin(radians(${longitude} - ${near.longitude}::float8) / 2), 2)))))`;
}

/**
 * One page of search candidates and the total, in one statement. A provider appears once:
 * in person at its best location (the one the words matched, else the nearest within the
 * radius, else the first by name) when it has an active in-person service matching the
 * service words and hours at that location; otherwise online when it has a matching online
 * service and, in a search near a point, offers no in-person service at all (online-only
 * practitioners; someone with a clinic elsewhere is not "near"). In-person candidates come
 * first, by distance (by name without a point), then online ones by name.
 */
export async function findSearchCandidates(db: DbExecutor, filter: CandidateFilter): Promise<{ items: Candidate[]; total: number }> {
  const pattern = filter.query ? `%${escapeLike(filter.query)}%` : null;
  const serviceWords = filter.service ? sql`AND s.name ILIKE ${`%${escapeLike(filter.service)}%`}` : sql``;

  const providerConditions: SQL[] = [sql`p.status = 'APPROVED'`];
  if (filter.language) providerConditions.push(sql`${filter.language} = ANY(p.languages)`);
  if (filter.specialty) {
    providerConditions.push(sql`EXISTS (SELECT 1 FROM provider_specialties ps JOIN provider_types pt ON pt.id = ps.provider_type_id
      WHERE ps.provider_id = p.id AND pt.slug = ${filter.specialty})`);
  }
  const isProvider = sql.join(providerConditions, sql` AND `);
  const providerText = pattern ? sql`(p.display_name ILIKE ${pattern} OR p.bio ILIKE ${pattern})` : sql`false`;
  const locationText = pattern
    ? sql`(o.name ILIKE ${pattern} OR l.name ILIKE ${pattern} OR l.formatted_address ILIKE ${pattern})`
    : sql`false`;

  const includeInPerson = filter.mode !== "ONLINE";
  const includeOnline = filter.mode !== "IN_PERSON";
  const distance = filter.near ? haversineKm(filter.near, sql`l.latitude`, sql`l.longitude`) : sql`NULL::float8`;
  const within = filter.near
    ? sql`AND ${boundingBox(filter.near, filter.radiusKm, sql`l.latitude`, sql`l.longitude`)} AND d.distance_km <= ${filter.radiusKm}::float8`
    : sql``;

  // Driven from the locations in the box (index on latitude, longitude), then their members.
  // Each check is one correlated EXISTS so that it probes an index per row; an OR of two
  // EXISTS would be planned as hashed scans of whole tables.
  const inPerson = includeInPerson
    ? sql`SELECT DISTINCT ON (p.id) p.id AS provider_id, p.display_name, l.id AS location_id, l.name AS location_name,
             l.formatted_address, l.time_zone, l.latitude, l.longitude, d.distance_km
      FROM locations l
      CROSS JOIN LATERAL (SELECT ${distance} AS distance_km) AS d
      JOIN organizations o ON o.id = l.organization_id
      JOIN provider_organizations po ON po.organization_id = l.organization_id AND po.status = 'ACTIVE'
      JOIN providers p ON p.id = po.provider_id
      WHERE ${isProvider} ${within}
        AND EXISTS (SELECT 1 FROM services s WHERE s.provider_id = p.id AND s.is_active AND s.is_in_person ${serviceWords})
        AND EXISTS (
          SELECT 1 FROM availability_rules r WHERE r.provider_id = p.id AND r.location_id = l.id AND r.mode = 'IN_PERSON'
          UNION ALL
          SELECT 1 FROM availability_overrides ao JOIN availability_override_intervals i ON i.override_id = ao.id
          WHERE ao.provider_id = p.id AND i.location_id = l.id AND ao.end_date >= ${filter.today}::date)
        ${pattern ? sql`AND (${providerText} OR ${locationText})` : sql``}
      ORDER BY p.id, ${pattern ? sql`${locationText} DESC, ` : sql``}d.distance_km ASC NULLS LAST, l.name, l.id`
    : null;

  const onlineText = pattern
    ? sql`AND (${providerText} OR EXISTS (SELECT 1 FROM provider_organizations po JOIN organizations o ON o.id = po.organization_id
        LEFT JOIN locations l ON l.organization_id = o.id
        WHERE po.provider_id = p.id AND po.status = 'ACTIVE' AND ${locationText}))`
    : sql``;
  const online = includeOnline
    ? sql`SELECT p.id AS provider_id, p.display_name, NULL::uuid AS location_id, NULL::text AS location_name,
             NULL::text AS formatted_address, NULL::text AS time_zone, NULL::float8 AS latitude, NULL::float8 AS longitude,
             NULL::float8 AS distance_km
      FROM providers p
      WHERE ${isProvider}
        AND EXISTS (SELECT 1 FROM services s WHERE s.provider_id = p.id AND s.is_active AND s.is_online ${serviceWords})
        ${filter.near && includeInPerson ? sql`AND NOT EXISTS (SELECT 1 FROM services s WHERE s.provider_id = p.id AND s.is_active AND s.is_in_person ${serviceWords})` : sql``}
        ${inPerson ? sql`AND p.id NOT IN (SELECT provider_id FROM in_person)` : sql``}
        ${onlineText}`
    : null;

  const union = inPerson && online ? sql`SELECT * FROM in_person UNION ALL ${online}` : inPerson ? sql`SELECT * FROM in_person` : online!;
  const result = await db.execute<{
    provider_id: string;
    display_name: string;
    location_id: string | null;
    location_name: string | null;
    formatted_address: string | null;
    time_zone: string | null;
    latitude: number | null;
    longitude: number | null;
    distance_km: number | null;
    total: string;
  }>(sql`
    ${inPerson ? sql`WITH in_person AS (${inPerson})` : sql``}
    SELECT c.*, count(*) OVER () AS total
    FROM (${union}) AS c
    ORDER BY (c.location_id IS NULL), c.distance_km ASC NULLS LAST, c.display_name, c.provider_id
    OFFSET ${filter.offset} LIMIT ${filter.limit}
  `);
  const first = result.rows[0];
  return {
    total: first ? Number(first.total) : 0,
    items: result.rows.map((row) => ({
      providerId: row.provider_id,
      displayName: row.display_name,
      location: row.location_id
        ? {
            id: row.location_id,
            name: row.location_name!,
            formattedAddress: row.formatted_address!,
            timeZone: row.time_zone!,
            latitude: Number(row.latitude),
            longitude: Number(row.longitude),
            distanceKm: row.distance_km === null ? null : Number(row.distance_km),
          }
        : null,
    })),
  };
}

export interface SearchServiceRow {
  id: string;
  name: string;
  durationMinutes: number;
  priceMinor: number;
  currency: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  slotStepMinutes: number;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  maxBookingsPerDay: number | null;
  isOnline: boolean;
  isInPerson: boolean;
}

export interface ProviderSlotInputs {
  providerId: string;
  slug: string;
  displayName: string;
  languages: string[];
  timeZone: string;
  specialties: { slug: string; name: string }[];
  services: SearchServiceRow[];
  rules: { weekday: number; startMinute: number; endMinute: number; mode: "IN_PERSON" | "ONLINE"; locationId: string | null; timeZone: string; effectiveFrom: string | null; effectiveUntil: string | null }[];
  overrides: { startDate: string; endDate: string; kind: "OFF" | "REPLACE" | "EXTRA"; intervals: { startMinute: number; endMinute: number; mode: "IN_PERSON" | "ONLINE"; locationId: string | null; timeZone: string }[] }[];
  closures: TimetableClosure[];
}

/**
 * For many approved providers in one statement: the public profile facts a result shows, the
 * active services matching the words, and the timetable the slot engine needs (weekly rules
 * and overrides touching [fromDate, toDate], each interval with its zone).
 */
export async function findProviderSlotInputs(
  db: DbExecutor,
  input: { providerIds: readonly string[]; service?: string; fromDate: string; toDate: string },
): Promise<ProviderSlotInputs[]> {
  if (input.providerIds.length === 0) return [];
  const serviceWords = input.service ? sql`AND s.name ILIKE ${`%${escapeLike(input.service)}%`}` : sql``;
  const result = await db.execute<{ inputs: ProviderSlotInputs }>(sql`
    SELECT json_build_object(
      'providerId', p.id, 'slug', p.slug, 'displayName', p.display_name, 'languages', p.languages, 'timeZone', p.time_zone,
      'specialties', COALESCE((
        SELECT json_agg(json_build_object('slug', pt.slug, 'name', pt.name) ORDER BY pt.name)
        FROM provider_specialties ps JOIN provider_types pt ON pt.id = ps.provider_type_id WHERE ps.provider_id = p.id), '[]'::json),
      'services', COALESCE((
        SELECT json_agg(json_build_object(
          'id', s.id, 'name', s.name, 'durationMinutes', s.duration_minutes, 'priceMinor', s.price_minor, 'currency', s.currency,
          'bufferBeforeMinutes', s.buffer_before_minutes, 'bufferAfterMinutes', s.buffer_after_minutes,
          'slotStepMinutes', s.slot_step_minutes, 'minimumNoticeMinutes', s.minimum_notice_minutes,
          'bookingHorizonDays', s.booking_horizon_days, 'maxBookingsPerDay', s.max_bookings_per_day,
          'isOnline', s.is_online, 'isInPerson', s.is_in_person) ORDER BY s.name, s.id)
        FROM services s WHERE s.provider_id = p.id AND s.is_active ${serviceWords}), '[]'::json),
      ${timetableJson(input.fromDate, input.toDate)}
    ) AS inputs
    FROM providers p
    WHERE p.id = ANY(${uuidArray(input.providerIds)}) AND p.status = 'APPROVED'
  `);
  return result.rows.map((row) => row.inputs);
}

export interface SearchBusyRow {
  providerId: string;
  isBooking: boolean;
  startsAt: number;
  endsAt: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  serviceId: string | null;
}

/**
 * Bookings, unexpired holds and imported busy time of many providers touching [from, to), in
 * one statement, instants as epoch milliseconds. The same statuses and range test as the
 * booking path's busy read and the bookings_no_overlap exclusion index.
 */
export async function findBusyOfProviders(
  db: DbExecutor,
  input: { providerIds: readonly string[]; from: Date; to: Date; now: Date },
): Promise<SearchBusyRow[]> {
  if (input.providerIds.length === 0) return [];
  const ids = uuidArray(input.providerIds);
  const from = input.from.toISOString();
  const to = input.to.toISOString();
  const result = await db.execute<{
    provider_id: string;
    is_booking: boolean;
    starts_ms: string;
    ends_ms: string;
    buffer_before_minutes: number;
    buffer_after_minutes: number;
    service_id: string | null;
  }>(sql`
    SELECT b.provider_id, true AS is_booking,
           (extract(epoch FROM b.starts_at) * 1000)::bigint AS starts_ms, (extract(epoch FROM b.ends_at) * 1000)::bigint AS ends_ms,
           b.buffer_before_minutes, b.buffer_after_minutes, b.service_id
    -- One index probe per provider: the exclusion index is GiST, which cannot answer = ANY.
    FROM unnest(${ids}) AS candidate(id)
    JOIN bookings b ON b.provider_id = candidate.id
    WHERE b.status IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED', 'NO_SHOW')
      AND (b.status <> 'HELD' OR b.hold_expires_at > ${input.now.toISOString()}::timestamptz)
      AND tstzrange(b.blocked_starts_at, b.blocked_ends_at, '[)') && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')
    UNION ALL
    SELECT e.provider_id, false, (extract(epoch FROM e.starts_at) * 1000)::bigint, (extract(epoch FROM e.ends_at) * 1000)::bigint, 0, 0, NULL
    FROM external_busy_intervals e
    WHERE e.provider_id = ANY(${ids}) AND e.starts_at < ${to}::timestamptz AND e.ends_at > ${from}::timestamptz
  `);
  return result.rows.map((row) => ({
    providerId: row.provider_id,
    isBooking: row.is_booking,
    startsAt: Number(row.starts_ms),
    endsAt: Number(row.ends_ms),
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    serviceId: row.service_id,
  }));
}

export async function specialtyExists(db: DbExecutor, slug: string): Promise<boolean> {
  const result = await db.execute<{ found: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM provider_types WHERE slug = ${slug}) AS found`);
  return result.rows[0]?.found === true;
}
