import { AppError, errorSummary } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { busyFromEvent, type BusyChange } from "./busy-from-event";
import {
  applyBusyChanges,
  findCalendarForSync,
  finishSyncRun,
  lockCalendarSync,
  removeBusy,
  replaceBusy,
  saveSyncToken,
  startSyncRun,
  type CalendarForSync,
} from "./calendar-sync-repository";

export interface SyncCalendarOptions {
  db: Database;
  google: Pick<GoogleCalendarIntegration, "listEventChanges">;
  /** Our connected_calendars id. */
  calendarId: string;
  accessToken: string;
  now: Date;
  /** Events per page (Google allows up to 2,500; default 250). */
  pageSize?: number;
}

export type SyncCalendarResult =
  | { outcome: "OK" | "RESYNC"; kind: "FULL" | "INCREMENTAL"; pages: number; changes: number }
  | { outcome: "NOT_FOUND" }
  | { outcome: "NOT_BLOCKING"; changes: number };

interface Chain {
  pages: number;
  changes: BusyChange[];
  syncToken: string;
}

/** How often a run that lost the race to store its token starts again from the winner's token. */
const MAX_RACES = 3;

/** Reads the whole page chain from `syncToken` (or a full listing); null when Google answers 410. */
async function readChain(options: SyncCalendarOptions, calendar: CalendarForSync, syncToken: string | null): Promise<Chain | null> {
  const changes: BusyChange[] = [];
  let pageToken: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const page = await options.google.listEventChanges({
      accessToken: options.accessToken,
      calendarId: calendar.googleCalendarId,
      syncToken: syncToken ?? undefined,
      pageToken,
      pageSize: options.pageSize ?? 250,
    });
    // A 410 anywhere in the chain (even after some pages) means the token chain is dead.
    if (page.outcome === "SYNC_TOKEN_INVALID") return null;
    for (const event of page.events) changes.push(busyFromEvent(event, calendar.timeZone));
    if (page.nextPageToken) {
      pageToken = page.nextPageToken;
      continue;
    }
    if (!page.nextSyncToken) throw new AppError("INTEGRATION_UNAVAILABLE", "Google ended an event listing without a sync token.", { vendor: "google", retryable: true });
    return { pages, changes, syncToken: page.nextSyncToken };
  }
}

/**
 * Brings one calendar's imported busy time up to date with Google:
 * - a full listing (paged, recurring events expanded) the first time or after a 410, which then
 *   replaces everything imported from the calendar;
 * - otherwise the changes since the stored sync token, cancellations removing busy time.
 * Nothing is written until the whole page chain has been read; the changes and the chain's new
 * token are stored in one transaction, so a run that dies midway leaves the last good state.
 * Runs may read at the same time, but they store one at a time per calendar (an advisory lock):
 * a run whose starting token was replaced meanwhile by another run's discards what it read and
 * starts again from the newer token. Each run is recorded.
 */
type Applied = { kind: "applied"; changes: number } | { kind: "stale"; current: CalendarForSync } | { kind: "gone" };

export async function syncCalendar(options: SyncCalendarOptions): Promise<SyncCalendarResult> {
  const { db, now } = options;
  const found = await findCalendarForSync(db, options.calendarId);
  if (!found) return { outcome: "NOT_FOUND" };
  if (!found.blocksAvailability) {
    const removed = await db.transaction(async (tx) => {
      await lockCalendarSync(tx, found.id);
      const count = await removeBusy(tx, found);
      await saveSyncToken(tx, found.id, null, now);
      return count;
    });
    return { outcome: "NOT_BLOCKING", changes: removed };
  }

  let calendar: CalendarForSync = found;
  const runId = await startSyncRun(db, calendar.id, calendar.syncToken ? "INCREMENTAL" : "FULL", now);
  let pages = 0;
  try {
    for (let race = 0; ; race += 1) {
      const startedFrom = calendar.syncToken;
      let kind: "FULL" | "INCREMENTAL" = startedFrom ? "INCREMENTAL" : "FULL";
      let chain = await readChain(options, calendar, startedFrom);
      const resynced = chain === null && kind === "INCREMENTAL";
      if (resynced) {
        // The token expired or Google reset it: list everything again and replace what we had.
        kind = "FULL";
        chain = await readChain(options, calendar, null);
      }
      if (chain === null) throw new AppError("INTEGRATION_UNAVAILABLE", "Google answered 410 to a full listing.", { vendor: "google", status: 410, retryable: true });
      pages += chain.pages;
      const read = chain;
      const applied: Applied = await db.transaction(async (tx): Promise<Applied> => {
        await lockCalendarSync(tx, calendar.id);
        const current = await findCalendarForSync(tx, calendar.id);
        if (!current) return { kind: "gone" };
        if (current.syncToken !== startedFrom) return { kind: "stale", current };
        const changes = kind === "FULL" ? await replaceBusy(tx, current, read.changes) : await applyBusyChanges(tx, current, read.changes);
        await saveSyncToken(tx, current.id, read.syncToken, now);
        return { kind: "applied", changes };
      });
      if (applied.kind === "gone") return { outcome: "NOT_FOUND" };
      if (applied.kind === "stale") {
        if (race + 1 >= MAX_RACES) throw new AppError("CONFLICT", "Other syncs of this calendar kept finishing first.", { retryable: true });
        calendar = applied.current;
        continue;
      }
      const outcome = resynced ? "RESYNC" : "OK";
      await finishSyncRun(db, runId, { kind, pages, changes: applied.changes, outcome }, now);
      return { outcome, kind, pages, changes: applied.changes };
    }
  } catch (error) {
    const needsReconnect = error instanceof AppError && error.details?.reconnectRequired === true;
    await finishSyncRun(db, runId, { pages, changes: 0, outcome: needsReconnect ? "NEEDS_RECONNECT" : "FAILED", error: errorSummary(error) }, now).catch(() => undefined);
    throw error;
  }
}
