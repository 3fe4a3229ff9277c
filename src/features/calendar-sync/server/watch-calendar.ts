import { randomBytes, randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import type { TokenCipher } from "@/server/auth/token-crypto";
import type { Database } from "@/server/db/client";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { hashChannelToken } from "@/server/integrations/google/verify-webhook";
import { enqueueCalendarSync } from "./calendar-jobs";
import { enterReconnectEpisode } from "./enter-reconnect-episode";
import { needsReconnect, withAccessToken } from "./google-call";
import { findCalendarForRun } from "./sync-schedule-repository";
import { insertChannel, listUnstoppedChannels, markChannelStopped, type WatchChannelRow } from "./watch-channel-repository";

export interface WatchCalendarOptions {
  db: Database;
  google: Pick<GoogleCalendarIntegration, "watchCalendar" | "stopChannel" | "refreshAccessToken">;
  cipher: TokenCipher;
  /** Our connected_calendars id. */
  calendarId: string;
  /** Where Google posts the notifications: the app's /api/webhooks/google-calendar (HTTPS in production). */
  address: string;
  now: Date;
  /** Lifetime to ask Google for; unset = Google's default (7 days). Google's answer is what is stored. */
  ttlSeconds?: number;
}

export type WatchCalendarResult =
  | { outcome: "SKIPPED" }
  | { outcome: "NEEDS_RECONNECT"; noticeQueued: boolean }
  /** The calendar has a channel lasting beyond the renewal margin (`opened`: made by this run); older ones were stopped. */
  | { outcome: "WATCHED"; channelId: string; expiresAt: Date; opened: boolean; stopped: number }
  /** The calendar no longer needs watching: its channels were stopped. */
  | { outcome: "UNWATCHED"; stopped: number };

/** A channel is renewed once it has less than this left (Google's default lifetime is 7 days). */
export const RENEW_BEFORE_MS = 24 * 3_600_000;

/**
 * The `calendar.watch` job: keeps exactly one push channel (events.watch) on a calendar that
 * blocks availability or receives bookings. A new channel is opened when none lasts beyond the
 * renewal margin (new id, random 256-bit token of which only the SHA-256 is stored); only once
 * it is stored are the older channels stopped, so there is no moment without one. Notifications
 * on either during the overlap are harmless: each only asks for the calendar's one coalesced
 * sync. A sync is asked for after opening, covering changes made before the channel existed.
 * Calendars no longer wanted (unticked, or disconnected) get their channels stopped.
 * Idempotent: run again, it finds the current channel and only retries stops that failed.
 */
export async function watchCalendar(options: WatchCalendarOptions): Promise<WatchCalendarResult> {
  const { db, now } = options;
  const calendar = await findCalendarForRun(db, options.calendarId);
  if (!calendar) return { outcome: "SKIPPED" };
  const call = <T>(request: (accessToken: string) => Promise<T>) => withAccessToken(options, calendar.connectionId, now, request);
  try {
    if (calendar.connectionStatus === "NEEDS_RECONNECT") {
      const episode = await enterReconnectEpisode({ db, connectionId: calendar.connectionId, reason: "needs reconnecting", now });
      return { outcome: "NEEDS_RECONNECT", noticeQueued: episode?.noticeQueued ?? false };
    }
    const channels = await listUnstoppedChannels(db, calendar.id);
    if (!calendar.blocksAvailability && !calendar.receivesBookings) {
      return { outcome: "UNWATCHED", stopped: await stopChannels(options, call, channels) };
    }

    let current: Pick<WatchChannelRow, "id" | "expiresAt"> | undefined = channels.find((channel) => channel.expiresAt.getTime() > now.getTime() + RENEW_BEFORE_MS);
    const opened = current === undefined;
    if (!current) {
      const channelId = randomUUID();
      const token = randomBytes(32).toString("base64url");
      const channel = await call((accessToken) =>
        options.google.watchCalendar({ accessToken, calendarId: calendar.googleCalendarId, channelId, address: options.address, token, ttlSeconds: options.ttlSeconds }),
      );
      await db.transaction(async (tx) => {
        await insertChannel(tx, { id: channelId, calendarId: calendar.id, resourceId: channel.resourceId, tokenHash: hashChannelToken(token), expiresAt: channel.expiresAt, createdAt: now });
        await enqueueCalendarSync(tx, calendar.id);
      });
      current = { id: channelId, expiresAt: channel.expiresAt };
    }
    const currentId = current.id;
    const stopped = await stopChannels(
      options,
      call,
      channels.filter((channel) => channel.id !== currentId),
    );
    return { outcome: "WATCHED", channelId: current.id, expiresAt: current.expiresAt, opened, stopped };
  } catch (error) {
    if (!needsReconnect(error)) throw error;
    const reason = error instanceof AppError && typeof error.details?.reason === "string" ? error.details.reason : "invalid_grant";
    const episode = await enterReconnectEpisode({ db, connectionId: calendar.connectionId, reason, now });
    return { outcome: "NEEDS_RECONNECT", noticeQueued: episode?.noticeQueued ?? false };
  }
}

/**
 * Stops channels at Google and marks them stopped. A lapsed channel is only marked (Google has
 * forgotten it); one Google refuses for good is marked too (it lapses on its own). A retryable
 * failure is thrown after the others were tried, so the job runs again for it.
 */
async function stopChannels(
  options: WatchCalendarOptions,
  call: (request: (accessToken: string) => Promise<void>) => Promise<void>,
  channels: WatchChannelRow[],
): Promise<number> {
  let retry: unknown;
  let stopped = 0;
  for (const channel of channels) {
    if (channel.expiresAt > options.now) {
      try {
        await call((accessToken) => options.google.stopChannel({ accessToken, channelId: channel.id, resourceId: channel.resourceId }));
      } catch (error) {
        if (needsReconnect(error)) throw error;
        if (!(error instanceof AppError) || error.details?.retryable !== false) {
          retry ??= error;
          continue;
        }
      }
    }
    await markChannelStopped(options.db, channel.id, options.now);
    stopped += 1;
  }
  if (retry !== undefined) throw retry;
  return stopped;
}
