/**
 * Set-based bulk seed for `npm run bench:api`: a marketplace-sized world in a handful of
 * INSERT … SELECT statements (generate_series), not one round trip per row.
 *
 * - one APPROVED organization + location per time zone (BENCH_ZONES);
 * - `providers` APPROVED providers (users + providers rows), zone = ZONES[p % ZONES.length],
 *   each linked (ACTIVE) to the organization of its zone;
 * - 3 services each: 30 min (buffers 0/0), 45 min (5/5), 60 min (0/10); step 15, notice 120,
 *   horizon 90, in person and online;
 * - weekly rules Mon–Fri 09:00–12:30 IN_PERSON at the zone's location, 14:00–17:00 ONLINE;
 * - `bookings` guest bookings from 30 days ago to 90 days ahead. Provider p gets avg ± d(p)
 *   bookings (pairs p, p + N/2 balance out, so the total is exact). Each booking sits on a
 *   position of the provider's 30-minute working-hours grid (13 positions per weekday, local
 *   dates in the provider's zone); provider p uses positions 7k + (p mod 7), so two bookings of
 *   one provider on the same local date are ≥ 5 h apart and blocked ranges (buffers included)
 *   can never collide: `bookings_no_overlap` holds by construction. A booking lasts its
 *   service's duration and never runs past the end of its working interval.
 *   Past: COMPLETED (88 %) / CANCELLED; future: CONFIRMED (90 %) / CANCELLED (8 %) / PENDING.
 * - for the target provider (the one with the most bookings): 500 external busy intervals
 *   over the next 90 days and two overrides (a day OFF, a day REPLACEd by online hours).
 *
 * Ids are md5-derived (version 4 stamped) UUIDs, so the same parameters give the same world (bar `now`).
 */
import { createHash } from "node:crypto";
import type pg from "pg";

export const BENCH_ZONES = [
  { zone: "Europe/London", city: "London", lat: 51.5072, lon: -0.1276 },
  { zone: "America/New_York", city: "New York", lat: 40.7128, lon: -74.006 },
  { zone: "Asia/Kolkata", city: "Mumbai", lat: 19.076, lon: 72.8777 },
  { zone: "Australia/Adelaide", city: "Adelaide", lat: -34.9285, lon: 138.6007 },
  { zone: "Europe/Berlin", city: "Berlin", lat: 52.52, lon: 13.405 },
  { zone: "America/Los_Angeles", city: "Los Angeles", lat: 34.0522, lon: -118.2437 },
  { zone: "Asia/Kathmandu", city: "Kathmandu", lat: 27.7172, lon: 85.324 },
  { zone: "Pacific/Auckland", city: "Auckland", lat: -36.8485, lon: 174.7633 },
] as const;

export interface BulkSeedOptions {
  providers: number;
  bookings: number;
  externalBusy: number;
  now: Date;
  log?: (line: string) => void;
}

export interface BulkSeedResult {
  ms: number;
  counts: Record<string, number>;
  target: {
    providerId: string;
    serviceId: string;
    timeZone: string;
    bookings: number;
  };
}

const PAST_DAYS = 30;
const FUTURE_DAYS = 90;
const GRID_STRIDE = 7;
const MAX_SPREAD = 50;

