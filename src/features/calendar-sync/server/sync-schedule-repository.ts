import { and, eq, gt, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { calendarConnections, calendarWatchChannels, connectedCalendars, externalBusyIntervals } from "@/server/db/schema";
import { busySource, lockCalendarSync } from "./calendar-sync-repository";

export interface CalendarForRun {
  id: string;
  connectionId: string;
  providerId: string;
  googleCalendarId: string;
  connectionStatus: "ACTIVE" | "NEEDS_RECONNECT";
  blocksAvailability: boolean;
  receivesBookings: boolean;
  hasSyncToken: boolean;
  backoffUntil: Date | null;
  rateLimitedRuns: number;
}

export async function findCalendarForRun(db: DbExecutor, calendarId: string): Promise<CalendarForRun | null> {
  const [row] = await db
    .select({
      id: connectedCalendars.id,
      connectionId: connectedCalendars.connectionId,
      providerId: calendarConnections.providerId,
      googleCalendarId: connectedCalendars.googleCalendarId,
      connectionStatus: calendarConnections.status,
      blocksAvailability: connectedCalendars.blocksAvailability,
      receivesBookings: connectedCalendars.receivesBookings,
      hasSyncToken: sql<boolean>`${connectedCalendars.syncToken} IS NOT NULL`,
      backoffUntil: connectedCalendars.backoffUntil,
      rateLimitedRuns: connectedCalendars.rateLimitedRuns,
    })
    .from(connectedCalendars)
    .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
    .where(eq(connectedCalendars.id, calendarId));
  return row ?? null;
}

export async function setSyncBackoff(db: DbExecutor, calendarId: string, until: Date, rateLimitedRuns: number): Promise<void> {
  await db.update(connectedCalendars).set({ backoffUntil: until, rateLimitedRuns }).where(eq(connectedCalendars.id, calendarId));
}

/** After a good run; writes only when there was a backoff to clear. */
export async function clearSyncBackoff(db: DbExecutor, calendarId: string): Promise<void> {
  await db
    .update(connectedCalendars)
    .set({ backoffUntil: null, rateLimitedRuns: 0 })
    .where(and(eq(connectedCalendars.id, calendarId), or(isNotNull(connectedCalendars.backoffUntil), gt(connectedCalendars.rateLimitedRuns, 0))));
}

export interface ConnectionForReconnect {
  providerId: string;
  status: "ACTIVE" | "NEEDS_RECONNECT";
  reconnectNoticeSentAt: Date | null;
}

/** Locks the connection row for the rest of the transaction: its reconnect notice is decided once. */
export async function lockConnection(db: DbExecutor, connectionId: string): Promise<ConnectionForReconnect | null> {
  const [row] = await db
    .select({ providerId: calendarConnections.providerId, status: calendarConnections.status, reconnectNoticeSentAt: calendarConnections.reconnectNoticeSentAt })
    .from(calendarConnections)
    .where(eq(calendarConnections.id, connectionId))
    .for("update");
  return row ?? null;
}

/**
 * Connections marked NEEDS_RECONNECT whose episode never ran (no notice yet): a token refresh
 * refused during an export, a Meet poll or a channel stop marks the connection and goes on.
 */
export async function listConnectionsAwaitingEpisode(db: DbExecutor): Promise<Array<{ id: string; statusReason: string | null }>> {
  return db
    .select({ id: calendarConnections.id, statusReason: calendarConnections.statusReason })
    .from(calendarConnections)
    .where(and(eq(calendarConnections.status, "NEEDS_RECONNECT"), isNull(calendarConnections.reconnectNoticeSentAt)));
}

export async function markReconnectNoticeSent(db: DbExecutor, connectionId: string, now: Date): Promise<void> {
  await db.update(calendarConnections).set({ reconnectNoticeSentAt: now }).where(eq(calendarConnections.id, connectionId));
}

/**
 * Removes the busy time imported from every calendar of a connection and forgets their sync
 * tokens (what was removed must be listed again in full after reconnecting). Each calendar's sync
 * lock is taken first, so a sync storing at the same time finishes before, or finds no token.
 */
export async function removeConnectionBusy(db: DbExecutor, connectionId: string, providerId: string): Promise<number> {
  const calendars = await db.select({ id: connectedCalendars.id }).from(connectedCalendars).where(eq(connectedCalendars.connectionId, connectionId)).orderBy(connectedCalendars.id);
  if (calendars.length === 0) return 0;
  for (const calendar of calendars) await lockCalendarSync(db, calendar.id);
  const removed = await db
    .delete(externalBusyIntervals)
    .where(
      and(
        eq(externalBusyIntervals.providerId, providerId),
        inArray(
          externalBusyIntervals.source,
          calendars.map((calendar) => busySource(calendar.id)),
        ),
      ),
    )
    .returning({ id: externalBusyIntervals.id });
  await db.update(connectedCalendars).set({ syncToken: null }).where(eq(connectedCalendars.connectionId, connectionId));
  return removed.length;
}

export interface CalendarToReconcile {
  id: string;
  /** Whether the calendar should be watched and synced (its account is connected and it blocks time or receives bookings). */
  isWanted: boolean;
  lastSyncedAt: Date | null;
  backoffUntil: Date | null;
  /** The latest expiry among its channels not stopped (null: none). */
  channelExpiresAt: Date | null;
}

/** Every calendar that is wanted, or still has a channel open; one statement. */
export async function listCalendarsToReconcile(db: DbExecutor): Promise<CalendarToReconcile[]> {
  const channelExpiresAt = sql<Date | null>`(
    SELECT max(${calendarWatchChannels.expiresAt}) FROM ${calendarWatchChannels}
    WHERE ${calendarWatchChannels.calendarId} = ${connectedCalendars.id} AND ${calendarWatchChannels.stoppedAt} IS NULL
  )`.mapWith((value: string | null) => (value === null ? null : new Date(value)));
  const isWanted = and(eq(calendarConnections.status, "ACTIVE"), or(eq(connectedCalendars.blocksAvailability, true), eq(connectedCalendars.receivesBookings, true)));
  return db
    .select({
      id: connectedCalendars.id,
      isWanted: sql<boolean>`coalesce(${isWanted}, false)`,
      lastSyncedAt: connectedCalendars.lastSyncedAt,
      backoffUntil: connectedCalendars.backoffUntil,
      channelExpiresAt,
    })
    .from(connectedCalendars)
    .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
    .where(
      or(
        isWanted,
        and(
          eq(calendarConnections.status, "ACTIVE"),
          sql`EXISTS (SELECT 1 FROM ${calendarWatchChannels} WHERE ${calendarWatchChannels.calendarId} = ${connectedCalendars.id} AND ${calendarWatchChannels.stoppedAt} IS NULL)`,
        ),
      ),
    );
}

/**
 * Keeps each calendar's latest `keep` runs, and of those only the ones younger than `before`
 * except the very latest (the status panel always has the last run to show).
 */
export async function purgeSyncRuns(db: DbExecutor, options: { keep: number; before: Date }): Promise<number> {
  const result = await db.execute(sql`
    DELETE FROM calendar_sync_runs r
    USING (
      SELECT id, row_number() OVER (PARTITION BY calendar_id ORDER BY started_at DESC, id DESC) AS rank, started_at
      FROM calendar_sync_runs
    ) ranked
    WHERE r.id = ranked.id
      AND (ranked.rank > ${options.keep} OR (ranked.rank > 1 AND ranked.started_at < ${options.before.toISOString()}::timestamptz))`);
  return result.rowCount ?? 0;
}

