import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, DbExecutor } from "@/server/db/client";
import { calendarConnections, calendarSyncRuns, connectedCalendars, externalBusyIntervals } from "@/server/db/schema";
import type { BusyChange } from "./busy-from-event";

export interface CalendarForSync {
  id: string;
  providerId: string;
  googleCalendarId: string;
  timeZone: string;
  blocksAvailability: boolean;
  receivesBookings: boolean;
  syncToken: string | null;
}

/** Busy time imported from one calendar is stored under this source, so it can be replaced or removed as a whole. */
export const busySource = (calendarId: string) => `google:${calendarId}`;

export async function findCalendarForSync(db: DbExecutor, calendarId: string): Promise<CalendarForSync | null> {
  const [row] = await db
    .select({
      id: connectedCalendars.id,
      providerId: calendarConnections.providerId,
      googleCalendarId: connectedCalendars.googleCalendarId,
      timeZone: connectedCalendars.timeZone,
      blocksAvailability: connectedCalendars.blocksAvailability,
      receivesBookings: connectedCalendars.receivesBookings,
      syncToken: connectedCalendars.syncToken,
    })
    .from(connectedCalendars)
    .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
    .where(eq(connectedCalendars.id, calendarId));
  return row ?? null;
}

/**
 * Holds the calendar's sync lock for the rest of the transaction: one sync per calendar at a
 * time, across workers (a second one waits, then finds the token the first stored).
 */
export async function lockCalendarSync(db: DbExecutor, calendarId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`calendar-sync:${calendarId}`}, 0))`);
}

async function upsertBusy(db: DbExecutor, calendar: CalendarForSync, busy: Array<Extract<BusyChange, { kind: "busy" }>>): Promise<void> {
  // Several pages of one run may carry the same event (moved twice): the last one wins.
  const byId = new Map(busy.map((change) => [change.externalId, change]));
  const rows = [...byId.values()];
  for (let i = 0; i < rows.length; i += 1_000) {
    await db
      .insert(externalBusyIntervals)
      .values(rows.slice(i, i + 1_000).map((change) => ({ providerId: calendar.providerId, source: busySource(calendar.id), externalId: change.externalId, startsAt: change.startsAt, endsAt: change.endsAt })))
      .onConflictDoUpdate({
        target: [externalBusyIntervals.providerId, externalBusyIntervals.source, externalBusyIntervals.externalId],
        set: { startsAt: sql`excluded.starts_at`, endsAt: sql`excluded.ends_at`, updatedAt: sql`now()` },
      });
  }
}

/** Removes everything imported from the calendar; returns how many intervals there were. */
export async function removeBusy(db: DbExecutor, calendar: CalendarForSync): Promise<number> {
  const removed = await db
    .delete(externalBusyIntervals)
    .where(and(eq(externalBusyIntervals.providerId, calendar.providerId), eq(externalBusyIntervals.source, busySource(calendar.id))))
    .returning({ id: externalBusyIntervals.id });
  return removed.length;
}

/** A full sync's result replaces everything imported from the calendar before. Returns the rows written. */
export async function replaceBusy(db: DbExecutor, calendar: CalendarForSync, changes: BusyChange[]): Promise<number> {
  await removeBusy(db, calendar);
  const busy = changes.filter((change): change is Extract<BusyChange, { kind: "busy" }> => change.kind === "busy");
  await upsertBusy(db, calendar, busy);
  return new Set(busy.map((change) => change.externalId)).size;
}

/** An incremental sync's changes, in order: the last change of an event decides. Returns how many events changed. */
export async function applyBusyChanges(db: DbExecutor, calendar: CalendarForSync, changes: BusyChange[]): Promise<number> {
  const last = new Map(changes.map((change) => [change.externalId, change]));
  const free = [...last.values()].filter((change) => change.kind === "free").map((change) => change.externalId);
  const busy = [...last.values()].filter((change): change is Extract<BusyChange, { kind: "busy" }> => change.kind === "busy");
  for (let i = 0; i < free.length; i += 1_000) {
    await db
      .delete(externalBusyIntervals)
      .where(and(eq(externalBusyIntervals.providerId, calendar.providerId), eq(externalBusyIntervals.source, busySource(calendar.id)), inArray(externalBusyIntervals.externalId, free.slice(i, i + 1_000))));
  }
  await upsertBusy(db, calendar, busy);
  return last.size;
}

export async function saveSyncToken(db: DbExecutor, calendarId: string, syncToken: string | null, now: Date): Promise<void> {
  await db.update(connectedCalendars).set({ syncToken, lastSyncedAt: syncToken ? now : undefined }).where(eq(connectedCalendars.id, calendarId));
}

export async function startSyncRun(db: Database, calendarId: string, kind: "FULL" | "INCREMENTAL", now: Date): Promise<string> {
  const [row] = await db.insert(calendarSyncRuns).values({ calendarId, kind, startedAt: now }).returning({ id: calendarSyncRuns.id });
  return row!.id;
}

export async function finishSyncRun(
  db: Database,
  runId: string,
  result: { kind?: "FULL" | "INCREMENTAL"; pages: number; changes: number; outcome: "OK" | "RESYNC" | "FAILED" | "NEEDS_RECONNECT"; error?: string | null },
  now: Date,
): Promise<void> {
  await db
    .update(calendarSyncRuns)
    .set({ ...(result.kind ? { kind: result.kind } : {}), pages: result.pages, changes: result.changes, outcome: result.outcome, error: result.error ?? null, finishedAt: now })
    .where(eq(calendarSyncRuns.id, runId));
}

export type CalendarConnectionRow = typeof calendarConnections.$inferSelect;

export async function findConnection(db: DbExecutor, connectionId: string): Promise<CalendarConnectionRow | null> {
  const [row] = await db.select().from(calendarConnections).where(eq(calendarConnections.id, connectionId));
  return row ?? null;
}

/** Sealed (encrypted) tokens only; a refresh token is replaced only when a new one is given. */
export async function saveConnectionTokens(
  db: DbExecutor,
  connectionId: string,
  sealed: { accessToken: string; accessTokenExpiresAt: Date; refreshToken?: string; scopes: string[] },
): Promise<void> {
  await db
    .update(calendarConnections)
    .set({
      accessToken: sealed.accessToken,
      accessTokenExpiresAt: sealed.accessTokenExpiresAt,
      ...(sealed.refreshToken ? { refreshToken: sealed.refreshToken } : {}),
      scopes: sealed.scopes,
    })
    .where(eq(calendarConnections.id, connectionId));
}

export async function markConnectionNeedsReconnect(db: DbExecutor, connectionId: string, reason: string): Promise<void> {
  await db.update(calendarConnections).set({ status: "NEEDS_RECONNECT", statusReason: reason }).where(eq(calendarConnections.id, connectionId));
}
