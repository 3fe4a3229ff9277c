/**
 * Set-based seed for `npm run bench:search`, in the style of seed-bulk.ts (INSERT … SELECT over
 * generate_series, md5-derived ids, one transaction, then ANALYZE): a directory spread over the
 * four demo cities.
 *
 * - `practices` APPROVED organizations, round-robin over SEARCH_CITIES, each with a location
 *   scattered uniformly over a disc of 15 km around the city centre; one practice in four has a
 *   second site within 5 km of the first;
 * - `providers` APPROVED providers (10 specialties, languages en plus one of fr/hi/es/de), each
 *   a member of practice p mod `practices`, working weekdays 09:00–12:30 in person at its
 *   practice's first location (the second site on Wednesdays when there is one) and
 *   14:00–17:00 online, in the city's zone; 3 services (30 min in person+online, 45 min in
 *   person with 5/5 buffers, 25 min online only), step 15, notice 120, horizon 90;
 * - bookings of the 30-minute service on the working-hours 30-minute grid, from yesterday to
 *   21 days ahead (local dates in the city's zone): each provider has an occupancy between 35 %
 *   and 100 % (one in ten is fully booked for its first week), and a grid position is taken
 *   when a hash of (provider, date, position) falls under it. Grid positions never overlap, so
 *   `bookings_no_overlap` holds by construction. 92 % CONFIRMED, 8 % CANCELLED.
 */
import type pg from "pg";
import { createBenchUuid, timedStep } from "./seed-bulk";

export const SEARCH_CITIES = [
  { city: "London", country: "United Kingdom", zone: "Europe/London", lat: 51.5072, lon: -0.1276 },
  { city: "New York", country: "USA", zone: "America/New_York", lat: 40.7128, lon: -74.006 },
  { city: "Mumbai", country: "India", zone: "Asia/Kolkata", lat: 19.076, lon: 72.8777 },
  { city: "Adelaide", country: "Australia", zone: "Australia/Adelaide", lat: -34.9285, lon: 138.6007 },
] as const;

const SPECIALTIES = [
  "general-practice",
  "cardiology",
  "dermatology",
  "pediatrics",
  "psychiatry",
  "psychology",
  "physiotherapy",
  "dentistry",
  "gynecology",
  "nutrition",
];

export interface SearchSeedOptions {
  providers: number;
  practices: number;
  now: Date;
  log?: (line: string) => void;
}

export interface SearchSeedResult {
  ms: number;
  counts: Record<string, number>;
}

