import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { availabilityRules, locations, providerOrganizations, providers } from "@/server/db/schema";
import type { BookingMode } from "../schemas";
import type { LocationDto, WeeklyRuleDto } from "../types";

export interface ProviderLinkRow {
  providerId: string;
  displayName: string;
  timeZone: string;
  providerStatus: (typeof providers.$inferSelect)["status"];
  linkStatus: (typeof providerOrganizations.$inferSelect)["status"];
  allowsScheduleEdits: boolean;
}

/**
 * The provider's link with the organization, or null when there is none. `lock` holds the link
 * row (FOR SHARE) until the transaction ends, so a provider withdrawing the grant at the same
 * moment waits for the save, or the save sees the withdrawal.
 */
export async function findProviderLink(
  db: DbExecutor,
  organizationId: string,
  providerId: string,
  options: { lock?: boolean } = {},
): Promise<ProviderLinkRow | null> {
  const query = db
    .select({
      providerId: providers.id,
      displayName: providers.displayName,
      timeZone: providers.timeZone,
      providerStatus: providers.status,
      linkStatus: providerOrganizations.status,
      allowsScheduleEdits: providerOrganizations.allowsScheduleEdits,
    })
    .from(providerOrganizations)
    .innerJoin(providers, eq(providers.id, providerOrganizations.providerId))
    .where(and(eq(providerOrganizations.organizationId, organizationId), eq(providerOrganizations.providerId, providerId)))
    .limit(1);
  const [row] = options.lock ? await query.for("share", { of: providerOrganizations }) : await query;
  return row ?? null;
}

export async function findOrganizationLocations(db: DbExecutor, organizationId: string): Promise<LocationDto[]> {
  return db
    .select({
      id: locations.id,
      name: locations.name,
      formattedAddress: locations.formattedAddress,
      timeZone: locations.timeZone,
      latitude: locations.latitude,
      longitude: locations.longitude,
    })
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .orderBy(asc(locations.name), asc(locations.id));
}

/** The zone of each location id given (ids that are not locations are left out). */
export async function findLocationZones(db: DbExecutor, locationIds: string[]): Promise<Map<string, string>> {
  if (locationIds.length === 0) return new Map();
  const rows = await db
    .select({ id: locations.id, timeZone: locations.timeZone })
    .from(locations)
    .where(inArray(locations.id, [...new Set(locationIds)]));
  return new Map(rows.map((row) => [row.id, row.timeZone]));
}

/** Replaces only the provider's in-person weekly rules at `locationIds`; every other rule stays. */
export async function replaceWeeklyRulesAtLocations(
  db: DbExecutor,
  providerId: string,
  locationIds: string[],
  rules: Omit<WeeklyRuleDto, "id">[],
): Promise<void> {
  if (locationIds.length > 0) {
    await db
      .delete(availabilityRules)
      .where(
        and(
          eq(availabilityRules.providerId, providerId),
          eq(availabilityRules.mode, "IN_PERSON"),
          inArray(availabilityRules.locationId, locationIds),
        ),
      );
  }
  if (rules.length > 0) {
    await db.insert(availabilityRules).values(rules.map((rule) => ({ ...rule, providerId })));
  }
}

export interface TimetableRow {
  providerId: string;
  /** Accepted closures of the wanted locations touching the dates: no in-person hours there on those local dates. */
  closures: { locationId: string; startDate: string; endDate: string }[];
  rules: { weekday: number; startMinute: number; endMinute: number; locationId: string; effectiveFrom: string | null; effectiveUntil: string | null }[];
  overrides: {
    startDate: string;
    endDate: string;
    kind: "OFF" | "REPLACE" | "EXTRA";
    intervals: { startMinute: number; endMinute: number; mode: BookingMode; locationId: string | null }[];
  }[];
}

/**
 * Each provider's in-person weekly rules at `locationIds`, the overrides touching the local
 * dates and the locations' accepted closures on them, in one round trip. Overrides come whole (all their intervals), since an OFF or REPLACE
 * day clears the weekly rules whatever place its own intervals are at.
 */
export async function findTimetablesAtLocations(
  db: DbExecutor,
  input: { providerIds: string[]; locationIds: string[]; fromDate: string; toDate: string },
): Promise<TimetableRow[]> {
  if (input.providerIds.length === 0) return [];
  const providerIds = sql.join(input.providerIds.map((id) => sql`${id}::uuid`), sql`, `);
  const locationIds = input.locationIds.length > 0 ? sql.join(input.locationIds.map((id) => sql`${id}::uuid`), sql`, `) : sql`NULL::uuid`;
  const result = await db.execute<{ provider_id: string; rules: TimetableRow["rules"]; overrides: TimetableRow["overrides"]; closures: TimetableRow["closures"] }>(sql`
    SELECT p.id AS provider_id,
      COALESCE((
        SELECT json_agg(json_build_object(
          'weekday', r.weekday, 'startMinute', r.start_minute, 'endMinute', r.end_minute, 'locationId', r.location_id,
          'effectiveFrom', r.effective_from, 'effectiveUntil', r.effective_until) ORDER BY r.weekday, r.start_minute)
        FROM availability_rules r
        WHERE r.provider_id = p.id AND r.mode = 'IN_PERSON' AND r.location_id IN (${locationIds})), '[]'::json) AS rules,
      COALESCE((
        SELECT json_agg(json_build_object(
          'startDate', o.start_date, 'endDate', o.end_date, 'kind', o.kind,
          'intervals', COALESCE((
            SELECT json_agg(json_build_object('startMinute', i.start_minute, 'endMinute', i.end_minute, 'mode', i.mode, 'locationId', i.location_id))
            FROM availability_override_intervals i WHERE i.override_id = o.id), '[]'::json)))
        FROM availability_overrides o
        WHERE o.provider_id = p.id AND o.end_date >= ${input.fromDate}::date AND o.start_date <= ${input.toDate}::date), '[]'::json) AS overrides,
      COALESCE((
        SELECT json_agg(json_build_object('locationId', c.location_id, 'startDate', c.start_date, 'endDate', c.end_date))
        FROM location_closures c
        WHERE c.location_id IN (${locationIds}) AND c.accepted
          AND c.end_date >= ${input.fromDate}::date AND c.start_date <= ${input.toDate}::date), '[]'::json) AS closures
    FROM providers p
    WHERE p.id IN (${providerIds})
  `);
  return result.rows.map((row) => ({ providerId: row.provider_id, rules: row.rules, overrides: row.overrides, closures: row.closures }));
}
