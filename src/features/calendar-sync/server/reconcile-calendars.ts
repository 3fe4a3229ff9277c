import type { Database } from "@/server/db/client";
import { addJobs, type JobSpec } from "@/server/jobs/job-repository";
import { calendarSyncJob, calendarWatchJob } from "./calendar-jobs";
import { enterReconnectEpisode } from "./enter-reconnect-episode";
import { listCalendarsToReconcile, listConnectionsAwaitingEpisode, purgeSyncRuns } from "./sync-schedule-repository";
import { deleteDeadChannels } from "./watch-channel-repository";
import { RENEW_BEFORE_MS } from "./watch-calendar";

export interface ReconcileCalendarsOptions {
  db: Database;
  now: Date;
}

/** Push is "not 100% reliable" (Google): a calendar not synced for this long is synced anyway. */
export const STALE_SYNC_MS = 15 * 60_000;
/** Sync runs kept per calendar, and how long (the latest run is always kept). */
const RUNS_KEPT = 50;
const RUNS_KEPT_MS = 30 * 24 * 3_600_000;
/** Stopped or lapsed channels are forgotten after this (late notifications on them are dropped either way). */
const DEAD_CHANNELS_KEPT_MS = 24 * 3_600_000;

/**
 * The `calendar.reconcile` cron. For every calendar that blocks availability or receives
 * bookings on an ACTIVE connection: a watch job when no channel lasts beyond the renewal margin
 * (none yet, lapsed, or about to), and a sync job when it has not synced for STALE_SYNC_MS, so a
 * dropped notification costs at most one reconciliation period. Calendars no longer wanted that
 * still have a channel get a watch job too, which stops it. Calendars inside a rate-limit
 * backoff are left to the job already waiting for its end. A connection marked NEEDS_RECONNECT
 * outside a sync (an export's or a Meet poll's refused refresh) enters its episode here: its busy
 * time goes and the provider is told, as when a sync finds it. Also purges old sync runs and
 * dead channels. Jobs use the calendars' keys, so running this twice queues nothing twice.
 */
export async function reconcileCalendars({
  db,
  now,
}: ReconcileCalendarsOptions): Promise<{ watches: number; syncs: number; episodes: number; purgedRuns: number; purgedChannels: number }> {
  let episodes = 0;
  for (const connection of await listConnectionsAwaitingEpisode(db)) {
    const episode = await enterReconnectEpisode({ db, connectionId: connection.id, reason: connection.statusReason ?? "needs reconnecting", now, ifStillMarked: true });
    if (episode?.noticeQueued) episodes += 1;
  }
  const calendars = await listCalendarsToReconcile(db);
  const jobs: JobSpec[] = [];
  let watches = 0;
  let syncs = 0;
  for (const calendar of calendars) {
    const channelLasts = calendar.channelExpiresAt !== null && calendar.channelExpiresAt.getTime() > now.getTime() + RENEW_BEFORE_MS;
    if (calendar.isWanted ? !channelLasts : calendar.channelExpiresAt !== null) {
      jobs.push(calendarWatchJob(calendar.id));
      watches += 1;
    }
    const isStale = calendar.lastSyncedAt === null || calendar.lastSyncedAt.getTime() <= now.getTime() - STALE_SYNC_MS;
    const inBackoff = calendar.backoffUntil !== null && calendar.backoffUntil > now;
    if (calendar.isWanted && isStale && !inBackoff) {
      jobs.push(calendarSyncJob(calendar.id));
      syncs += 1;
    }
  }
  await addJobs(db, jobs);
  const purgedRuns = await purgeSyncRuns(db, { keep: RUNS_KEPT, before: new Date(now.getTime() - RUNS_KEPT_MS) });
  const purgedChannels = await deleteDeadChannels(db, new Date(now.getTime() - DEAD_CHANNELS_KEPT_MS));
  return { watches, syncs, episodes, purgedRuns, purgedChannels };
}