export async function seedSearch(client: pg.Client, options: SearchSeedOptions): Promise<SearchSeedResult> {
  const { providers, practices, now } = options;
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const step = timedStep(client, log);

  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL synchronous_commit = off");
    await createBenchUuid(client);
    // A deterministic fraction in [0, 1) from a name.
    await client.query(`
      CREATE FUNCTION pg_temp.bench_unit(name text) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
        SELECT ('x' || substr(md5(name), 1, 8))::bit(32)::bigint / 4294967296.0
      $$`);
    await client.query(
      `CREATE TEMP TABLE search_city ON COMMIT DROP AS
       SELECT (c->>'index')::int AS ci, c->>'city' AS city, c->>'country' AS country, c->>'zone' AS zone,
              (c->>'lat')::float8 AS lat, (c->>'lon')::float8 AS lon
       FROM json_array_elements($1::json) AS c`,
      [JSON.stringify(SEARCH_CITIES.map((c, index) => ({ ...c, index })))],
    );
    // Uniform over a disc: radius r·sqrt(u), bearing 2πv; degrees of longitude shrink by cos(lat).
    await client.query(
      `CREATE TEMP TABLE search_practice ON COMMIT DROP AS
       SELECT g AS k, g % $2::int AS ci,
              pg_temp.bench_uuid('search-org-' || g) AS organization_id,
              pg_temp.bench_uuid('search-location-' || g) AS location_id,
              CASE WHEN g % 4 = 0 THEN pg_temp.bench_uuid('search-location-b-' || g) END AS second_location_id,
              15 * sqrt(pg_temp.bench_unit('r' || g)) AS km, 2 * pi() * pg_temp.bench_unit('b' || g) AS bearing
       FROM generate_series(0, $1::int - 1) AS g`,
      [practices, SEARCH_CITIES.length],
    );

    await step("provider_types", `
      INSERT INTO provider_types (slug, name)
      SELECT slug, initcap(replace(slug, '-', ' ')) FROM unnest($1::text[]) AS slug
      ON CONFLICT (slug) DO NOTHING`, [SPECIALTIES]);
    await step("organizations", `
      INSERT INTO organizations (id, slug, name, description, status)
      SELECT sp.organization_id, 'search-org-' || sp.k, c.city || ' Practice ' || sp.k, 'Benchmark practice', 'APPROVED'
      FROM search_practice sp JOIN search_city c USING (ci)`);
    await step("locations", `
      INSERT INTO locations (id, organization_id, name, formatted_address, latitude, longitude, time_zone)
      SELECT sp.location_id, sp.organization_id, c.city || ' Practice ' || sp.k, sp.k || ' Bench Street, ' || c.city || ', ' || c.country,
             c.lat + sp.km / 111.195 * cos(sp.bearing), c.lon + sp.km / (111.195 * cos(radians(c.lat))) * sin(sp.bearing), c.zone
      FROM search_practice sp JOIN search_city c USING (ci)
      UNION ALL
      SELECT sp.second_location_id, sp.organization_id, c.city || ' Practice ' || sp.k || ' East', (sp.k + 1) || ' Bench Road, ' || c.city || ', ' || c.country,
             c.lat + sp.km / 111.195 * cos(sp.bearing) + 0.02, c.lon + sp.km / (111.195 * cos(radians(c.lat))) * sin(sp.bearing) + 0.03, c.zone
      FROM search_practice sp JOIN search_city c USING (ci)
      WHERE sp.second_location_id IS NOT NULL`);

    await client.query(
      `CREATE TEMP TABLE search_provider ON COMMIT DROP AS
       SELECT p, sp.k, sp.ci, sp.location_id, sp.second_location_id, c.zone,
              pg_temp.bench_uuid('search-user-' || p) AS user_id,
              pg_temp.bench_uuid('search-provider-' || p) AS provider_id,
              CASE WHEN p % 10 = 0 THEN 100 ELSE 35 + (p * 37) % 66 END AS occupancy
       FROM generate_series(0, $1::int - 1) AS p
       JOIN search_practice sp ON sp.k = p % $2::int
       JOIN search_city c ON c.ci = sp.ci`,
      [providers, practices],
    );
    await step("users", `
      INSERT INTO users (id, name, email, email_verified, role)
      SELECT user_id, 'Search Provider ' || p, 'search-provider-' || p || '@bench.medbookings.test', now(), 'USER' FROM search_provider`);
    await step("providers", `
      INSERT INTO providers (id, user_id, slug, display_name, bio, languages, time_zone, status)
      SELECT provider_id, user_id, 'search-provider-' || p, 'Dr. Search ' || p, 'Benchmark provider',
             ARRAY['en', (ARRAY['fr', 'hi', 'es', 'de'])[1 + p % 4]], zone, 'APPROVED'
      FROM search_provider`);
    await step("provider_specialties", `
      INSERT INTO provider_specialties (provider_id, provider_type_id)
      SELECT sp.provider_id, pt.id FROM search_provider sp
      JOIN provider_types pt ON pt.slug = ($1::text[])[1 + sp.p % array_length($1::text[], 1)]`, [SPECIALTIES]);
    await step("provider_organizations", `
      INSERT INTO provider_organizations (provider_id, organization_id, status, joined_at)
      SELECT sp.provider_id, pr.organization_id, 'ACTIVE', now() - interval '1 year'
      FROM search_provider sp JOIN search_practice pr USING (k)`);
    await step("services", `
      INSERT INTO services (id, provider_id, name, duration_minutes, price_minor, currency, is_online, is_in_person,
                            buffer_before_minutes, buffer_after_minutes, slot_step_minutes, minimum_notice_minutes, booking_horizon_days)
      SELECT pg_temp.bench_uuid('search-service-' || sp.p || '-' || s.i), sp.provider_id, s.name, s.duration, s.price, 'EUR',
             s.online, s.in_person, s.before, s.after, 15, 120, 90
      FROM search_provider sp
      CROSS JOIN (VALUES (0, 'Consultation', 30, 5000, true, true, 0, 0), (1, 'Extended consultation', 45, 7500, false, true, 5, 5),
                         (2, 'Video follow-up', 25, 4000, true, false, 0, 0)) AS s(i, name, duration, price, online, in_person, before, after)`);
    await step("availability_rules", `
      INSERT INTO availability_rules (provider_id, weekday, start_minute, end_minute, mode, location_id)
      SELECT sp.provider_id, wd, 540, 750, 'IN_PERSON'::booking_mode,
             CASE WHEN wd = 3 AND sp.second_location_id IS NOT NULL THEN sp.second_location_id ELSE sp.location_id END
      FROM search_provider sp CROSS JOIN generate_series(1, 5) AS wd
      UNION ALL
      SELECT sp.provider_id, wd, 840, 1020, 'ONLINE'::booking_mode, NULL
      FROM search_provider sp CROSS JOIN generate_series(1, 5) AS wd`);

    await step("bookings", `
      WITH grid AS (
        SELECT d::date AS d, j, CASE WHEN j < 7 THEN 540 + 30 * j ELSE 840 + 30 * (j - 7) END AS start_minute
        FROM generate_series(($1::timestamptz AT TIME ZONE 'UTC')::date - 1, ($1::timestamptz AT TIME ZONE 'UTC')::date + 21, interval '1 day') AS d
        CROSS JOIN generate_series(0, 12) AS j
        WHERE extract(isodow FROM d) <= 5
      ),
      picks AS (
        SELECT sp.p, sp.provider_id, sp.zone, g.d, g.j, g.start_minute,
               CASE WHEN g.j >= 7 THEN NULL WHEN extract(isodow FROM g.d) = 3 AND sp.second_location_id IS NOT NULL
                    THEN sp.second_location_id ELSE sp.location_id END AS location_id,
               ((g.d + make_interval(mins => g.start_minute)) AT TIME ZONE sp.zone) AS starts_at,
               (sp.p * 31 + g.j * 7 + (g.d - DATE '2000-01-01') * 13) % 100 AS h
        FROM search_provider sp CROSS JOIN grid g
        WHERE (sp.occupancy = 100 AND g.d < ($1::timestamptz AT TIME ZONE 'UTC')::date + 7)
           OR pg_temp.bench_unit(sp.p || '-' || g.d || '-' || g.j) * 100 < least(sp.occupancy, 95)
      )
      INSERT INTO bookings (provider_id, service_id, location_id, mode, starts_at, ends_at, buffer_before_minutes, buffer_after_minutes,
                            blocked_starts_at, blocked_ends_at, status, patient_time_zone, confirmed_at, cancelled_at, cancelled_by,
                            cancellation_reason, guest_name, guest_email, created_at, updated_at)
      SELECT provider_id, pg_temp.bench_uuid('search-service-' || p || '-0'), location_id,
             (CASE WHEN location_id IS NULL THEN 'ONLINE' ELSE 'IN_PERSON' END)::booking_mode,
             starts_at, starts_at + interval '30 minutes', 0, 0, starts_at, starts_at + interval '30 minutes',
             (CASE WHEN h < 92 THEN 'CONFIRMED' ELSE 'CANCELLED' END)::booking_status, zone,
             CASE WHEN h < 92 THEN starts_at - interval '7 days' END,
             CASE WHEN h >= 92 THEN starts_at - interval '2 days' END,
             CASE WHEN h >= 92 THEN 'PATIENT'::cancelled_by END,
             CASE WHEN h >= 92 THEN 'Benchmark cancellation' END,
             'Search Guest ' || p, 'guest-' || p || '@bench.medbookings.test', starts_at - interval '7 days', starts_at - interval '7 days'
      FROM picks`, [now.toISOString()]);
    await client.query("COMMIT");

    const t0 = performance.now();
    await client.query("ANALYZE");
    log(`  ANALYZE: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const countsResult = await client.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM providers) AS providers, (SELECT count(*) FROM locations) AS locations,
             (SELECT count(*) FROM services) AS services, (SELECT count(*) FROM availability_rules) AS rules,
             (SELECT count(*) FROM bookings) AS bookings,
             (SELECT count(*) FROM bookings WHERE status = 'CONFIRMED') AS confirmed`);
    const counts = Object.fromEntries(Object.entries(countsResult.rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
    return { ms: performance.now() - started, counts };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
