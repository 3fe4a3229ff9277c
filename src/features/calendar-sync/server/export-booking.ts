import { AppError, errorSummary } from "@/lib/errors/app-error";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import type { CalendarEvent } from "@/server/integrations/google/types";
import { eventContentFor, eventIdFor } from "./export-event-content";
import {
  findBookingForExport,
  findCalendarById,
  findReceivingCalendar,
  lockBookingExport,
  saveBookingEvent,
  updateBookingEvent,
  type BookingForExport,
  type CalendarTarget,
  type MeetStatus,
} from "./export-repository";
import { isRetryable, needsReconnect, withAccessToken, type GoogleCallDeps } from "./google-call";
import { announceMeetSettled, meetOf, scheduleMeetPoll } from "./meet-link";

export interface ExportBookingOptions extends GoogleCallDeps {
  google: Pick<GoogleCalendarIntegration, "insertEvent" | "getEvent" | "patchEvent" | "deleteEvent" | "refreshAccessToken">;
  /** The app's public origin: the event links to the provider area. */
  appUrl: string;
  bookingId: string;
  now: Date;
}

export type ExportBookingResult =
  | { outcome: "SKIPPED"; reason: "booking-gone" | "no-receiving-calendar" | "needs-reconnect" | "deleted-in-google" }
  | { outcome: "UNCHANGED" }
  | { outcome: "INSERTED"; meetStatus: MeetStatus }
  | { outcome: "UPDATED" }
  | { outcome: "CANCELLED" }
  /** Google refused for good (a read-only calendar, an invalid request): recorded, not retried. */
  | { outcome: "REFUSED"; error: string };

type Options = ExportBookingOptions;
type Tx = Parameters<Parameters<Options["db"]["transaction"]>[0]>[0];

const ENDED = new Set<BookingForExport["status"]>(["CANCELLED", "DECLINED", "EXPIRED"]);

const sameTimes = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();

function timesOf(event: CalendarEvent): { startsAt: Date; endsAt: Date } | null {
  return event.time?.kind === "timed" ? { startsAt: event.time.startsAt, endsAt: event.time.endsAt } : null;
}

/**
 * Makes the booking's Google event match the booking as it is now, whatever happened in between
 * (jobs are coalesced per booking and may repeat, so this reads state, never the event that
 * queued it):
 * - confirmed, no event yet: inserted into the provider's receiving calendar with an id derived
 *   from the booking, so a repeated insert meets 409 and becomes a read and, if needed, a move;
 *   an online visit asks for a Meet link, polled until Google settles it;
 * - confirmed, event at other times: its times patched (without conferenceDataVersion, so the
 *   Meet link stays); a visit that changed mode or place also gets its title and location, and a
 *   Meet link asked for (became online) or removed (became in person); unchanged: nothing (no
 *   Google call);
 * - cancelled, declined or expired: the event deleted (Google tells an invited patient).
 * Events stay in the calendar they were written to when the receiving calendar changes.
 * No usable connection: nothing is recorded; requeueBookingExports runs this again after a
 * reconnect. Retryable Google failures throw, for the job's retry; a refusal is recorded.
 * One export per booking at a time (an advisory lock held while Google is called).
 */
export async function exportBooking(options: Options): Promise<ExportBookingResult> {
  return options.db.transaction(async (tx) => {
    await lockBookingExport(tx, options.bookingId);
    const booking = await findBookingForExport(tx, options.bookingId);
    if (!booking) return { outcome: "SKIPPED", reason: "booking-gone" } as const;
    try {
      if (booking.status === "CONFIRMED") return await reconcileConfirmed(tx, booking, options);
      if (ENDED.has(booking.status)) return await removeEvent(tx, booking, options);
      // Requested, completed or no-show: the event (if any) stays as it is.
      return { outcome: "UNCHANGED" } as const;
    } catch (error) {
      if (needsReconnect(error)) return { outcome: "SKIPPED", reason: "needs-reconnect" } as const;
      if (isRetryable(error)) throw error;
      return refused(tx, booking, error);
    }
  });
}

