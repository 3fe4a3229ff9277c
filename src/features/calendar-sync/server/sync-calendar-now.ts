import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { SyncNowResultDto } from "../types";
import { findOwnedCalendar, lastRunStartedAt } from "./calendar-connection-repository";
import { enqueueCalendarSync } from "./calendar-jobs";

/** "Sync now" is for checking a change just made in Google; more often than this adds nothing but load. */
export const SYNC_NOW_MIN_INTERVAL_MS = 30_000;

export interface SyncCalendarNowOptions {
  db: DbExecutor;
  provider: { id: string };
  calendarId: string;
  now: Date;
}

/**
 * Queues a sync of one calendar. Presses coalesce into one pending job (the calendar's job key);
 * one within 30 s of the last run's start is refused, and while Google's rate-limit backoff
 * lasts the sync waits for its end rather than hitting the limit again.
 */
export async function syncCalendarNow({ db, provider, calendarId, now }: SyncCalendarNowOptions): Promise<SyncNowResultDto> {
  const calendar = await findOwnedCalendar(db, provider.id, calendarId);
  if (!calendar) throw new AppError("NOT_FOUND", "This calendar is not one of your connected calendars.");
  if (calendar.connectionStatus === "NEEDS_RECONNECT") {
    throw new AppError("PRECONDITION_FAILED", "Google no longer accepts this account's authorization: reconnect it, then sync.");
  }
  if (!calendar.blocksAvailability && !calendar.receivesBookings) {
    throw new AppError("PRECONDITION_FAILED", "This calendar neither blocks your availability nor receives bookings, so there is nothing to sync. Turn one of them on first.");
  }
  const lastStarted = await lastRunStartedAt(db, calendar.id);
  const waitMs = lastStarted === null ? 0 : lastStarted.getTime() + SYNC_NOW_MIN_INTERVAL_MS - now.getTime();
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppError("RATE_LIMITED", `This calendar synced moments ago. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`, { retryAfterSeconds: seconds });
  }
  const runAt = calendar.backoffUntil && calendar.backoffUntil > now ? calendar.backoffUntil : now;
  // A sync already pending keeps its time (it runs now, or when the backoff ends).
  await enqueueCalendarSync(db, calendar.id, { runAt, mode: "preserve_run_at" });
  return { calendarId: calendar.id, runAt };
}
