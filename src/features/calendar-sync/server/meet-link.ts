import type { DbExecutor } from "@/server/db/client";
import type { CalendarEvent } from "@/server/integrations/google/types";
import { addJob } from "@/server/jobs/job-repository";
import { enqueueDomainEvent } from "@/server/outbox/outbox-repository";
import { meetPollJobKey, type MeetStatus } from "./export-repository";

/**
 * Google creates a Meet conference asynchronously. We ask again after 2, 4, 8, 16 s, then every
 * 30 s: 8 polls span 2.5 minutes, after which the link counts as failed (the patient's
 * confirmation waits at most MEET_WAIT_MS for it, see communications).
 */
export const MEET_MAX_POLLS = 8;
const MEET_POLL_BASE_MS = 2_000;
const MEET_POLL_CAP_MS = 30_000;

export function meetPollDelayMs(attempt: number): number {
  return Math.min(MEET_POLL_CAP_MS, MEET_POLL_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

/** The Meet state an event carries. An online visit's event without any conference data got no Meet (the calendar does not allow it). */
export function meetOf(event: CalendarEvent, online: boolean): { meetStatus: MeetStatus; meetUrl: string | null } {
  if (!online) return { meetStatus: "NONE", meetUrl: null };
  const meeting = event.meeting;
  if (!meeting || meeting.status === "failed") return { meetStatus: "FAILED", meetUrl: null };
  if (meeting.status === "ready" && meeting.url) return { meetStatus: "READY", meetUrl: meeting.url };
  return { meetStatus: "PENDING", meetUrl: null };
}

export async function scheduleMeetPoll(db: DbExecutor, bookingId: string, attempt: number, now: Date): Promise<void> {
  await addJob(db, "calendar.meet-poll", { bookingId, attempt }, { jobKey: meetPollJobKey(bookingId), runAt: new Date(now.getTime() + meetPollDelayMs(attempt)), maxAttempts: 10 });
}

/**
 * Tells the rest of the product that a booking's Meet link settled, in the transaction that
 * recorded it: communications then sends the confirmation that waited for it (with the link, or
 * without it plus a notice to the provider).
 */
export async function announceMeetSettled(db: DbExecutor, bookingId: string, meetStatus: "READY" | "FAILED"): Promise<void> {
  await enqueueDomainEvent(db, {
    type: meetStatus === "READY" ? "booking.meet_ready" : "booking.meet_failed",
    aggregateType: "booking",
    aggregateId: bookingId,
    payload: {},
  });
}
