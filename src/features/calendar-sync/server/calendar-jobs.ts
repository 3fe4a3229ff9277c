import type { DbExecutor } from "@/server/db/client";
import { addJob, type JobSpec } from "@/server/jobs/job-repository";
import { calendarSyncJobKey, calendarWatchJobKey } from "./job-keys";

/**
 * A calendar's sync job: one pending per calendar (job key) and one running per calendar (its
 * own named queue, so a sync asked for while one runs waits for it instead of racing it).
 */
export function calendarSyncJob(calendarId: string, runAt?: Date): JobSpec<"calendar.sync"> {
  const key = calendarSyncJobKey(calendarId);
  return { name: "calendar.sync", payload: { calendarId }, options: { jobKey: key, queueName: key, runAt, maxAttempts: 10 } };
}

export function calendarWatchJob(calendarId: string): JobSpec<"calendar.watch"> {
  const key = calendarWatchJobKey(calendarId);
  return { name: "calendar.watch", payload: { calendarId }, options: { jobKey: key, queueName: key, maxAttempts: 10 } };
}

/**
 * Asks for a sync in the caller's transaction. `preserve_run_at` (notifications, "sync now")
 * leaves an already pending sync where it is, so a burst of notifications costs one sync;
 * `replace` moves it (a backoff pushing the next sync later).
 */
export async function enqueueCalendarSync(db: DbExecutor, calendarId: string, options: { runAt?: Date; mode?: "replace" | "preserve_run_at" } = {}): Promise<void> {
  const job = calendarSyncJob(calendarId, options.runAt);
  await addJob(db, job.name, job.payload, { ...job.options, jobKeyMode: options.mode ?? "preserve_run_at" });
}

/** Asks for a channel to be opened, renewed or (for a calendar no longer wanted) stopped. */
export async function enqueueCalendarWatch(db: DbExecutor, calendarId: string): Promise<void> {
  const job = calendarWatchJob(calendarId);
  await addJob(db, job.name, job.payload, job.options);
}
