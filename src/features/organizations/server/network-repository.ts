import { and, asc, count, eq, gte, ilike, inArray, isNull, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbExecutor } from "@/server/db/client";
import {
  availabilityOverrideIntervals,
  availabilityOverrides,
  availabilityRules,
  bookings,
  locations,
  organizations,
  providerOrganizations,
  providerSpecialties,
  providerTypes,
  providers,
  users,
} from "@/server/db/schema";
import type { ProviderLinkStatus } from "../network-schemas";
import type { MyProviderLinkDto, NetworkLocationDto, NetworkProviderDto, ProviderCandidateDto, UpcomingNetworkBookingDto } from "../network-types";

export type ProviderLinkRow = typeof providerOrganizations.$inferSelect;

/** Bookings that still hold a patient's time: a provider leaving does not cancel them. */
const UPCOMING_STATUSES = ["PENDING", "CONFIRMED"] as const;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * When the link reached its status. A link is INVITED by the latest invite, which sets
 * updated_at, and nothing else updates an INVITED link.
 */
const linkSince = sql<Date>`CASE ${providerOrganizations.status}
  WHEN 'ACTIVE' THEN coalesce(${providerOrganizations.joinedAt}, ${providerOrganizations.updatedAt})
  WHEN 'ENDED' THEN coalesce(${providerOrganizations.endedAt}, ${providerOrganizations.updatedAt})
  WHEN 'DECLINED' THEN coalesce(${providerOrganizations.respondedAt}, ${providerOrganizations.updatedAt})
  ELSE ${providerOrganizations.updatedAt} END`.mapWith(providerOrganizations.updatedAt);

const statusOrder = sql`array_position(ARRAY['ACTIVE','INVITED','ENDED','DECLINED']::provider_organization_status[], ${providerOrganizations.status})`;

/** One page of the organization's network: active first, then invited, ended and declined, by name. */
export async function findNetworkPage(
  db: DbExecutor,
  organizationId: string,
  filter: { status?: ProviderLinkStatus; offset: number; limit: number },
): Promise<{ rows: Omit<NetworkProviderDto, "locationsInUse" | "upcomingBookingCount">[]; total: number }> {
  const where = and(
    eq(providerOrganizations.organizationId, organizationId),
    filter.status ? eq(providerOrganizations.status, filter.status) : undefined,
  );
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        providerId: providers.id,
        slug: providers.slug,
        displayName: providers.displayName,
        status: providerOrganizations.status,
        since: linkSince,
        allowsScheduleEdits: providerOrganizations.allowsScheduleEdits,
      })
      .from(providerOrganizations)
      .innerJoin(providers, eq(providers.id, providerOrganizations.providerId))
      .where(where)
      .orderBy(statusOrder, asc(providers.displayName), asc(providers.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: count() }).from(providerOrganizations).where(where),
  ]);
  return { rows, total: totals?.n ?? 0 };
}

/**
 * The organization's locations each provider has hours at: weekly intervals still in effect
 * and dated intervals not yet past on or after `fromDate`.
 */
export async function findLocationsInUse(
  db: DbExecutor,
  organizationId: string,
  providerIds: string[],
  fromDate: string,
): Promise<Map<string, NetworkLocationDto[]>> {
  const byProvider = new Map<string, NetworkLocationDto[]>();
  if (providerIds.length === 0) return byProvider;
  const weekly = db
    .selectDistinct({ providerId: availabilityRules.providerId, id: locations.id, name: locations.name })
    .from(availabilityRules)
    .innerJoin(locations, eq(locations.id, availabilityRules.locationId))
    .where(
      and(
        eq(locations.organizationId, organizationId),
        inArray(availabilityRules.providerId, providerIds),
        or(isNull(availabilityRules.effectiveUntil), gte(availabilityRules.effectiveUntil, fromDate)),
      ),
    );
  const dated = db
    .selectDistinct({ providerId: availabilityOverrides.providerId, id: locations.id, name: locations.name })
    .from(availabilityOverrideIntervals)
    .innerJoin(availabilityOverrides, eq(availabilityOverrides.id, availabilityOverrideIntervals.overrideId))
    .innerJoin(locations, eq(locations.id, availabilityOverrideIntervals.locationId))
    .where(
      and(
        eq(locations.organizationId, organizationId),
        inArray(availabilityOverrides.providerId, providerIds),
        gte(availabilityOverrides.endDate, fromDate),
      ),
    );
  const rows = await weekly.union(dated);
  rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  for (const row of rows) {
    const list = byProvider.get(row.providerId) ?? [];
    list.push({ id: row.id, name: row.name });
    byProvider.set(row.providerId, list);
  }
  return byProvider;
}

function upcomingAt(organizationId: string, now: Date) {
  return and(
    inArray(bookings.status, [...UPCOMING_STATUSES]),
    gte(bookings.startsAt, now),
    inArray(bookings.locationId, sql`(SELECT ${locations.id} FROM ${locations} WHERE ${locations.organizationId} = ${organizationId})`),
  );
}

