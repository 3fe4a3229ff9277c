import { and, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import {
  calendarConnections,
  calendarSyncRuns,
  calendarWatchChannels,
  connectedCalendars,
  providerCalendarSettings,
  providers,
} from "@/server/db/schema";

/** The provider profile a user owns, when it is the one named (a state or an id from the browser). */
export async function findProviderOwnedBy(db: DbExecutor, userId: string, providerId: string): Promise<{ id: string; timeZone: string; status: string } | null> {
  const [row] = await db
    .select({ id: providers.id, timeZone: providers.timeZone, status: providers.status })
    .from(providers)
    .where(and(eq(providers.id, providerId), eq(providers.userId, userId)));
  return row ?? null;
}

/**
 * Creates the provider's connection to a Google account, or brings an existing one back to
 * ACTIVE (a reconnect: the reason and the notice of the last episode are cleared). `isNew` tells
 * the two apart, so first-connection defaults are applied once.
 */
export async function upsertConnection(
  db: DbExecutor,
  values: { providerId: string; googleSubject: string; googleEmail: string },
): Promise<{ id: string; isNew: boolean }> {
  const [row] = await db
    .insert(calendarConnections)
    .values({ ...values, status: "ACTIVE" })
    .onConflictDoUpdate({
      target: [calendarConnections.providerId, calendarConnections.googleSubject],
      set: { googleEmail: values.googleEmail, status: "ACTIVE", statusReason: null, reconnectNoticeSentAt: null, updatedAt: sql`now()` },
    })
    // xmax is 0 only on a row this statement inserted.
    .returning({ id: calendarConnections.id, isNew: sql<boolean>`(xmax = 0)` });
  return row!;
}

export async function providerHasReceivingCalendar(db: DbExecutor, providerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: connectedCalendars.id })
    .from(connectedCalendars)
    .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
    .where(and(eq(calendarConnections.providerId, providerId), eq(connectedCalendars.receivesBookings, true)))
    .limit(1);
  return row !== undefined;
}

export interface CalendarListing {
  googleCalendarId: string;
  name: string;
  timeZone: string;
  canWrite: boolean;
  /** Choices for a calendar seen for the first time; a known calendar keeps the provider's. */
  blocksAvailability: boolean;
  receivesBookings: boolean;
}

/**
 * Records the account's calendars. Known calendars keep their choices and get the name, zone and
 * access Google shows now; one that is no longer writable stops receiving bookings.
 */
export async function upsertCalendars(
  db: DbExecutor,
  connectionId: string,
  calendars: CalendarListing[],
): Promise<Array<{ id: string; googleCalendarId: string; blocksAvailability: boolean; receivesBookings: boolean }>> {
  if (calendars.length === 0) return [];
  return db
    .insert(connectedCalendars)
    .values(calendars.map((calendar) => ({ connectionId, ...calendar })))
    .onConflictDoUpdate({
      target: [connectedCalendars.connectionId, connectedCalendars.googleCalendarId],
      set: {
        name: sql`excluded.name`,
        timeZone: sql`excluded.time_zone`,
        canWrite: sql`excluded.can_write`,
        receivesBookings: sql`${connectedCalendars.receivesBookings} AND excluded.can_write`,
        updatedAt: sql`now()`,
      },
    })
    .returning({
      id: connectedCalendars.id,
      googleCalendarId: connectedCalendars.googleCalendarId,
      blocksAvailability: connectedCalendars.blocksAvailability,
      receivesBookings: connectedCalendars.receivesBookings,
    });
}

export interface OwnedCalendar {
  id: string;
  connectionId: string;
  providerId: string;
  connectionStatus: "ACTIVE" | "NEEDS_RECONNECT";
  googleCalendarId: string;
  timeZone: string;
  blocksAvailability: boolean;
  receivesBookings: boolean;
  canWrite: boolean;
  syncToken: string | null;
  backoffUntil: Date | null;
}

/** A calendar of one of the provider's connections; null for any other id (the caller says NOT_FOUND). */
export async function findOwnedCalendar(db: DbExecutor, providerId: string, calendarId: string): Promise<OwnedCalendar | null> {
  const [row] = await db
    .select({
      id: connectedCalendars.id,
      connectionId: connectedCalendars.connectionId,
      providerId: calendarConnections.providerId,
      connectionStatus: calendarConnections.status,
      googleCalendarId: connectedCalendars.googleCalendarId,
      timeZone: connectedCalendars.timeZone,
      blocksAvailability: connectedCalendars.blocksAvailability,
      receivesBookings: connectedCalendars.receivesBookings,
      canWrite: connectedCalendars.canWrite,
      syncToken: connectedCalendars.syncToken,
      backoffUntil: connectedCalendars.backoffUntil,
    })
    .from(connectedCalendars)
    .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
    .where(and(eq(connectedCalendars.id, calendarId), eq(calendarConnections.providerId, providerId)));
  return row ?? null;
}

/** Locks the calendar row for the rest of the transaction: two choices made at once apply one after the other. */
export async function lockCalendar(db: DbExecutor, calendarId: string): Promise<{ blocksAvailability: boolean; receivesBookings: boolean } | null> {
  const [row] = await db
    .select({ blocksAvailability: connectedCalendars.blocksAvailability, receivesBookings: connectedCalendars.receivesBookings })
    .from(connectedCalendars)
    .where(eq(connectedCalendars.id, calendarId))
    .for("update");
  return row ?? null;
}

export async function saveCalendarChoices(db: DbExecutor, calendarId: string, choices: { blocksAvailability: boolean; receivesBookings: boolean }): Promise<void> {
  await db.update(connectedCalendars).set(choices).where(eq(connectedCalendars.id, calendarId));
}

