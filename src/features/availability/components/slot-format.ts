import { createZoneTimeline, formatTime, localDateToEpochDay, MINUTES_PER_DAY, MS_PER_MINUTE, type LocalDate } from "@/lib/time";
import type { BookingMode } from "../schemas";

export interface PickedSlot {
  startsAt: Date;
  endsAt: Date;
  mode: BookingMode;
  locationId: string | null;
}

export interface SlotPlace {
  id: string;
  name: string;
  timeZone: string;
}

/** How a slot reads to the patient; `label` is the whole sentence for screen readers. */
export interface SlotDescription {
  date: LocalDate;
  dayLabel: string;
  time: string;
  endTime: string;
  place: string;
  /** The zone the appointment happens in: the practice's for in person, the provider's online. */
  eventTimeZone: string;
  /** The start on the event's wall clock, when that zone differs from the patient's. */
  eventTime: string | null;
  label: string;
}

/**
 * The instant a local day begins in `timeZone`. Midnight can fall in a DST gap (e.g. Santiago,
 * Beirut), so this takes the first instant at or after 00:00 rather than assuming it exists.
 */
export function startOfLocalDay(timeZone: string, date: LocalDate): Date {
  const localMinute = localDateToEpochDay(date) * MINUTES_PER_DAY;
  const timeline = createZoneTimeline(timeZone, localMinute - 2 * MINUTES_PER_DAY, localMinute + 2 * MINUTES_PER_DAY);
  return new Date(timeline.localBoundaryToUtc(localMinute) * MS_PER_MINUTE);
}

const dayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" });

/**
 * "Tuesday 30 March" for a calendar date. The date is already local to the patient, so it is
 * read at noon UTC in UTC: no zone can shift it to a neighbouring day.
 */
export function formatDayLabel(date: LocalDate): string {
  return dayFormat.format(new Date(localDateToEpochDay(date) * MINUTES_PER_DAY * MS_PER_MINUTE + 12 * 60 * MS_PER_MINUTE));
}

export function describeSlot(
  slot: PickedSlot,
  context: { timeZone: string; providerTimeZone: string; locations: readonly SlotPlace[]; date: LocalDate },
): SlotDescription {
  const location = slot.locationId ? context.locations.find((l) => l.id === slot.locationId) : undefined;
  const eventTimeZone = slot.mode === "IN_PERSON" && location ? location.timeZone : context.providerTimeZone;
  const time = formatTime(slot.startsAt, context.timeZone);
  const eventTime = eventTimeZone !== context.timeZone ? formatTime(slot.startsAt, eventTimeZone) : null;
  const place = slot.mode === "ONLINE" ? "online" : location ? `in person at ${location.name}` : "in person";
  const dayLabel = formatDayLabel(context.date);
  const zoneName = eventTimeZone.replaceAll("_", " ");
  return {
    date: context.date,
    dayLabel,
    time,
    endTime: formatTime(slot.endsAt, context.timeZone),
    place,
    eventTimeZone,
    eventTime,
    label: `${dayLabel}, ${time}, ${place}${eventTime ? ` (${eventTime} in ${zoneName})` : ""}`,
  };
}

export function slotKey(slot: Pick<PickedSlot, "startsAt" | "mode" | "locationId">): string {
  return `${slot.startsAt.getTime()}|${slot.mode}|${slot.locationId ?? ""}`;
}
