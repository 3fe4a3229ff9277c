import type { Database } from "@/server/db/client";
import { claimUnpublishedEvents, markEventsPublished } from "@/server/outbox/outbox-repository";
import { fanOutEvent } from "./fan-out-event";

export interface DrainOutboxOptions {
  db: Database;
  now: Date;
  batchSize?: number;
}

/**
 * Fans committed domain events out into notifications, oldest first. Each batch is one
 * transaction: the notifications, their send jobs and the events' published mark commit
 * together, so a worker killed mid-drain leaves the batch unpublished (and nothing half-made)
 * for the next drain, and no event is ever fanned out twice.
 */
export async function drainOutbox({ db, now, batchSize = 100 }: DrainOutboxOptions): Promise<{ events: number; notifications: number }> {
  let events = 0;
  let notifications = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const claimed = await claimUnpublishedEvents(tx, batchSize);
      let created = 0;
      for (const event of claimed) created += await fanOutEvent(tx, event, now);
      await markEventsPublished(
        tx,
        claimed.map((event) => event.id),
        now,
      );
      return { events: claimed.length, created };
    });
    events += batch.events;
    notifications += batch.created;
    if (batch.events < batchSize) return { events, notifications };
  }
}
