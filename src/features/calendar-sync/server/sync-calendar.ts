import { AppError, errorSummary } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { addJob, removeJob } from "@/server/jobs/job-repository";
import { applyEditsJobKey, applyGoogleEdits, editsToPayload, type GoogleEdit, type GoogleEditOutcome } from "./apply-google-edits";
import { busyFromEvent, sightingOf, type BusyChange, type EventSighting } from "./busy-from-event";
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
import { databaseNow, findActiveEventsOfCalendar, findOurEvents, type OurEventRow } from "./google-edits-repository";

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
  | {
      outcome: "OK" | "RESYNC";
      kind: "FULL" | "INCREMENTAL";
      pages: number;
      changes: number;
      /** What became of each edit the provider made in Google to one of our events (see applyGoogleEdits). */
      googleEdits?: GoogleEditOutcome[];
    }
  | { outcome: "NOT_FOUND" }
  | { outcome: "NOT_BLOCKING"; changes: number };

interface Chain {
  pages: number;
  changes: BusyChange[];
  /** Every event in listing order, to find edits to ours. */
  sightings: EventSighting[];
  syncToken: string;
}

/**
 * Full listings start this long before now: busy time that ended earlier cannot block a slot, and
 * a calendar's years of history are not read (the window's end is Google's own expansion of
 * recurring events). Incremental changes are not windowed (Google refuses timeMin with a token).
 */
export const FULL_SYNC_LOOKBACK_MS = 24 * 3_600_000;

/** How often a run that lost the race to store its token starts again from the winner's token. */
const MAX_RACES = 3;