async function reconcileConfirmed(tx: Tx, booking: BookingForExport, options: Options): Promise<ExportBookingResult> {
  const row = booking.event;
  // The provider deleted our event in Google and chose to be asked (sync flagged it): theirs to decide.
  if (row?.conflict === "deleted_in_google") return { outcome: "SKIPPED", reason: "deleted-in-google" };
  const where = row?.state === "ACTIVE" && row.calendarId ? await findCalendarById(tx, row.calendarId) : null;
  if (row && where) {
    if (where.connectionStatus !== "ACTIVE") return { outcome: "SKIPPED", reason: "needs-reconnect" };
    // A reschedule may also change the visit's mode or place (a row without them predates their recording).
    const placeChanged = row.mode !== booking.mode || row.locationId !== booking.locationId;
    if (sameTimes(row, booking) && !placeChanged) return { outcome: "UNCHANGED" };
    const content = eventContentFor(booking, options.appUrl);
    const online = booking.mode === "ONLINE";
    // Became online: ask for a Meet link; became in person: drop the link. Otherwise the link stays.
    const meet = online && row.meetStatus === "NONE" ? "create" : !online && row.meetStatus !== "NONE" ? "remove" : undefined;
    const moved = await withAccessToken(options, where.connectionId, options.now, (accessToken) =>
      options.google.patchEvent({
        accessToken,
        calendarId: where.googleCalendarId,
        eventId: row.googleEventId,
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        timeZone: content.timeZone,
        sendUpdates: content.sendUpdates,
        ...(placeChanged ? { content: { title: content.title, description: content.description, location: content.location ?? null }, meet } : {}),
      }),
    );
    const meetState = meet ? meetOf(moved, online) : {};
    await updateBookingEvent(tx, booking.id, { startsAt: booking.startsAt, endsAt: booking.endsAt, mode: booking.mode, locationId: booking.locationId, etag: moved.etag, ...meetState });
    if ("meetStatus" in meetState && meetState.meetStatus === "PENDING") await scheduleMeetPoll(tx, booking.id, 1, options.now);
    return { outcome: "UPDATED" };
  }

  const target = await findReceivingCalendar(tx, booking.providerId);
  if (!target) return { outcome: "SKIPPED", reason: "no-receiving-calendar" };
  if (target.connectionStatus !== "ACTIVE") return { outcome: "SKIPPED", reason: "needs-reconnect" };
  const event = await insertOrAdopt(booking, target, options);
  const online = booking.mode === "ONLINE";
  const meet = meetOf(event, online);
  await saveBookingEvent(tx, booking.id, {
    calendarId: target.calendarId,
    googleCalendarId: target.googleCalendarId,
    googleEventId: event.id,
    state: "ACTIVE",
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    mode: booking.mode,
    locationId: booking.locationId,
    etag: event.etag,
    ...meet,
  });
  if (meet.meetStatus === "PENDING") await scheduleMeetPoll(tx, booking.id, 1, options.now);
  if (meet.meetStatus === "READY" || meet.meetStatus === "FAILED") await announceMeetSettled(tx, booking.id, meet.meetStatus);
  return { outcome: "INSERTED", meetStatus: meet.meetStatus };
}

/**
 * Inserts the event; Google's 409 means an earlier attempt wrote it (its answer lost): that event
 * is read and, if it shows other times, moved. Never a second Meet request for an existing event.
 */
async function insertOrAdopt(booking: BookingForExport, target: CalendarTarget, options: Options): Promise<CalendarEvent> {
  const content = eventContentFor(booking, options.appUrl);
  const eventId = eventIdFor(booking.id);
  return withAccessToken(options, target.connectionId, options.now, async (accessToken) => {
    try {
      return await options.google.insertEvent({ accessToken, calendarId: target.googleCalendarId, eventId, bookingId: booking.id, startsAt: booking.startsAt, endsAt: booking.endsAt, ...content });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "CONFLICT") throw error;
    }
    const existing = await options.google.getEvent({ accessToken, calendarId: target.googleCalendarId, eventId });
    // Google keeps the ids of deleted events. A confirmed booking without a row wants its event:
    // either the provider chose "restore" for an event they deleted in Google (the row was
    // forgotten for this), or an insert whose answer was lost was deleted before this retry. The
    // event is brought back (status confirmed) at the booking's times. A deletion the provider
    // has not resolved keeps its row (flagged) and never reaches this code.
    const restore = existing.status === "cancelled";
    const times = timesOf(existing);
    if (!restore && times && sameTimes(times, booking)) return existing;
    return options.google.patchEvent({ accessToken, calendarId: target.googleCalendarId, eventId, startsAt: booking.startsAt, endsAt: booking.endsAt, timeZone: content.timeZone, sendUpdates: content.sendUpdates, restore });
  });
}

async function removeEvent(tx: Tx, booking: BookingForExport, options: Options): Promise<ExportBookingResult> {
  const row = booking.event;
  if (!row || row.state === "CANCELLED") return { outcome: "UNCHANGED" };
  const where = row.calendarId ? await findCalendarById(tx, row.calendarId) : null;
  if (where) {
    if (where.connectionStatus !== "ACTIVE") return { outcome: "SKIPPED", reason: "needs-reconnect" };
    const { sendUpdates } = eventContentFor(booking, options.appUrl);
    await withAccessToken(options, where.connectionId, options.now, (accessToken) =>
      options.google.deleteEvent({ accessToken, calendarId: where.googleCalendarId, eventId: row.googleEventId, sendUpdates }),
    );
  }
  // A calendar that was disconnected cannot be written to any more: the event is ours no longer.
  await updateBookingEvent(tx, booking.id, { state: "CANCELLED" });
  return { outcome: "CANCELLED" };
}

/**
 * Google refused for good. A booking that never reached the calendar gets a CANCELLED row (no
 * live event) so the refusal is on record and an online visit's confirmation stops waiting for
 * a Meet link that will not come (its provider is told). An existing event is left as it is.
 */
async function refused(tx: Tx, booking: BookingForExport, error: unknown): Promise<ExportBookingResult> {
  const summary = errorSummary(error);
  if (booking.status === "CONFIRMED" && (!booking.event || booking.event.state === "CANCELLED")) {
    const target = await findReceivingCalendar(tx, booking.providerId);
    if (target) {
      const online = booking.mode === "ONLINE";
      await saveBookingEvent(tx, booking.id, {
        calendarId: target.calendarId,
        googleCalendarId: target.googleCalendarId,
        googleEventId: eventIdFor(booking.id),
        state: "CANCELLED",
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        mode: booking.mode,
        locationId: booking.locationId,
        etag: null,
        meetStatus: online ? "FAILED" : "NONE",
        meetUrl: null,
      });
      if (online && booking.event?.meetStatus !== "FAILED") await announceMeetSettled(tx, booking.id, "FAILED");
    }
  }
  return { outcome: "REFUSED", error: summary };
}