/** How many pending and confirmed bookings each provider still has to come at the organization's locations. */
export async function countUpcomingBookings(db: DbExecutor, organizationId: string, providerIds: string[], now: Date): Promise<Map<string, number>> {
  if (providerIds.length === 0) return new Map();
  const rows = await db
    .select({ providerId: bookings.providerId, n: count() })
    .from(bookings)
    .where(and(inArray(bookings.providerId, providerIds), upcomingAt(organizationId, now)))
    .groupBy(bookings.providerId);
  return new Map(rows.map((row) => [row.providerId, row.n]));
}

/** The provider's next pending and confirmed bookings at the organization's locations, soonest first. */
export async function findUpcomingBookings(
  db: DbExecutor,
  organizationId: string,
  providerId: string,
  now: Date,
  limit: number,
): Promise<UpcomingNetworkBookingDto[]> {
  const rows = await db
    .select({
      id: bookings.id,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      status: bookings.status,
      locationName: locations.name,
      timeZone: locations.timeZone,
    })
    .from(bookings)
    .innerJoin(locations, eq(locations.id, bookings.locationId))
    .where(and(eq(bookings.providerId, providerId), upcomingAt(organizationId, now)))
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, status: row.status as UpcomingNetworkBookingDto["status"] }));
}

/** Approved providers whose name or address (slug) contains the words, with their link to this organization. */
export async function searchApprovedProviders(db: DbExecutor, organizationId: string, query: string, limit: number): Promise<ProviderCandidateDto[]> {
  const pattern = `%${escapeLike(query)}%`;
  const rows = await db
    .select({
      providerId: providers.id,
      slug: providers.slug,
      displayName: providers.displayName,
      linkStatus: providerOrganizations.status,
    })
    .from(providers)
    .leftJoin(
      providerOrganizations,
      and(eq(providerOrganizations.providerId, providers.id), eq(providerOrganizations.organizationId, organizationId)),
    )
    .where(and(eq(providers.status, "APPROVED"), or(ilike(providers.displayName, pattern), ilike(providers.slug, pattern))))
    .orderBy(asc(providers.displayName), asc(providers.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const specialties = await db
    .select({ providerId: providerSpecialties.providerId, name: providerTypes.name })
    .from(providerSpecialties)
    .innerJoin(providerTypes, eq(providerTypes.id, providerSpecialties.providerTypeId))
    .where(inArray(providerSpecialties.providerId, rows.map((row) => row.providerId)))
    .orderBy(asc(providerTypes.name));
  return rows.map((row) => ({
    ...row,
    specialties: specialties.filter((s) => s.providerId === row.providerId).map((s) => s.name),
  }));
}

export async function findProviderStatus(db: DbExecutor, providerId: string): Promise<{ id: string; status: string; timeZone: string } | null> {
  const [row] = await db
    .select({ id: providers.id, status: providers.status, timeZone: providers.timeZone })
    .from(providers)
    .where(eq(providers.id, providerId))
    .limit(1);
  return row ?? null;
}

/** The link between a provider and an organization, locked until the transaction ends: every change to a link takes this lock first. */
export async function lockProviderLink(db: DbExecutor, organizationId: string, providerId: string): Promise<ProviderLinkRow | null> {
  const [row] = await db
    .select()
    .from(providerOrganizations)
    .where(and(eq(providerOrganizations.organizationId, organizationId), eq(providerOrganizations.providerId, providerId)))
    .for("update");
  return row ?? null;
}

/** A new INVITED link, or null when one appeared since the caller looked (a concurrent invite). */
export async function insertInvitedLink(
  db: DbExecutor,
  values: { organizationId: string; providerId: string; invitedByUserId: string; now: Date },
): Promise<ProviderLinkRow | null> {
  const [row] = await db
    .insert(providerOrganizations)
    .values({
      organizationId: values.organizationId,
      providerId: values.providerId,
      status: "INVITED",
      invitedByUserId: values.invitedByUserId,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function updateProviderLink(
  db: DbExecutor,
  organizationId: string,
  providerId: string,
  values: Partial<Pick<ProviderLinkRow, "status" | "joinedAt" | "invitedByUserId" | "respondedAt" | "endedAt" | "allowsScheduleEdits">> & { now: Date },
): Promise<ProviderLinkRow> {
  const { now, ...changes } = values;
  const [row] = await db
    .update(providerOrganizations)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(providerOrganizations.organizationId, organizationId), eq(providerOrganizations.providerId, providerId)))
    .returning();
  return row!;
}

/**
 * The same transaction-scoped lock availability's saveWeeklySchedule takes on a provider's
 * schedule (availability-repository.ts, lockProviderSchedule: key space 44). Organizations comes
 * before availability in the feature order and cannot call it, so the key is repeated here. A
 * save whose transaction is under way when the link ends commits first, and the removal that
 * follows sees (and removes) its hours at this organization's locations; without the lock the
 * removal would not see rows inserted after it began. saveWeeklySchedule checks the provider's
 * locations before it takes the lock, so a save checked just before the link ended and written
 * just after it can still add hours here until availability re-checks under its lock.
 */
export async function lockProviderScheduleForLinkChange(db: DbExecutor, providerId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${providerId}, 44))`);
}

const organizationLocationIds = (organizationId: string) =>
  sql`(SELECT ${locations.id} FROM ${locations} WHERE ${locations.organizationId} = ${organizationId})`;

/**
 * Removes the provider's weekly intervals at the organization's locations, so that no new
 * slots appear there once their link has ended. Written here rather than in availability
 * because this is part of ending the link, in its transaction, and organizations may not depend
 * on availability; the availability triggers still bump the provider's version, so cached slots
 * are dropped.
 */
export async function deleteWeeklyRulesAtOrganization(db: DbExecutor, providerId: string, organizationId: string): Promise<number> {
  const deleted = await db
    .delete(availabilityRules)
    .where(and(eq(availabilityRules.providerId, providerId), inArray(availabilityRules.locationId, organizationLocationIds(organizationId))))
    .returning({ id: availabilityRules.id });
  return deleted.length;
}

/**
 * Removes the provider's dated intervals at the organization's locations from overrides that
 * end on or after `fromDate` (the provider's today); past ones stay as the record of what was
 * offered. Extra hours left without any interval mean nothing, so they go too; a REPLACE left
 * empty is kept, since it still says the provider does not work their weekly hours that day.
 */
export async function deleteDatedIntervalsAtOrganization(db: DbExecutor, providerId: string, organizationId: string, fromDate: string): Promise<number> {
  const futureOverrides = sql`(SELECT ${availabilityOverrides.id} FROM ${availabilityOverrides}
    WHERE ${availabilityOverrides.providerId} = ${providerId} AND ${availabilityOverrides.endDate} >= ${fromDate}::date)`;
  const deleted = await db
    .delete(availabilityOverrideIntervals)
    .where(
      and(
        inArray(availabilityOverrideIntervals.overrideId, futureOverrides),
        inArray(availabilityOverrideIntervals.locationId, organizationLocationIds(organizationId)),
      ),
    )
    .returning({ overrideId: availabilityOverrideIntervals.overrideId });
  const touched = [...new Set(deleted.map((row) => row.overrideId))];
  if (touched.length > 0) {
    await db
      .delete(availabilityOverrides)
      .where(
        and(
          inArray(availabilityOverrides.id, touched),
          eq(availabilityOverrides.kind, "EXTRA"),
          notExists(db.select({ one: sql`1` }).from(availabilityOverrideIntervals).where(eq(availabilityOverrideIntervals.overrideId, availabilityOverrides.id))),
        ),
      );
  }
  return deleted.length;
}

/** The provider's open invitations and active links, with what the provider's page shows. */
export async function findLinksOfProvider(db: DbExecutor, providerId: string): Promise<Omit<MyProviderLinkDto, "locations" | "upcomingBookingCount">[]> {
  const inviter = alias(users, "inviter");
  const rows = await db
    .select({
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationStatus: organizations.status,
      status: providerOrganizations.status,
      since: linkSince,
      invitedByName: inviter.name,
      allowsScheduleEdits: providerOrganizations.allowsScheduleEdits,
    })
    .from(providerOrganizations)
    .innerJoin(organizations, eq(organizations.id, providerOrganizations.organizationId))
    .leftJoin(inviter, eq(inviter.id, providerOrganizations.invitedByUserId))
    .where(and(eq(providerOrganizations.providerId, providerId), inArray(providerOrganizations.status, ["INVITED", "ACTIVE"])))
    .orderBy(statusOrder, asc(organizations.name), asc(organizations.id))
    // A provider works with a handful of organizations; this bounds a flood of invitations.
    .limit(200);
  return rows.map((row) => ({ ...row, status: row.status as MyProviderLinkDto["status"] }));
}

export async function findLocationsOfOrganizations(db: DbExecutor, organizationIds: string[]): Promise<Map<string, NetworkLocationDto[]>> {
  const byOrganization = new Map<string, NetworkLocationDto[]>();
  if (organizationIds.length === 0) return byOrganization;
  const rows = await db
    .select({ organizationId: locations.organizationId, id: locations.id, name: locations.name })
    .from(locations)
    .where(inArray(locations.organizationId, organizationIds))
    .orderBy(asc(locations.name), asc(locations.id));
  for (const row of rows) {
    const list = byOrganization.get(row.organizationId) ?? [];
    list.push({ id: row.id, name: row.name });
    byOrganization.set(row.organizationId, list);
  }
  return byOrganization;
}

/** One provider's upcoming pending and confirmed bookings per organization, at that organization's locations. */
export async function countUpcomingBookingsByOrganization(db: DbExecutor, providerId: string, organizationIds: string[], now: Date): Promise<Map<string, number>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await db
    .select({ organizationId: locations.organizationId, n: count() })
    .from(bookings)
    .innerJoin(locations, eq(locations.id, bookings.locationId))
    .where(
      and(
        eq(bookings.providerId, providerId),
        inArray(locations.organizationId, organizationIds),
        inArray(bookings.status, [...UPCOMING_STATUSES]),
        gte(bookings.startsAt, now),
      ),
    )
    .groupBy(locations.organizationId);
  return new Map(rows.map((row) => [row.organizationId, row.n]));
}
