/**
 * Every background job and its payload. Names are dot-case (house style); payloads carry ids
 * only, never contact details or message content, because graphile-worker keeps them in its
 * table and in its logs.
 */
export interface JobPayloads {
  /** Turns committed outbox events into notifications, in id order (one drain at a time). */
  "outbox.drain": Record<string, never>;
  /** Sends one notification on its channel; re-added by itself with jittered backoff on retryable failures. */
  "notification.send": { notificationId: string };
  /** Creates a booking's reminder if it is due now (added with run_at = due time when the booking is confirmed or moved). */
  "booking.remind": { bookingId: string; offsetMinutes: number; startsAt: string };
  /** Safety net for the above: every due reminder not yet created (cron). */
  "reminders.sweep": Record<string, never>;
  /** Expires lapsed holds so their rows stop counting toward per-client caps (cron). */
  "holds.purge": Record<string, never>;
  /** Deletes stored patient contact cards that are no longer needed (cron). */
  "contact-cards.purge": Record<string, never>;
  /** Forgets webhook receipts older than any vendor retry (cron). */
  "webhook-receipts.purge": Record<string, never>;
  /** Finds notifications left SENDING by a worker that died and asks the vendor what happened (cron). */
  "notifications.recover": Record<string, never>;
  /** Imports one connected calendar's changes (full, then incremental); one pending per calendar (job key), one running per calendar (advisory lock). */
  "calendar.sync": { calendarId: string };
  /** Opens a push channel (events.watch) on a calendar, or renews one before it expires (new first, then stop the old). */
  "calendar.watch": { calendarId: string };
  /** Renews channels near expiry and syncs every calendar that has not synced lately, because push is not fully reliable (cron). */
  "calendar.reconcile": Record<string, never>;
  /** Makes a booking's Google event match the booking (insert, move or cancel); one pending per booking (job key). */
  "calendar.export": { bookingId: string };
  /**
   * The provider's Google-side edits to our events that one sync run found, stored with the run's
   * sync token: the run applies them at once and removes this job; if it could not (a failure, a
   * dead worker), the job applies them (applying is idempotent). Booking ids, event ids and times only.
   */
  "calendar.apply-edits": { runId: string; edits: Array<{ bookingId: string; seen: { kind: "cancelled" | "timed" | "unsupported"; eventId: string; startsAt?: string; endsAt?: string } }> };
  /** Asks Google whether a pending Meet link is ready; re-added by itself with backoff until success or failure. */
  "calendar.meet-poll": { bookingId: string; attempt: number };
}

export type JobName = keyof JobPayloads;

export interface AddJobOptions {
  runAt?: Date;
  /** One pending job per key; `replace` moves its run_at and payload, `preserve_run_at` keeps the earlier run. */
  jobKey?: string;
  jobKeyMode?: "replace" | "preserve_run_at";
  /** Jobs in one named queue run one at a time, in order. */
  queueName?: string;
  /** graphile-worker's own retries; our send task handles its retries itself, so it uses 1 + the safety margin. */
  maxAttempts?: number;
  /** Lower runs first. */
  priority?: number;
}
