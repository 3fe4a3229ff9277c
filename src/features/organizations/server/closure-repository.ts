import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { locationClosures, locations } from "@/server/db/schema";
import type { ClosureDto } from "../closure-types";

export interface ClosureLocation {
  id: string;
  name: string;
  timeZone: string;
  countryCode: string | null;
  regionCode: string | null;
}

/** A location of this organization, or null (another organization's location is not found). */
export async function findOrganizationLocation(db: DbExecutor, organizationId: string, locationId: string): Promise<ClosureLocation | null> {
  const [row] = await db
    .select({ id: locations.id, name: locations.name, timeZone: locations.timeZone, countryCode: locations.countryCode, regionCode: locations.regionCode })
    .from(locations)
    .where(and(eq(locations.id, locationId), eq(locations.organizationId, organizationId)))
    .limit(1);
  return row ?? null;
}

const closureColumns = {
  id: locationClosures.id,
  locationId: locationClosures.locationId,
  locationName: locations.name,
  timeZone: locations.timeZone,
  startDate: locationClosures.startDate,
  endDate: locationClosures.endDate,
  name: locationClosures.name,
  source: locationClosures.source,
  accepted: locationClosures.accepted,
};

/** Closures (accepted or rejected) of the organization's locations touching [from, to]. */
export async function findClosuresInRange(
  db: DbExecutor,
  input: { organizationId: string; locationId?: string; from: string; to: string },
): Promise<ClosureDto[]> {
  return db
    .select(closureColumns)
    .from(locationClosures)
    .innerJoin(locations, eq(locations.id, locationClosures.locationId))
    .where(
      and(
        eq(locations.organizationId, input.organizationId),
        input.locationId ? eq(locationClosures.locationId, input.locationId) : undefined,
        lte(locationClosures.startDate, input.to),
        gte(locationClosures.endDate, input.from),
      ),
    )
    .orderBy(asc(locationClosures.startDate), asc(locations.name), asc(locationClosures.id));
}

/** The holiday decisions of one location whose first day falls in [from, to]. */
export async function findHolidayDecisions(db: DbExecutor, locationId: string, from: string, to: string) {
  return db
    .select({ id: locationClosures.id, startDate: locationClosures.startDate, accepted: locationClosures.accepted })
    .from(locationClosures)
    .where(
      and(
        eq(locationClosures.locationId, locationId),
        eq(locationClosures.source, "PUBLIC_HOLIDAY"),
        gte(locationClosures.startDate, from),
        lte(locationClosures.startDate, to),
      ),
    );
}

/**
 * Records holiday decisions, one row per (location, first day). A decision equal to the stored
 * one writes nothing, so deciding twice neither bumps the providers' slot caches nor changes who
 * decided.
 */
export async function upsertHolidayDecisions(
  db: DbExecutor,
  rows: { locationId: string; startDate: string; endDate: string; name: string; accepted: boolean; decidedByUserId: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(locationClosures)
    .values(rows.map((row) => ({ ...row, source: "PUBLIC_HOLIDAY" as const })))
    .onConflictDoUpdate({
      target: [locationClosures.locationId, locationClosures.startDate],
      targetWhere: sql`${locationClosures.source} = 'PUBLIC_HOLIDAY'`,
      set: {
        accepted: sql`excluded.accepted`,
        endDate: sql`excluded.end_date`,
        name: sql`excluded.name`,
        decidedByUserId: sql`excluded.decided_by_user_id`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${locationClosures.accepted} IS DISTINCT FROM excluded.accepted OR ${locationClosures.endDate} IS DISTINCT FROM excluded.end_date`,
    });
}

export async function insertManualClosure(
  db: DbExecutor,
  values: { locationId: string; startDate: string; endDate: string; name: string; decidedByUserId: string },
): Promise<string> {
  const [row] = await db.insert(locationClosures).values({ ...values, source: "MANUAL", accepted: true }).returning({ id: locationClosures.id });
  return row!.id;
}

/** Closures of this organization by id (others' ids are simply absent). */
export async function findClosuresByIds(db: DbExecutor, organizationId: string, ids: readonly string[]): Promise<ClosureDto[]> {
  if (ids.length === 0) return [];
  return db
    .select(closureColumns)
    .from(locationClosures)
    .innerJoin(locations, eq(locations.id, locationClosures.locationId))
    .where(and(eq(locations.organizationId, organizationId), sql`${locationClosures.id} = ANY(${sql.param(ids)}::uuid[])`))
    .orderBy(asc(locationClosures.startDate));
}

/** Deletes a closure of this organization; null when there is none with that id. */
export async function deleteOrganizationClosure(db: DbExecutor, organizationId: string, closureId: string): Promise<ClosureDto | null> {
  const [found] = await findClosuresByIds(db, organizationId, [closureId]);
  if (!found) return null;
  await db.delete(locationClosures).where(eq(locationClosures.id, closureId));
  return found;
}

/**
 * Pending and confirmed in-person bookings at the location that start on [startDate, endDate]
 * (the location's local dates) and have not started by `now`: what a closure would leave with
 * no place to happen.
 */
export async function countCoveredBookings(
  db: DbExecutor,
  input: { locationId: string; timeZone: string; startDate: string; endDate: string; now: Date },
): Promise<number> {
  const result = await db.execute<{ n: string }>(sql`
    SELECT count(*) AS n FROM bookings b
    WHERE b.location_id = ${input.locationId} AND b.mode = 'IN_PERSON' AND b.status IN ('PENDING', 'CONFIRMED')
      AND b.starts_at > ${input.now.toISOString()}::timestamptz
      AND b.starts_at >= (${input.startDate}::date::timestamp AT TIME ZONE ${input.timeZone})
      AND b.starts_at < ((${input.endDate}::date + 1)::timestamp AT TIME ZONE ${input.timeZone})
  `);
  return Number(result.rows[0]?.n ?? 0);
}
