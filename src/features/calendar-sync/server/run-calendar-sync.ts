import { AppError, errorSummary } from "@/lib/errors/app-error";
import type { TokenCipher } from "@/server/auth/token-crypto";
import type { Database } from "@/server/db/client";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { finishSyncRun, startSyncRun } from "./calendar-sync-repository";
import { needsReconnect, withAccessToken } from "./google-call";
import { enqueueCalendarSync } from "./calendar-jobs";
import { enterReconnectEpisode } from "./enter-reconnect-episode";
import { syncCalendar, type SyncCalendarResult } from "./sync-calendar";
import { clearSyncBackoff, findCalendarForRun, setSyncBackoff, type CalendarForRun } from "./sync-schedule-repository";


export interface RunCalendarSyncOptions {
  db: Database;
  google: Pick<GoogleCalendarIntegration, "listEventChanges" | "refreshAccessToken">;
  cipher: TokenCipher;
  /** Our connected_calendars id. */
  calendarId: string;
  now: Date;
  /** For the backoff's jitter. */
  random: () => number;
  pageSize?: number;
}

export type RunCalendarSyncResult =
  /** The calendar or its connection no longer exists. */
  | { outcome: "SKIPPED" }
  /** Google rate limited an earlier run: the sync was moved to the end of that backoff. */
  | { outcome: "DEFERRED"; until: Date }
  | { outcome: "NEEDS_RECONNECT"; noticeQueued: boolean }
  | { outcome: "RATE_LIMITED"; until: Date }
  /** Google refused in a way retrying cannot fix (e.g. 404: the calendar is gone); recorded, not retried. */
  | { outcome: "FAILED"; error: string }
  | { outcome: "SYNCED"; sync: SyncCalendarResult };

/** Google's per-user quotas are per minute: the first backoff is up to 30 s, doubling to at most 30 min. */
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 30 * 60_000;
const BACKOFF_FLOOR_MS = 1_000;

/** Truncated exponential backoff with full jitter (uniform in [0, ceiling]), never less than a second. */
export function rateLimitBackoffMs(previousRateLimitedRuns: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(previousRateLimitedRuns, 16));
  return Math.max(BACKOFF_FLOOR_MS, Math.floor(random() * ceiling));
}

async function recordRun(db: Database, calendar: CalendarForRun, outcome: "FAILED" | "NEEDS_RECONNECT", error: string, now: Date): Promise<void> {
  const runId = await startSyncRun(db, calendar.id, calendar.hasSyncToken ? "INCREMENTAL" : "FULL", now);
  await finishSyncRun(db, runId, { pages: 0, changes: 0, outcome, error }, now);
}

/**
 * The `calendar.sync` job: one calendar brought up to date with Google, with the failure rules
 * of the integration around syncCalendar.
 * - A calendar inside a rate-limit backoff is not synced: the job moves itself to the end of it.
 * - 401: the access token is refreshed once and the sync tried again.
 * - A refused refresh (`invalid_grant`) or withdrawn calendar access: the connection needs
 *   reconnecting; its imported busy time is removed and the provider told once per episode.
 * - 403/429 rate limits: the run is recorded FAILED and the next sync waits for a jittered,
 *   exponentially growing backoff (reset by a good run).
 * - Other refusals that retrying cannot fix (404: the calendar is gone) are recorded, not retried.
 * - Anything else (5xx, network) is thrown, so the job queue retries it with its own backoff.
 *   Nothing imported is touched: availability keeps the last known busy time.
 */
export async function runCalendarSync(options: RunCalendarSyncOptions): Promise<RunCalendarSyncResult> {
  const { db, now } = options;
  const calendar = await findCalendarForRun(db, options.calendarId);
  if (!calendar) return { outcome: "SKIPPED" };
  if (calendar.backoffUntil && calendar.backoffUntil > now) {
    await enqueueCalendarSync(db, calendar.id, { runAt: calendar.backoffUntil, mode: "replace" });
    return { outcome: "DEFERRED", until: calendar.backoffUntil };
  }
  if (calendar.connectionStatus === "NEEDS_RECONNECT") {
    await recordRun(db, calendar, "NEEDS_RECONNECT", "the Google account must be connected again", now);
    const episode = await enterReconnectEpisode({ db, connectionId: calendar.connectionId, reason: "needs reconnecting", now });
    return { outcome: "NEEDS_RECONNECT", noticeQueued: episode?.noticeQueued ?? false };
  }

  // syncCalendar records its own failures; the ones before it (the token) are recorded here.
  const recordedBySync = new WeakSet<object>();
  try {
    const sync = await withAccessToken({ db, cipher: options.cipher, google: options.google }, calendar.connectionId, now, async (accessToken) => {
      try {
        return await syncCalendar({ db, google: options.google, calendarId: calendar.id, accessToken, now, pageSize: options.pageSize });
      } catch (error) {
        if (typeof error === "object" && error !== null) recordedBySync.add(error);
        throw error;
      }
    });
    if (calendar.backoffUntil !== null || calendar.rateLimitedRuns > 0) await clearSyncBackoff(db, calendar.id);
    return sync.outcome === "NOT_FOUND" ? { outcome: "SKIPPED" } : { outcome: "SYNCED", sync };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND" && error.details?.vendor === undefined) return { outcome: "SKIPPED" };
    const recorded = typeof error === "object" && error !== null && recordedBySync.has(error);
    if (!recorded) await recordRun(db, calendar, needsReconnect(error) ? "NEEDS_RECONNECT" : "FAILED", errorSummary(error), now).catch(() => undefined);
    if (needsReconnect(error)) {
      const reason = error instanceof AppError && typeof error.details?.reason === "string" ? error.details.reason : "invalid_grant";
      const episode = await enterReconnectEpisode({ db, connectionId: calendar.connectionId, reason, now });
      return { outcome: "NEEDS_RECONNECT", noticeQueued: episode?.noticeQueued ?? false };
    }
    if (error instanceof AppError && error.code === "RATE_LIMITED") {
      const until = new Date(now.getTime() + rateLimitBackoffMs(calendar.rateLimitedRuns, options.random));
      await db.transaction(async (tx) => {
        await setSyncBackoff(tx, calendar.id, until, calendar.rateLimitedRuns + 1);
        await enqueueCalendarSync(tx, calendar.id, { runAt: until, mode: "replace" });
      });
      return { outcome: "RATE_LIMITED", until };
    }
    if (error instanceof AppError && error.details?.retryable === false) return { outcome: "FAILED", error: errorSummary(error) };
    throw error;
  }
}