export async function seedBulk(client: pg.Client, options: BulkSeedOptions): Promise<BulkSeedResult> {
  const { providers, bookings, externalBusy, now } = options;
  const log = options.log ?? (() => undefined);
  if (providers < 2 || providers % 2 !== 0) throw new Error(`BENCH_PROVIDERS must be an even number ≥ 2 (got ${providers}).`);
  if (bookings % providers !== 0) throw new Error(`BENCH_BOOKINGS (${bookings}) must be a multiple of BENCH_PROVIDERS (${providers}).`);
  const average = bookings / providers;
  const spread = Math.min(MAX_SPREAD, average);
  // 13 grid positions per weekday over PAST_DAYS + FUTURE_DAYS days (≥ 85 weekdays).
  const gridCapacity = 85 * 13;
  const highestPosition = GRID_STRIDE * (average + spread - 1) + GRID_STRIDE - 1;
  if (highestPosition >= gridCapacity) {
    throw new Error(`${average} bookings per provider do not fit the working-hours grid; lower BENCH_BOOKINGS.`);
  }

  const started = performance.now();
  const half = providers / 2;
  const firstDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - PAST_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const zonesJson = JSON.stringify(BENCH_ZONES.map((z, index) => ({ ...z, index })));

  const step = timedStep(client, log);

  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL synchronous_commit = off");
    await createBenchUuid(client);
    await client.query(`
      CREATE TEMP TABLE bench_zone ON COMMIT DROP AS
      SELECT (z->>'index')::int AS zi, z->>'zone' AS zone, z->>'city' AS city,
             (z->>'lat')::float8 AS lat, (z->>'lon')::float8 AS lon,
             pg_temp.bench_uuid('bench-org-' || (z->>'index')) AS organization_id,
             pg_temp.bench_uuid('bench-location-' || (z->>'index')) AS location_id
      FROM json_array_elements($1::json) AS z`, [zonesJson]);
    await client.query(`
      CREATE TEMP TABLE bench_provider ON COMMIT DROP AS
      SELECT p, p % $2::int AS zi,
             pg_temp.bench_uuid('bench-user-' || p) AS user_id,
             pg_temp.bench_uuid('bench-provider-' || p) AS provider_id,
             $4::int + CASE WHEN p < $3::int THEN (p * 37) % ($5::int + 1)
                            ELSE -(((p - $3::int) * 37) % ($5::int + 1)) END AS n
      FROM generate_series(0, $1::int - 1) AS p`, [providers, BENCH_ZONES.length, half, average, spread]);

    await step("organizations", `
      INSERT INTO organizations (id, slug, name, description, status)
      SELECT organization_id, 'bench-org-' || zi, 'Bench Clinic ' || city, 'Benchmark organization', 'APPROVED'
      FROM bench_zone`);
    await step("locations", `
      INSERT INTO locations (id, organization_id, name, formatted_address, latitude, longitude, time_zone)
      SELECT location_id, organization_id, 'Bench Clinic ' || city, zi || ' Bench Street, ' || city, lat, lon, zone
      FROM bench_zone`);
    await step("users", `
      INSERT INTO users (id, name, email, email_verified, role)
      SELECT user_id, 'Bench Provider ' || p, 'bench-provider-' || p || '@bench.medbookings.test', now(), 'USER'
      FROM bench_provider`);
    await step("providers", `
      INSERT INTO providers (id, user_id, slug, display_name, bio, languages, time_zone, status)
      SELECT bp.provider_id, bp.user_id, 'bench-provider-' || bp.p, 'Dr. Bench ' || bp.p, 'Benchmark provider',
             ARRAY['en'], z.zone, 'APPROVED'
      FROM bench_provider bp JOIN bench_zone z USING (zi)`);
    await step("provider_organizations", `
      INSERT INTO provider_organizations (provider_id, organization_id, status, joined_at)
      SELECT bp.provider_id, z.organization_id, 'ACTIVE', now() - interval '1 year'
      FROM bench_provider bp JOIN bench_zone z USING (zi)`);
    await step("services", `
      INSERT INTO services (id, provider_id, name, duration_minutes, price_minor, currency, is_online, is_in_person,
                            buffer_before_minutes, buffer_after_minutes, slot_step_minutes, minimum_notice_minutes,
                            booking_horizon_days)
      SELECT pg_temp.bench_uuid('bench-service-' || bp.p || '-' || s.i), bp.provider_id, s.name, s.duration, s.price, 'EUR', true, true,
             s.before, s.after, 15, 120, 90
      FROM bench_provider bp
      CROSS JOIN (VALUES (0, 'Consultation', 30, 5000, 0, 0), (1, 'Extended consultation', 45, 7500, 5, 5),
                         (2, 'Assessment', 60, 10000, 0, 10)) AS s(i, name, duration, price, before, after)`);
    await step("availability_rules", `
      INSERT INTO availability_rules (provider_id, weekday, start_minute, end_minute, mode, location_id)
      SELECT bp.provider_id, wd, r.start_minute, r.end_minute, r.mode::booking_mode,
             CASE WHEN r.mode = 'IN_PERSON' THEN z.location_id END
      FROM bench_provider bp JOIN bench_zone z USING (zi)
      CROSS JOIN generate_series(1, 5) AS wd
      CROSS JOIN (VALUES (540, 750, 'IN_PERSON'), (840, 1020, 'ONLINE')) AS r(start_minute, end_minute, mode)`);

    await step("bookings", `
      WITH grid AS (
        -- Working-hours positions: 13 per local weekday (7 mornings from 09:00, 6 afternoons from 14:00).
        SELECT (row_number() OVER (ORDER BY d, j) - 1)::int AS q, d, j,
               CASE WHEN j < 7 THEN 540 + 30 * j ELSE 840 + 30 * (j - 7) END AS start_minute,
               CASE WHEN j < 7 THEN 750 ELSE 1020 END AS interval_end
        FROM generate_series($1::date::timestamp, ($1::date + ($2::int - 1))::timestamp, interval '1 day') AS g(day)
        CROSS JOIN LATERAL (SELECT g.day::date AS d) AS x
        CROSS JOIN generate_series(0, 12) AS j
        WHERE extract(isodow FROM g.day) <= 5
      ),
      picks AS (
        SELECT bp.p, bp.provider_id, z.zone, z.location_id, k, g.d, g.j, g.start_minute,
               CASE WHEN g.interval_end - g.start_minute >= 60 THEN k % 3
                    WHEN g.interval_end - g.start_minute >= 45 THEN k % 2 ELSE 0 END AS si,
               (bp.p * 31 + k * 17) % 100 AS h
        FROM bench_provider bp
        JOIN bench_zone z USING (zi)
        CROSS JOIN LATERAL generate_series(0, bp.n - 1) AS k
        JOIN grid g ON g.q = ${GRID_STRIDE} * k + bp.p % ${GRID_STRIDE}
      ),
      timed AS (
        SELECT picks.*, s.duration, s.before, s.after,
               ((d + make_interval(mins => start_minute)) AT TIME ZONE zone) AS starts_at
        FROM picks
        JOIN (VALUES (0, 30, 0, 0), (1, 45, 5, 5), (2, 60, 0, 10)) AS s(i, duration, before, after) ON s.i = picks.si
      ),
      statused AS (
        SELECT timed.*,
               CASE WHEN starts_at < $3::timestamptz
                    THEN CASE WHEN h < 88 THEN 'COMPLETED' ELSE 'CANCELLED' END
                    ELSE CASE WHEN h < 90 THEN 'CONFIRMED' WHEN h < 98 THEN 'CANCELLED' ELSE 'PENDING' END
               END::booking_status AS status
        FROM timed
      )
      INSERT INTO bookings (provider_id, service_id, location_id, mode, starts_at, ends_at, buffer_before_minutes,
                            buffer_after_minutes, blocked_starts_at, blocked_ends_at, status, patient_time_zone,
                            confirmed_at, cancelled_at, cancelled_by, cancellation_reason, guest_name, guest_email,
                            created_at, updated_at)
      SELECT provider_id, pg_temp.bench_uuid('bench-service-' || p || '-' || si),
             CASE WHEN j < 7 THEN location_id END,
             (CASE WHEN j < 7 THEN 'IN_PERSON' ELSE 'ONLINE' END)::booking_mode,
             starts_at, starts_at + make_interval(mins => duration), before, after,
             starts_at - make_interval(mins => before), starts_at + make_interval(mins => duration + after),
             status, zone,
             CASE WHEN status IN ('CONFIRMED', 'COMPLETED') THEN starts_at - interval '14 days' END,
             CASE WHEN status = 'CANCELLED' THEN starts_at - interval '2 days' END,
             CASE WHEN status = 'CANCELLED' THEN 'PATIENT'::cancelled_by END,
             CASE WHEN status = 'CANCELLED' THEN 'Benchmark cancellation' END,
             'Bench Guest ' || p || '-' || k, 'guest-' || p || '-' || k || '@bench.medbookings.test',
             starts_at - interval '14 days', starts_at - interval '14 days'
      FROM statused`, [firstDay, PAST_DAYS + FUTURE_DAYS, now.toISOString()]);

    const target = await client.query<{ provider_id: string; p: number; zone: string; n: string }>(`
      SELECT b.provider_id, bp.p, z.zone, count(*) AS n
      FROM bookings b JOIN bench_provider bp ON bp.provider_id = b.provider_id JOIN bench_zone z USING (zi)
      GROUP BY b.provider_id, bp.p, z.zone
      ORDER BY count(*) DESC, bp.p
      LIMIT 1`);
    const row = target.rows[0];
    if (!row) throw new Error("The bulk seed produced no bookings.");

    await step("external_busy_intervals", `
      INSERT INTO external_busy_intervals (provider_id, source, external_id, starts_at, ends_at)
      SELECT $1::uuid, 'google', 'bench-event-' || i,
             date_trunc('hour', $2::timestamptz) + make_interval(mins => i * (${FUTURE_DAYS} * 1440 / $3::int)),
             date_trunc('hour', $2::timestamptz) + make_interval(mins => i * (${FUTURE_DAYS} * 1440 / $3::int) + 15 + (i * 13) % 76)
      FROM generate_series(0, $3::int - 1) AS i`, [row.provider_id, now.toISOString(), externalBusy]);
    const overrides = await client.query<{ id: string }>(`
      INSERT INTO availability_overrides (provider_id, start_date, end_date, kind, reason)
      VALUES ($1::uuid, ($2::timestamptz AT TIME ZONE $3)::date + 10, ($2::timestamptz AT TIME ZONE $3)::date + 10, 'OFF', 'Benchmark day off'),
             ($1::uuid, ($2::timestamptz AT TIME ZONE $3)::date + 17, ($2::timestamptz AT TIME ZONE $3)::date + 17, 'REPLACE', 'Benchmark other hours')
      RETURNING id, kind`, [row.provider_id, now.toISOString(), row.zone]);
    const replace = overrides.rows[1];
    if (replace) {
      await client.query(
        `INSERT INTO availability_override_intervals (override_id, start_minute, end_minute, mode) VALUES ($1::uuid, 600, 780, 'ONLINE')`,
        [replace.id],
      );
    }
    await client.query("COMMIT");

    const t0 = performance.now();
    await client.query("ANALYZE");
    log(`  ANALYZE: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const countsResult = await client.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM providers) AS providers, (SELECT count(*) FROM services) AS services,
             (SELECT count(*) FROM availability_rules) AS rules, (SELECT count(*) FROM bookings) AS bookings,
             (SELECT count(*) FROM bookings WHERE status IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED', 'NO_SHOW')) AS occupying,
             (SELECT count(*) FROM external_busy_intervals) AS external_busy`);
    const counts = Object.fromEntries(Object.entries(countsResult.rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
    if (counts.bookings !== bookings) throw new Error(`Expected ${bookings} bookings, seeded ${counts.bookings}.`);

    return {
      ms: performance.now() - started,
      counts,
      target: {
        providerId: row.provider_id,
        serviceId: md5Uuid(`bench-service-${row.p}-0`),
        timeZone: row.zone,
        bookings: Number(row.n),
      },
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** The same id as pg_temp.bench_uuid(text). */
function md5Uuid(text: string): string {
  const md5 = createHash("md5").update(text).digest("hex");
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Runs one seeding statement and logs its row count and time. */
export function timedStep(client: pg.ClientBase, log: (line: string) => void) {
  return async (label: string, text: string, values: unknown[] = []) => {
    const t0 = performance.now();
    const result = await client.query(text, values);
    log(`  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  };
}

/** pg_temp.bench_uuid(name): md5-derived ids, stamped as RFC 9562 version 4 (the API's z.uuid() accepts nothing else). */
export async function createBenchUuid(client: pg.ClientBase): Promise<void> {
  await client.query(`
    CREATE FUNCTION pg_temp.bench_uuid(name text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
      SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18))::uuid FROM md5(name) AS h
    $$`);
}
