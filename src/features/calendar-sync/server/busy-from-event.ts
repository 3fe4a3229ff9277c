import type { CalendarEvent } from "@/server/integrations/google/types";
import { addDays, localToUtc, type LocalDate } from "@/lib/time";

export type BusyChange =
  | { kind: "busy"; externalId: string; startsAt: Date; endsAt: Date }
  /** Not (or no longer) busy time: cancelled, marked free, ours, or unreadable. */
  | { kind: "free"; externalId: string };

/**
 * The first instant of a local day. Midnight does not exist on some zones' DST days (the clock
 * jumps from 23:59 to 01:00): the day then starts at its first minute that does.
 */
export function startOfLocalDay(timeZone: string, date: LocalDate): Date {
  for (let minute = 0; minute < 24 * 60; minute += 1) {
    const utc = localToUtc(timeZone, date, minute);
    if (utc !== null) return new Date(utc);
  }
  throw new Error(`No minute of ${date} exists in ${timeZone}`);
}

/**
 * What one Google event means for availability. Cancelled events, events marked "free"
 * (transparent) and events MedBookings created for its own bookings are not foreign busy time.
 * An all-day event blocks its whole local days in the calendar's zone (its end date is
 * exclusive, as Google sends it), whatever their length across a DST change.
 */
export function busyFromEvent(event: CalendarEvent, calendarTimeZone: string): BusyChange {
  const externalId = event.id;
  if (event.status === "cancelled" || !event.isBusy || event.bookingId !== null || event.time === null) return { kind: "free", externalId };
  if (event.time.kind === "timed") {
    if (event.time.endsAt <= event.time.startsAt) return { kind: "free", externalId };
    return { kind: "busy", externalId, startsAt: event.time.startsAt, endsAt: event.time.endsAt };
  }
  const endDate = event.time.endDate > event.time.startDate ? event.time.endDate : addDays(event.time.startDate, 1);
  return {
    kind: "busy",
    externalId,
    startsAt: startOfLocalDay(calendarTimeZone, event.time.startDate),
    endsAt: startOfLocalDay(calendarTimeZone, endDate),
  };
}

/**
 * What a listing said about an event that may be one of ours (exported by MedBookings). Only
 * the listing can tell, and a cancelled item carries nothing but its id and status, so every
 * event is noted and the sync looks the ids up in booking_calendar_events.
 */
export type EventSighting =
  | { kind: "cancelled"; eventId: string }
  | { kind: "timed"; eventId: string; startsAt: Date; endsAt: Date }
  /** A time a booking cannot take: all-day, without a usable time, or any instance of a series made from our event. */
  | { kind: "unsupported"; eventId: string };

/**
 * `eventId` is the id to look up: the series' id for an instance of a recurring event, as a
 * provider who turns our event into a series makes Google list only its instances.
 */
export function sightingOf(event: CalendarEvent): EventSighting {
  // Even a cancelled instance: dropping one day of a series is no reason to cancel the booking.
  if (event.recurringEventId) return { kind: "unsupported", eventId: event.recurringEventId };
  if (event.status === "cancelled") return { kind: "cancelled", eventId: event.id };
  if (event.time?.kind !== "timed" || event.time.endsAt <= event.time.startsAt) return { kind: "unsupported", eventId: event.id };
  return { kind: "timed", eventId: event.id, startsAt: event.time.startsAt, endsAt: event.time.endsAt };
}
