import { createZoneTimeline, MINUTES_PER_DAY, MS_PER_MINUTE, type ZoneTimeline } from "@/lib/time";

/**
 * A daily window, in wall-clock minutes after local midnight, in which non-urgent messages wait.
 * `startMinute > endMinute` crosses midnight (22:00–07:00 is 1320–420). The window includes its
 * start and excludes its end: at 07:00 sharp the message goes.
 */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

/** "HH:MM", 24-hour, two digits each: what `<input type="time">` gives and what we store as minutes. */
export const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "22:00" → 1320. Throws a RangeError for anything but HH:MM. */
export function clockTimeToMinute(value: string): number {
  const match = CLOCK_TIME_PATTERN.exec(value);
  if (!match) throw new RangeError(`Expected a time written HH:MM, got "${value}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** 420 → "07:00". */
export function minuteToClockTime(minute: number): string {
  assertMinuteOfDay(minute);
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

function assertMinuteOfDay(minute: number): void {
  if (!Number.isInteger(minute) || minute < 0 || minute >= MINUTES_PER_DAY) {
    throw new RangeError(`A minute of the day is a whole number from 0 to 1439, got ${minute}`);
  }
}

/**
 * Refuses a window that would mean nothing: out-of-range minutes, or start == end (a window of
 * no length, or of the whole day; either way not what anyone chose). Input schemas refuse both
 * before anything is stored; this keeps a row written some other way from silently doing either.
 */
export function assertQuietHours(quiet: QuietHours): void {
  assertMinuteOfDay(quiet.startMinute);
  assertMinuteOfDay(quiet.endMinute);
  if (quiet.startMinute === quiet.endMinute) throw new RangeError("Quiet hours must start and end at different times");
}

/** Whether a wall-clock minute of the day falls inside the window. */
export function isQuietMinute(minuteOfDay: number, quiet: QuietHours): boolean {
  return quiet.startMinute < quiet.endMinute
    ? minuteOfDay >= quiet.startMinute && minuteOfDay < quiet.endMinute
    : minuteOfDay >= quiet.startMinute || minuteOfDay < quiet.endMinute;
}

/**
 * When a non-urgent message to someone with these quiet hours may go: `now` itself when their
 * wall clock (in `timeZone`) is outside the window, else the instant the window ends.
 *
 * DST: the window follows the wall clock. An end that the clock skips (spring forward) resolves to
 * the first instant after the gap; an end the clock reads twice (fall back) resolves to its first
 * occurrence, unless `now` is already past it (the repeated hour is quiet again), in which case
 * the second.
 */
export function nextAllowedSendTime({ now, quiet, timeZone }: { now: Date; quiet: QuietHours | null; timeZone: string }): Date {
  if (!quiet) return now;
  assertQuietHours(quiet);
  const nowMinute = Math.floor(now.getTime() / MS_PER_MINUTE);
  // The window ends at most a day ahead; two days either side keeps every transition in reach.
  const timeline = createZoneTimeline(timeZone, nowMinute - 2 * MINUTES_PER_DAY, nowMinute + 2 * MINUTES_PER_DAY);
  const local = timeline.toLocalMinute(nowMinute);
  const localDay = Math.floor(local / MINUTES_PER_DAY);
  const minuteOfDay = local - localDay * MINUTES_PER_DAY;
  if (!isQuietMinute(minuteOfDay, quiet)) return now;
  const crossesMidnight = quiet.startMinute > quiet.endMinute;
  const endDay = crossesMidnight && minuteOfDay >= quiet.startMinute ? localDay + 1 : localDay;
  return new Date(firstReadingAfter(timeline, endDay * MINUTES_PER_DAY + quiet.endMinute, nowMinute) * MS_PER_MINUTE);
}

/** The first instant after `afterMinute` whose wall clock reads `localMinute`; in a gap, the gap's end. */
function firstReadingAfter(timeline: ZoneTimeline, localMinute: number, afterMinute: number): number {
  const { segmentStarts, segmentOffsets } = timeline;
  for (let i = 0; i < segmentStarts.length; i++) {
    const candidate = localMinute - (segmentOffsets[i] as number);
    if (candidate >= (segmentStarts[i] as number) && candidate < timeline.segmentEnd(i) && candidate > afterMinute) return candidate;
  }
  return timeline.localBoundaryToUtc(localMinute);
}
