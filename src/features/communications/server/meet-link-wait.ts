import type { BookingForMessages } from "./message-context-repository";

/**
 * How long a patient's confirmation email of an online visit waits for its Google Meet link (the
 * Meet poll gives up after about 2.5 minutes); past it, it goes without the link. While it waits
 * it is looked at again every MEET_RECHECK_MS, in case the wake-up of a settled link and a
 * deferral crossed.
 */
export const MEET_WAIT_MS = 3 * 60_000;
const MEET_RECHECK_MS = 30_000;

/** The Meet link of this booking is on its way: its event is still to be written, or Google is still making the link. */
function linkToCome(loaded: BookingForMessages): boolean {
  if (loaded.booking.mode !== "ONLINE") return false;
  const event = loaded.calendar.event;
  return event ? event.state === "ACTIVE" && event.meetStatus === "PENDING" : loaded.calendar.exportsBookings;
}

/**
 * Set by the drain on the patient's confirmation email of an online visit whose link is on its
 * way: the latest instant it may wait for it (ISO), kept in the notification's params. Null: no wait.
 */
export function meetWaitDeadline(channel: string, loaded: BookingForMessages, now: Date): string | null {
  if (channel !== "EMAIL" || !linkToCome(loaded)) return null;
  return new Date(now.getTime() + MEET_WAIT_MS).toISOString();
}

/**
 * Until when the send should wait for the Meet link: while the link is still to come and the
 * deadline the drain set has not passed (rechecked every 30 s). Null: send now (with the link if
 * it is ready, without it otherwise).
 */
export function meetLinkWait(params: Record<string, unknown>, loaded: BookingForMessages | null, now: Date): Date | null {
  const deadline = typeof params.meetWaitUntil === "string" ? new Date(params.meetWaitUntil).getTime() : Number.NaN;
  if (!loaded || Number.isNaN(deadline) || deadline <= now.getTime() || !linkToCome(loaded)) return null;
  return new Date(Math.min(deadline, now.getTime() + MEET_RECHECK_MS));
}
