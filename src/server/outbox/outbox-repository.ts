import { asc, inArray, isNull, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { outboxEvents } from "@/server/db/schema";
import { addJob } from "@/server/jobs/job-repository";

export interface DomainEvent {
  /** Dot-case, e.g. booking.confirmed. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  /** Ids, times and states; never patient contact details or notes. */
  payload: Record<string, unknown>;
}

export type OutboxEventRow = typeof outboxEvents.$inferSelect;

/** Drain jobs share one named queue, so they run one at a time and events fan out in order. */
export const OUTBOX_QUEUE = "outbox";

/**
 * Adds a domain event to the outbox; call it inside the transaction of the change that caused it.
 * A drain job is added in the same transaction, so a worker picks the event up as soon as it
 * commits (a drain that finds nothing new costs one query; there is no shared job key, which would
 * make every booking transaction wait on the same row).
 */
export async function enqueueDomainEvent(db: DbExecutor, event: DomainEvent): Promise<void> {
  await db.insert(outboxEvents).values(event);
  await addJob(db, "outbox.drain", {}, { queueName: OUTBOX_QUEUE, maxAttempts: 25 });
}

/**
 * Completes the drain jobs queued and due now, in the caller's transaction, before it claims
 * events: each was added with an event that is committed (the job commits with it), so this
 * drain will fan that event out. Without this, a burst of N bookings costs N drain runs that
 * find nothing. Locked jobs (this one, one running elsewhere) are left alone by complete_jobs;
 * a drain that rolls back restores the jobs with it.
 */
export async function retireQueuedDrains(db: DbExecutor): Promise<void> {
  await db.execute(sql`
    SELECT count(*) FROM graphile_worker.complete_jobs(ARRAY(
      SELECT j.id FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'outbox.drain' AND j.locked_at IS NULL AND j.run_at <= now()
    ))`);
}

/**
 * The oldest unpublished events, locked for this transaction. SKIP LOCKED lets a second drainer
 * (the cron safety net on another process) take the next batch instead of waiting.
 */
export async function claimUnpublishedEvents(db: DbExecutor, limit: number): Promise<OutboxEventRow[]> {
  return db
    .select()
    .from(outboxEvents)
    .where(isNull(outboxEvents.publishedAt))
    .orderBy(asc(outboxEvents.id))
    .limit(limit)
    .for("update", { skipLocked: true });
}

export async function markEventsPublished(db: DbExecutor, ids: number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(outboxEvents).set({ publishedAt: now }).where(inArray(outboxEvents.id, ids));
}
