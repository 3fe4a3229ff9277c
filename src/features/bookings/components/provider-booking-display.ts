import { createZoneTimeline, formatDateTime, formatTime, localDateToEpochDay, MINUTES_PER_DAY, MS_PER_MINUTE, zoneOffsetName } from "@/lib/time";
import type { BookingStatus, ProviderBookingDto } from "../types";

export const STATUS_LABEL: Record<BookingStatus, string> = {
  HELD: "Held",
  EXPIRED: "Expired",
  PENDING: "Awaiting approval",
  CONFIRMED: "Confirmed",
  DECLINED: "Declined",
  CANCELLED: "Cancelled",
  COMPLETED: "Completed",
  NO_SHOW: "No-show",
};

/** Background, border and text colours per status; the status is always also written out. */
export const STATUS_CLASS: Record<BookingStatus, string> = {
  HELD: "border-slate-300 bg-slate-50 text-slate-800",
  EXPIRED: "border-slate-300 bg-slate-50 text-slate-600",
  PENDING: "border-amber-400 bg-amber-50 text-amber-900",
  CONFIRMED: "border-emerald-500 bg-emerald-50 text-emerald-900",
  DECLINED: "border-slate-300 bg-slate-100 text-slate-600 line-through",
  CANCELLED: "border-slate-300 bg-slate-100 text-slate-600 line-through",
  COMPLETED: "border-sky-400 bg-sky-50 text-sky-900",
  NO_SHOW: "border-rose-400 bg-rose-50 text-rose-900",
};

/**
 * The instant a local day starts in `timeZone`. Midnight can fall in a DST gap (some zones
 * change at 00:00), so the first instant at or after the wall-clock midnight is used.
 */
export function startOfLocalDay(timeZone: string, date: string): Date {
  const localMinute = localDateToEpochDay(date) * MINUTES_PER_DAY;
  const timeline = createZoneTimeline(timeZone, localMinute - 2 * MINUTES_PER_DAY, localMinute + 2 * MINUTES_PER_DAY);
  return new Date(timeline.localBoundaryToUtc(localMinute) * MS_PER_MINUTE);
}

/** "Mon, 29 Mar 2027, 09:30–10:00 (GMT+1)" in the given zone. */
export function formatBookingRange(booking: Pick<ProviderBookingDto, "startsAt" | "endsAt">, timeZone: string): string {
  return `${formatDateTime(booking.startsAt, timeZone)}–${formatTime(booking.endsAt, timeZone)} (${zoneOffsetName(booking.startsAt, timeZone)})`;
}

export function describeWhere(booking: Pick<ProviderBookingDto, "mode" | "location">): string {
  if (booking.mode === "ONLINE") return "Online";
  return booking.location ? `In person at ${booking.location.name}` : "In person";
}
