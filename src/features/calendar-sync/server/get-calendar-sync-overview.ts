import type { DbExecutor } from "@/server/db/client";
import type { CalendarConnectionDto, CalendarSyncOverviewDto, CalendarSyncRunDto } from "../types";
import { listCalendarsOfConnections, listLatestRuns, listProviderConnections, type SyncRunRow } from "./calendar-connection-repository";

/** Runs shown per calendar in the sync-status panel. */
export const RUNS_PER_CALENDAR = 10;

export interface GetCalendarSyncOverviewOptions {
  db: DbExecutor;
  provider: { id: string; timeZone: string; status: string };
}

function toRun(row: SyncRunRow): CalendarSyncRunDto {
  return {
    id: row.id,
    kind: row.kind,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    pages: row.pages,
    changes: row.changes,
    durationMs: row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
    outcome: row.outcome,
    error: row.error,
  };
}

/** The provider's Google connections, their calendars and choices, and each calendar's latest sync runs. No tokens. */
export async function getCalendarSyncOverview({ db, provider }: GetCalendarSyncOverviewOptions): Promise<CalendarSyncOverviewDto> {
  const connections = await listProviderConnections(db, provider.id);
  const calendars = await listCalendarsOfConnections(db, connections.map((connection) => connection.id));
  const runs = await listLatestRuns(db, calendars.map((calendar) => calendar.id), RUNS_PER_CALENDAR);
  const dtos: CalendarConnectionDto[] = connections.map((connection) => ({
    id: connection.id,
    email: connection.googleEmail,
    status: connection.status,
    statusReason: connection.statusReason,
    connectedAt: connection.createdAt,
    calendars: calendars
      .filter((calendar) => calendar.connectionId === connection.id)
      .map((calendar) => ({
        id: calendar.id,
        name: calendar.name,
        timeZone: calendar.timeZone,
        // Google names an account's primary calendar after the account's address.
        isPrimary: calendar.googleCalendarId.toLowerCase() === connection.googleEmail.toLowerCase(),
        blocksAvailability: calendar.blocksAvailability,
        receivesBookings: calendar.receivesBookings,
        canWrite: calendar.canWrite,
        lastSyncedAt: calendar.lastSyncedAt,
        backoffUntil: calendar.backoffUntil,
        runs: runs.filter((run) => run.calendarId === calendar.id).map(toRun),
      }))
      .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary)),
  }));
  return {
    timeZone: provider.timeZone,
    connections: dtos,
    needsReconnect: dtos.some((connection) => connection.status === "NEEDS_RECONNECT"),
    canEdit: provider.status === "APPROVED",
  };
}
