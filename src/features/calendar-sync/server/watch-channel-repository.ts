import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { calendarConnections, calendarWatchChannels, connectedCalendars } from "@/server/db/schema";

export type WatchChannelRow = typeof calendarWatchChannels.$inferSelect;

export interface ChannelForNotification {
  calendarId: string;
  resourceId: string;
  tokenHash: string;
  expiresAt: Date;
  stoppedAt: Date | null;
  lastMessageNumber: number | null;
  connectionStatus: "ACTIVE" | "NEEDS_RECONNECT";
}

/** The one read a push notification costs before it is dropped or accepted. */
export async function findChannelForNotification(db: DbExecutor, channelId: string): Promise<ChannelForNotification | null> {
  const [row] = await db
    .select({
      calendarId: calendarWatchChannels.calendarId,
      resourceId: calendarWatchChannels.resourceId,
      tokenHash: calendarWatchChannels.tokenHash,
      expiresAt: calendarWatchChannels.expiresAt,
      stoppedAt: calendarWatchChannels.stoppedAt,
      lastMessageNumber: calendarWatchChannels.lastMessageNumber,
      connectionStatus: calendarConnections.status,
    })
    .from(calendarWatchChannels)
    .innerJoin(connectedCalendars, eq(connectedCalendars.id, calendarWatchChannels.calendarId))
    .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
    .where(eq(calendarWatchChannels.id, channelId));
  return row ?? null;
}

/**
 * Records a message number if it is above every one seen on the channel (and the channel is not
 * stopped meanwhile). False = a replay, a duplicate delivery, or a channel stopped since the read:
 * two notifications racing on one channel cannot both pass with the same number.
 */
export async function advanceMessageNumber(db: DbExecutor, channelId: string, messageNumber: number): Promise<boolean> {
  const updated = await db
    .update(calendarWatchChannels)
    .set({ lastMessageNumber: messageNumber })
    .where(
      and(
        eq(calendarWatchChannels.id, channelId),
        isNull(calendarWatchChannels.stoppedAt),
        or(isNull(calendarWatchChannels.lastMessageNumber), lt(calendarWatchChannels.lastMessageNumber, messageNumber)),
      ),
    )
    .returning({ id: calendarWatchChannels.id });
  return updated.length > 0;
}

/** A calendar's channels not yet stopped (live or lapsed), newest expiry first. */
export async function listUnstoppedChannels(db: DbExecutor, calendarId: string): Promise<WatchChannelRow[]> {
  return db
    .select()
    .from(calendarWatchChannels)
    .where(and(eq(calendarWatchChannels.calendarId, calendarId), isNull(calendarWatchChannels.stoppedAt)))
    .orderBy(desc(calendarWatchChannels.expiresAt), desc(calendarWatchChannels.createdAt));
}

export async function insertChannel(
  db: DbExecutor,
  channel: { id: string; calendarId: string; resourceId: string; tokenHash: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await db.insert(calendarWatchChannels).values(channel);
}

export async function markChannelStopped(db: DbExecutor, channelId: string, now: Date): Promise<void> {
  await db
    .update(calendarWatchChannels)
    .set({ stoppedAt: now })
    .where(and(eq(calendarWatchChannels.id, channelId), isNull(calendarWatchChannels.stoppedAt)));
}

/** Forgets channels stopped or lapsed before `before`: a late notification on them is then just unknown (also dropped). */
export async function deleteDeadChannels(db: DbExecutor, before: Date): Promise<number> {
  const deleted = await db
    .delete(calendarWatchChannels)
    .where(or(lt(calendarWatchChannels.stoppedAt, before), lt(calendarWatchChannels.expiresAt, before)))
    .returning({ id: calendarWatchChannels.id });
  return deleted.length;
}

