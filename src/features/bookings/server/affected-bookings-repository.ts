import { sql, type SQL } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import type { AffectedBookingDto } from "../affected-types";

export interface CoverRange {
  name: string;
  startDate: string;
  endDate: string;
}

/** A closure of one of this organization's locations, or null (another organization's is absent). */
export async function findOrganizationClosure(
  db: DbExecutor,
  organizationId: string,
  closureId: string,
): Promise<(CoverRange & { locationId: string; accepted: boolean }) | null> {
  const result = await db.execute<{ name: string; start_date: string; end_date: string; location_id: string; accepted: boolean }>(sql`
    SELECT c.name, c.start_date::text AS start_date, c.end_date::text AS end_date, c.location_id, c.accepted
    FROM location_closures c JOIN locations l ON l.id = c.location_id
    WHERE c.id = ${closureId} AND l.organization_id = ${organizationId}
  `);
  const row = result.rows[0];
  return row ? { name: row.name, startDate: row.start_date, endDate: row.end_date, locationId: row.location_id, accepted: row.accepted } : null;
}

/** One of this provider's overrides, or null. */
export async function findProviderOverride(
  db: DbExecutor,
  providerId: string,
  overrideId: string,
): Promise<(CoverRange & { kind: "OFF" | "REPLACE" | "EXTRA" }) | null> {
  const result = await db.execute<{ reason: string; start_date: string; end_date: string; kind: "OFF" | "REPLACE" | "EXTRA" }>(sql`
    SELECT o.reason, o.start_date::text AS start_date, o.end_date::text AS end_date, o.kind
    FROM availability_overrides o WHERE o.id = ${overrideId} AND o.provider_id = ${providerId}
  `);
  const row = result.rows[0];
  return row ? { name: row.reason, startDate: row.start_date, endDate: row.end_date, kind: row.kind } : null;
}

const affectedColumns = sql`
  b.id, b.status, b.starts_at, b.ends_at, b.mode, b.provider_id,
  COALESCE(l.time_zone, pr.time_zone) AS time_zone, pr.display_name AS provider_name, s.name AS service_name,
  COALESCE(b.guest_name, pp.full_name, u.name, 'Patient') AS patient_name, l.name AS location_name`;

const affectedJoins = sql`
  JOIN providers pr ON pr.id = b.provider_id
  JOIN services s ON s.id = b.service_id
  LEFT JOIN locations l ON l.id = b.location_id
  LEFT JOIN users u ON u.id = b.patient_user_id
  LEFT JOIN patient_profiles pp ON pp.user_id = b.patient_user_id`;

type AffectedRow = {
  id: string;
  status: "PENDING" | "CONFIRMED";
  starts_at: string;
  ends_at: string;
  mode: "IN_PERSON" | "ONLINE";
  provider_id: string;
  time_zone: string;
  provider_name: string;
  service_name: string;
  patient_name: string;
  location_name: string | null;
};

export type AffectedBookingRow = AffectedBookingDto & { providerId: string };

async function selectAffected(db: DbExecutor, where: SQL): Promise<AffectedBookingRow[]> {
  const result = await db.execute<AffectedRow>(sql`SELECT ${affectedColumns} FROM bookings b ${affectedJoins} WHERE ${where} ORDER BY b.starts_at, b.id`);
  return result.rows.map((row) => ({
    id: row.id,
    status: row.status,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    mode: row.mode,
    providerId: row.provider_id,
    timeZone: row.time_zone,
    providerName: row.provider_name,
    serviceName: row.service_name,
    patientName: row.patient_name,
    locationName: row.location_name,
  }));
}

/**
 * Pending and confirmed in-person bookings at the location that start, on the location's
 * clock, on one of [startDate, endDate] and have not started by `now`.
 */
export function findBookingsAtLocationOnDates(
  db: DbExecutor,
  input: { locationId: string; startDate: string; endDate: string; now: Date },
): Promise<AffectedBookingRow[]> {
  return selectAffected(
    db,
    sql`b.location_id = ${input.locationId} AND b.mode = 'IN_PERSON' AND b.status IN ('PENDING', 'CONFIRMED')
      AND b.starts_at > ${input.now.toISOString()}::timestamptz
      AND b.starts_at >= (${input.startDate}::date::timestamp AT TIME ZONE l.time_zone)
      AND b.starts_at < ((${input.endDate}::date + 1)::timestamp AT TIME ZONE l.time_zone)`,
  );
}

/**
 * The provider's pending and confirmed bookings that start on one of [startDate, endDate], each
 * read on its own clock (the location's for in person, the provider's online), as the slot
 * engine matches a day off by its date label in every zone; only those not started by `now`.
 */
export function findProviderBookingsOnDates(
  db: DbExecutor,
  input: { providerId: string; startDate: string; endDate: string; now: Date },
): Promise<AffectedBookingRow[]> {
  return selectAffected(
    db,
    sql`b.provider_id = ${input.providerId} AND b.status IN ('PENDING', 'CONFIRMED')
      AND b.starts_at > ${input.now.toISOString()}::timestamptz
      -- A day either side in UTC bounds every zone's dates, so the provider index narrows first.
      AND b.starts_at >= ((${input.startDate}::date - 1)::timestamp AT TIME ZONE 'UTC')
      AND b.starts_at < ((${input.endDate}::date + 2)::timestamp AT TIME ZONE 'UTC')
      AND (b.starts_at AT TIME ZONE COALESCE(l.time_zone, pr.time_zone))::date BETWEEN ${input.startDate}::date AND ${input.endDate}::date`,
  );
}

/** Provider ids of these bookings (they never change), to take the providers' locks in order. */
export async function findProvidersOfBookings(db: DbExecutor, bookingIds: readonly string[]): Promise<string[]> {
  const result = await db.execute<{ provider_id: string }>(sql`
    SELECT DISTINCT provider_id FROM bookings WHERE id = ANY(${sql.param(bookingIds)}::uuid[]) ORDER BY provider_id
  `);
  return result.rows.map((row) => row.provider_id);
}
