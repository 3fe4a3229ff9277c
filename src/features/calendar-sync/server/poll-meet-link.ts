import { AppError } from "@/lib/errors/app-error";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { findBookingForExport, findCalendarById, lockBookingExport, updateBookingEvent, type MeetStatus } from "./export-repository";
import { isRetryable, needsReconnect, withAccessToken, type GoogleCallDeps } from "./google-call";
import { announceMeetSettled, MEET_MAX_POLLS, meetOf, scheduleMeetPoll } from "./meet-link";

export interface PollMeetLinkOptions extends GoogleCallDeps {
  google: Pick<GoogleCalendarIntegration, "getEvent" | "refreshAccessToken">;
  bookingId: string;
  /** 1 for the first poll after the insert. */
  attempt: number;
  now: Date;
}

export type PollMeetLinkResult =
  | { outcome: "NOT_PENDING" }
  | { outcome: "READY" | "FAILED" }
  | { outcome: "PENDING"; nextAttempt: number };

/**
 * Asks Google whether the Meet link of a booking's event is ready. `success` records the link,
 * `failure` (or MEET_MAX_POLLS polls without an answer, or a connection that must be reconnected)
 * records FAILED; either way the outcome is announced so the waiting confirmation goes out.
 * Still pending: polled again with backoff. Only a PENDING link of a live event is polled; a
 * reschedule never asks for a new one. Retryable Google failures throw for the job's retry.
 */
export async function pollMeetLink(options: PollMeetLinkOptions): Promise<PollMeetLinkResult> {
  const { db, bookingId, attempt, now } = options;
  return db.transaction(async (tx) => {
    await lockBookingExport(tx, bookingId);
    const booking = await findBookingForExport(tx, bookingId);
    const row = booking?.event;
    if (!booking || !row || row.state !== "ACTIVE" || row.meetStatus !== "PENDING" || !row.calendarId) return { outcome: "NOT_PENDING" } as const;
    const settle = async (meetStatus: Extract<MeetStatus, "READY" | "FAILED">, meetUrl: string | null, etag?: string | null) => {
      await updateBookingEvent(tx, bookingId, { meetStatus, meetUrl, ...(etag === undefined ? {} : { etag }) });
      await announceMeetSettled(tx, bookingId, meetStatus);
      return { outcome: meetStatus } as const;
    };
    const where = await findCalendarById(tx, row.calendarId);
    if (!where || where.connectionStatus !== "ACTIVE") return settle("FAILED", null);
    let event;
    try {
      event = await withAccessToken(options, where.connectionId, now, (accessToken) =>
        options.google.getEvent({ accessToken, calendarId: where.googleCalendarId, eventId: row.googleEventId }),
      );
    } catch (error) {
      if (needsReconnect(error)) return settle("FAILED", null);
      // Deleted in Google meanwhile: sync notices and handles it; no link will come.
      if (error instanceof AppError && error.code === "NOT_FOUND") return settle("FAILED", null);
      if (isRetryable(error)) throw error;
      return settle("FAILED", null);
    }
    const meet = meetOf(event, true);
    if (meet.meetStatus === "READY") return settle("READY", meet.meetUrl, event.etag);
    if (meet.meetStatus === "FAILED" || attempt >= MEET_MAX_POLLS) return settle("FAILED", null, event.etag);
    await scheduleMeetPoll(tx, bookingId, attempt + 1, now);
    return { outcome: "PENDING", nextAttempt: attempt + 1 } as const;
  });
}