/** At most one calendar per provider receives bookings: choosing one clears the others. */
export async function clearOtherReceivingCalendars(
  db: DbExecutor,
  providerId: string,
  keepCalendarId: string,
): Promise<Array<{ id: string; connectionId: string; blocksAvailability: boolean }>> {
  return db
    .update(connectedCalendars)
    .set({ receivesBookings: false })
    .where(
      and(
        eq(connectedCalendars.receivesBookings, true),
        ne(connectedCalendars.id, keepCalendarId),
        inArray(connectedCalendars.connectionId, db.select({ id: calendarConnections.id }).from(calendarConnections).where(eq(calendarConnections.providerId, providerId))),
      ),
    )
    .returning({ id: connectedCalendars.id, connectionId: connectedCalendars.connectionId, blocksAvailability: connectedCalendars.blocksAvailability });
}

export interface OpenChannel {
  id: string;
  calendarId: string;
  resourceId: string;
}

/** Channels Google may still be sending to (not stopped by us; expired ones included, stopping them is harmless). */
export async function findOpenChannels(db: DbExecutor, calendarIds: string[]): Promise<OpenChannel[]> {
  if (calendarIds.length === 0) return [];
  return db
    .select({ id: calendarWatchChannels.id, calendarId: calendarWatchChannels.calendarId, resourceId: calendarWatchChannels.resourceId })
    .from(calendarWatchChannels)
    .where(and(inArray(calendarWatchChannels.calendarId, calendarIds), isNull(calendarWatchChannels.stoppedAt)));
}

export async function markChannelsStopped(db: DbExecutor, channelIds: string[], now: Date): Promise<void> {
  if (channelIds.length === 0) return;
  await db.update(calendarWatchChannels).set({ stoppedAt: now }).where(and(inArray(calendarWatchChannels.id, channelIds), isNull(calendarWatchChannels.stoppedAt)));
}

export async function lastRunStartedAt(db: DbExecutor, calendarId: string): Promise<Date | null> {
  const [row] = await db
    .select({ startedAt: calendarSyncRuns.startedAt })
    .from(calendarSyncRuns)
    .where(eq(calendarSyncRuns.calendarId, calendarId))
    .orderBy(desc(calendarSyncRuns.startedAt))
    .limit(1);
  return row?.startedAt ?? null;
}

export type OwnedConnection = typeof calendarConnections.$inferSelect;

export async function findOwnedConnection(db: DbExecutor, providerId: string, connectionId: string): Promise<OwnedConnection | null> {
  const [row] = await db
    .select()
    .from(calendarConnections)
    .where(and(eq(calendarConnections.id, connectionId), eq(calendarConnections.providerId, providerId)));
  return row ?? null;
}

/** Locks the connection for the rest of the transaction; null when it is gone (deleted meanwhile). */
export async function lockConnection(db: DbExecutor, connectionId: string): Promise<boolean> {
  const [row] = await db.select({ id: calendarConnections.id }).from(calendarConnections).where(eq(calendarConnections.id, connectionId)).for("update");
  return row !== undefined;
}

export async function listCalendarsOfConnections(db: DbExecutor, connectionIds: string[]) {
  if (connectionIds.length === 0) return [];
  return db
    .select()
    .from(connectedCalendars)
    .where(inArray(connectedCalendars.connectionId, connectionIds))
    .orderBy(connectedCalendars.name, connectedCalendars.id);
}

/** Deletes the connection; its calendars, runs and channels go with it (foreign keys cascade). */
export async function deleteConnection(db: DbExecutor, connectionId: string): Promise<void> {
  await db.delete(calendarConnections).where(eq(calendarConnections.id, connectionId));
}

export async function listProviderConnections(db: DbExecutor, providerId: string): Promise<OwnedConnection[]> {
  return db.select().from(calendarConnections).where(eq(calendarConnections.providerId, providerId)).orderBy(calendarConnections.createdAt, calendarConnections.id);
}

export type SyncRunRow = typeof calendarSyncRuns.$inferSelect;

/** The newest `perCalendar` runs of each calendar, newest first. */
export async function listLatestRuns(db: DbExecutor, calendarIds: string[], perCalendar: number): Promise<SyncRunRow[]> {
  if (calendarIds.length === 0) return [];
  const ranked = db
    .select({
      id: calendarSyncRuns.id,
      rank: sql<number>`row_number() OVER (PARTITION BY ${calendarSyncRuns.calendarId} ORDER BY ${calendarSyncRuns.startedAt} DESC, ${calendarSyncRuns.id} DESC)`.as("rank"),
    })
    .from(calendarSyncRuns)
    .where(inArray(calendarSyncRuns.calendarId, calendarIds))
    .as("ranked");
  const rows = await db
    .select({ run: calendarSyncRuns })
    .from(calendarSyncRuns)
    .innerJoin(ranked, eq(ranked.id, calendarSyncRuns.id))
    .where(sql`${ranked.rank} <= ${perCalendar}`)
    .orderBy(desc(calendarSyncRuns.startedAt), desc(calendarSyncRuns.id));
  return rows.map((row) => row.run);
}

export async function findCalendarSettings(db: DbExecutor, providerId: string) {
  const [row] = await db.select().from(providerCalendarSettings).where(eq(providerCalendarSettings.providerId, providerId));
  return row ?? null;
}

export async function saveCalendarSettings(db: DbExecutor, providerId: string, values: { onEventDeleted: "CANCEL" | "FLAG"; invitePatient: boolean }) {
  const [row] = await db
    .insert(providerCalendarSettings)
    .values({ providerId, ...values })
    .onConflictDoUpdate({ target: providerCalendarSettings.providerId, set: { ...values, updatedAt: sql`now()` } })
    .returning();
  return row!;
}
