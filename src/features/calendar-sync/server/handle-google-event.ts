import type { Database } from "@/server/db/client";
import { channelTokenMatches, type CalendarNotification } from "@/server/integrations/google/verify-webhook";
import { enqueueCalendarSync } from "./calendar-jobs";
import { advanceMessageNumber, findChannelForNotification } from "./watch-channel-repository";

export interface HandleGoogleEventOptions {
  db: Database;
  notification: CalendarNotification;
  /** X-Goog-Channel-Token as received (null when absent). */
  token: string | null;
  now: Date;
}

/** What became of a notification; every one is answered 200 (Google must not retry a dropped one). */
export type GoogleEventOutcome =
  | "unknown-channel"
  | "stopped-channel"
  | "expired-channel"
  | "connection-needs-reconnect"
  | "bad-token"
  | "wrong-resource"
  | "replay"
  | "initialised"
  | "sync-queued";

// Our channel ids are UUIDs: anything else is unknown without asking the database.
const CHANNEL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A Google Calendar push notification, after its headers were read. Google signs nothing: the
 * channel's token (compared in constant time with the stored hash) and resource id are the proof.
 * Dropped without any write: unknown, stopped or lapsed channels, a connection that needs
 * reconnecting, a wrong token or resource. A message number not above the last one seen is a
 * replay (or a duplicate delivery) and is dropped too. `sync` (the channel's first message) only
 * records the number; `exists`/`not_exists` ask for the calendar's one coalesced sync in the same
 * transaction, however many notifications arrive. Nothing here calls Google: the answer is fast.
 */
export async function handleGoogleEvent({ db, notification, token, now }: HandleGoogleEventOptions): Promise<GoogleEventOutcome> {
  if (!CHANNEL_ID.test(notification.channelId)) return "unknown-channel";
  const channel = await findChannelForNotification(db, notification.channelId);
  if (!channel) return "unknown-channel";
  // The token first: without it, nobody learns anything about a channel from our behaviour.
  if (!channelTokenMatches(token, channel.tokenHash)) return "bad-token";
  if (channel.resourceId !== notification.resourceId) return "wrong-resource";
  if (channel.stoppedAt !== null) return "stopped-channel";
  if (channel.expiresAt <= now) return "expired-channel";
  if (channel.connectionStatus !== "ACTIVE") return "connection-needs-reconnect";
  if (channel.lastMessageNumber !== null && notification.messageNumber <= channel.lastMessageNumber) return "replay";

  if (notification.resourceState === "sync") {
    return (await advanceMessageNumber(db, notification.channelId, notification.messageNumber)) ? "initialised" : "replay";
  }
  return db.transaction(async (tx) => {
    if (!(await advanceMessageNumber(tx, notification.channelId, notification.messageNumber))) return "replay";
    await enqueueCalendarSync(tx, channel.calendarId, { mode: "preserve_run_at" });
    return "sync-queued";
  });
}