/** Reads the whole page chain from `syncToken` (or a full listing); null when Google answers 410. */
async function readChain(options: SyncCalendarOptions, calendar: CalendarForSync, syncToken: string | null): Promise<Chain | null> {
  const changes: BusyChange[] = [];
  const sightings: EventSighting[] = [];
  let pageToken: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const page = await options.google.listEventChanges({
      accessToken: options.accessToken,
      calendarId: calendar.googleCalendarId,
      syncToken: syncToken ?? undefined,
      timeMin: syncToken ? undefined : new Date(options.now.getTime() - FULL_SYNC_LOOKBACK_MS),
      pageToken,
      pageSize: options.pageSize ?? 250,
    });
    // A 410 anywhere in the chain (even after some pages) means the token chain is dead.
    if (page.outcome === "SYNC_TOKEN_INVALID") return null;
    for (const event of page.events) {
      changes.push(busyFromEvent(event, calendar.timeZone));
      sightings.push(sightingOf(event));
    }
    if (page.nextPageToken) {
      pageToken = page.nextPageToken;
      continue;
    }
    if (!page.nextSyncToken) throw new AppError("INTEGRATION_UNAVAILABLE", "Google ended an event listing without a sync token.", { vendor: "google", retryable: true });
    return { pages, changes, sightings, syncToken: page.nextSyncToken };
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
 *
 * Events MedBookings exported are recognised by their booking id in the event and by their
 * (calendar, event id) in booking_calendar_events (a cancelled item carries only its id); they
 * are never busy time. How the provider changed them in Google is worked out with the stored
 * changes, under the same lock (so racing runs see each change once), and applied after the
 * commit by applyGoogleEdits; the edits are also stored with the token as a `calendar.apply-edits`
 * job, removed once they are applied, so a failure or a dead worker cannot lose them. A full listing does not mention deleted events: an active event
 * of ours that it lacks is taken as deleted, if its row existed before the listing began.
 * A calendar that only receives bookings (does not block availability) is still read for those
 * edits, with a full listing each time and no token, so no busy time or token is kept for it
 * that a later switch to blocking would trust.
 */
type Applied = { kind: "applied"; changes: number; edits: GoogleEdit[] } | { kind: "stale"; current: CalendarForSync } | { kind: "gone" };

const sameTimes = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();

/**
 * Our events among what was read, as edits to look at: the last sighting of each wins, and an
 * event Google still shows at the times we last wrote (without a flag to revisit) is skipped.
 */
function editsOf(sightings: EventSighting[], ours: OurEventRow[], missing: OurEventRow[]): GoogleEdit[] {
  const rows = new Map(ours.map((row) => [row.googleEventId, row]));
  const last = new Map<string, EventSighting>();
  for (const sighting of sightings) if (rows.has(sighting.eventId)) last.set(sighting.eventId, sighting);
  for (const row of missing) if (!last.has(row.googleEventId)) last.set(row.googleEventId, { kind: "cancelled", eventId: row.googleEventId });
  const edits: GoogleEdit[] = [];
  for (const [eventId, seen] of last) {
    const row = rows.get(eventId) ?? missing.find((candidate) => candidate.googleEventId === eventId)!;
    if (row.state !== "ACTIVE") continue;
    if (seen.kind === "timed" && sameTimes(seen, row) && row.conflict === null) continue;
    edits.push({ bookingId: row.bookingId, seen });
  }
  return edits;
}

export async function syncCalendar(options: SyncCalendarOptions): Promise<SyncCalendarResult> {
  const { db, now } = options;
  const found = await findCalendarForSync(db, options.calendarId);
  if (!found) return { outcome: "NOT_FOUND" };
  if (!found.blocksAvailability && !found.receivesBookings) {
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
  // The run's end is its start plus the time measured here, so the status panel shows how long
  // it took while the instants stay on the caller's clock (tests give a fixed one).
  const startedMs = performance.now();
  const finishedAt = () => new Date(now.getTime() + Math.round(performance.now() - startedMs));
  let pages = 0;
  try {
    for (let race = 0; ; race += 1) {
      const startedFrom = calendar.blocksAvailability ? calendar.syncToken : null;
      let kind: "FULL" | "INCREMENTAL" = startedFrom ? "INCREMENTAL" : "FULL";
      const listingBegan = await databaseNow(db);
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
        if ((current.blocksAvailability ? current.syncToken : null) !== startedFrom) return { kind: "stale", current };
        const ids = new Set(read.sightings.map((sighting) => sighting.eventId));
        for (const change of read.changes) ids.add(change.externalId);
        const ours = await findOurEvents(tx, current, [...ids]);
        const missing = kind === "FULL" ? (await findActiveEventsOfCalendar(tx, current, listingBegan, new Date(options.now.getTime() - FULL_SYNC_LOOKBACK_MS))).filter((row) => !ids.has(row.googleEventId)) : [];
        const ourIds = new Set(ours.map((row) => row.googleEventId));
        const busy = read.changes.map((change): BusyChange => (ourIds.has(change.externalId) ? { kind: "free", externalId: change.externalId } : change));
        let changes: number;
        if (!current.blocksAvailability) {
          changes = await removeBusy(tx, current);
          await saveSyncToken(tx, current.id, null, now);
        } else {
          changes = kind === "FULL" ? await replaceBusy(tx, current, busy) : await applyBusyChanges(tx, current, busy);
          await saveSyncToken(tx, current.id, read.syncToken, now);
        }
        const edits = editsOf(read.sightings, ours, missing);
        // The token moves past these edits now, so they are kept with it: a job (due in a minute)
        // applies them if this run cannot, e.g. because its worker dies after the commit.
        if (edits.length > 0) {
          await addJob(tx, "calendar.apply-edits", { runId, edits: editsToPayload(edits) }, { jobKey: applyEditsJobKey(runId), runAt: new Date(now.getTime() + 60_000), maxAttempts: 10 });
        }
        return { kind: "applied", changes, edits };
      });
      if (applied.kind === "gone") return { outcome: "NOT_FOUND" };
      if (applied.kind === "stale") {
        if (race + 1 >= MAX_RACES) throw new AppError("CONFLICT", "Other syncs of this calendar kept finishing first.", { retryable: true });
        calendar = applied.current;
        continue;
      }
      const outcome = resynced ? "RESYNC" : "OK";
      await finishSyncRun(db, runId, { kind, pages, changes: applied.changes, outcome }, finishedAt());
      const googleEdits = await applyGoogleEdits({ db, edits: applied.edits, now });
      if (applied.edits.length > 0 && !googleEdits.includes("failed")) await removeJob(db, applyEditsJobKey(runId));
      return { outcome, kind, pages, changes: applied.changes, ...(googleEdits.length > 0 && { googleEdits }) };
    }
  } catch (error) {
    const needsReconnect = error instanceof AppError && error.details?.reconnectRequired === true;
    await finishSyncRun(db, runId, { pages, changes: 0, outcome: needsReconnect ? "NEEDS_RECONNECT" : "FAILED", error: errorSummary(error) }, finishedAt()).catch(() => undefined);
    throw error;
  }
}
