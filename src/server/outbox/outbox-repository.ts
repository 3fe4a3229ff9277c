import { asc, inArray, isNull } from "drizzle-orm";
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
