import type { Database } from "@/server/db/client";
import { addJobs } from "@/server/jobs/job-repository";
import { claimUnpublishedEvents, markEventsPublished, retireQueuedDrains } from "@/server/outbox/outbox-repository";
import { fanOutEvent, patientChannelKeys, type FanOut } from "./fan-out-event";
import { loadBookingsForMessages } from "./message-context-repository";
import { createNotifications, findContactChannels } from "./notification-repository";

export interface DrainOutboxOptions {
  db: Database;
  now: Date;
  batchSize?: number;
}

/**
 * Fans committed domain events out into notifications, oldest first. Each batch is one
 * transaction: the notifications, their send jobs and the events' published mark commit
 * together, so a worker killed mid-drain leaves the batch unpublished (and nothing half-made)
 * for the next drain, and no event is ever fanned out twice. The batch's rows and jobs are
 * written together at its end (a few statements per batch, not per message).
 */
export async function drainOutbox({ db, now, batchSize = 100 }: DrainOutboxOptions): Promise<{ events: number; notifications: number }> {
  let events = 0;
  let notifications = 0;
  for (let first = true; ; first = false) {
    const batch = await db.transaction(async (tx) => {
      // Every committed event queued a drain job; this drain covers all events committed so far.
      if (first) await retireQueuedDrains(tx);
      const claimed = await claimUnpublishedEvents(tx, batchSize);
      const out: FanOut = { notifications: [], jobs: [] };
      const bookings = await loadBookingsForMessages(
        tx,
        claimed.filter((event) => event.aggregateType === "booking").map((event) => event.aggregateId),
      );
      const channels = await findContactChannels(tx, [...bookings.values()].flatMap(patientChannelKeys));
      for (const event of claimed) await fanOutEvent(tx, event, now, out, { bookings, channels });
      const created = (await createNotifications(tx, out.notifications)).filter((id) => id !== null).length;
      await addJobs(tx, out.jobs);
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
