import type { Database } from "@/server/db/client";
import { enqueueDomainEvent } from "@/server/outbox/outbox-repository";
import { markConnectionNeedsReconnect } from "./calendar-sync-repository";
import { lockConnection, markReconnectNoticeSent, removeConnectionBusy } from "./sync-schedule-repository";

export interface EnterReconnectEpisodeOptions {
  db: Database;
  connectionId: string;
  /** Why, for support (e.g. `invalid_grant`); never a token. */
  reason: string;
  now: Date;
  /** Only for a connection still marked NEEDS_RECONNECT (one reconnected meanwhile is left alone). */
  ifStillMarked?: boolean;
}

/**
 * Google no longer accepts a connection (refresh refused, calendar access withdrawn). In one
 * transaction: the connection is marked NEEDS_RECONNECT, the busy time imported from all its
 * calendars is removed (availability falls back to MedBookings' own bookings rather than trusting
 * a copy nobody can refresh), and, once per episode, the provider is told through the outbox.
 * The notice time is cleared when the provider connects the account again, which ends the episode.
 * Idempotent: a second call removes nothing and sends nothing.
 */
export async function enterReconnectEpisode({ db, connectionId, reason, now, ifStillMarked = false }: EnterReconnectEpisodeOptions): Promise<{ removed: number; noticeQueued: boolean } | null> {
  return db.transaction(async (tx) => {
    const connection = await lockConnection(tx, connectionId);
    if (!connection || (ifStillMarked && connection.status !== "NEEDS_RECONNECT")) return null;
    if (connection.status !== "NEEDS_RECONNECT") await markConnectionNeedsReconnect(tx, connectionId, reason);
    const removed = await removeConnectionBusy(tx, connectionId, connection.providerId);
    const noticeQueued = connection.reconnectNoticeSentAt === null;
    if (noticeQueued) {
      await markReconnectNoticeSent(tx, connectionId, now);
      await enqueueDomainEvent(tx, {
        type: "calendar.connection_needs_reconnect",
        aggregateType: "calendar_connection",
        aggregateId: connectionId,
        payload: { providerId: connection.providerId },
      });
    }
    return { removed, noticeQueued };
  });
}
