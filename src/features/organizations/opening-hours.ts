/** One opening interval: ISO weekday 1 (Monday) to 7, minutes after local midnight (end may be 1440). */
export interface OpeningHoursInterval {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** A Google opening period: day 0 is Sunday; `close` null is Google's "open 24 hours, every day". */
export interface GoogleOpeningPeriod {
  open: { day: number; hour: number; minute: number };
  close: { day: number; hour: number; minute: number } | null;
}

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** Sorted by weekday and start, with touching or overlapping intervals of a day joined. */
export function normalizeOpeningHours(intervals: readonly OpeningHoursInterval[]): OpeningHoursInterval[] {
  const sorted = [...intervals].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  const out: OpeningHoursInterval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last && last.weekday === interval.weekday && interval.startMinute <= last.endMinute) {
      last.endMinute = Math.max(last.endMinute, interval.endMinute);
    } else {
      out.push({ ...interval });
    }
  }
  return out;
}

/**
 * Google's weekly periods as our intervals, in the place's local time. A period that runs past
 * midnight (a pharmacy open Friday 20:00 to Saturday 02:00) becomes two intervals, one each day,
 * and one that closes on Sunday after opening on Saturday wraps round the week. A period with no
 * close is Google's way of saying open all the time: every day 00:00 to 24:00.
 */
export function openingHoursFromGooglePeriods(periods: readonly GoogleOpeningPeriod[]): OpeningHoursInterval[] {
  const pieces: OpeningHoursInterval[] = [];
  const weekMinute = (point: { day: number; hour: number; minute: number }) => ((point.day % 7) * MINUTES_PER_DAY + point.hour * 60 + point.minute) % MINUTES_PER_WEEK;
  for (const period of periods) {
    if (period.close === null) {
      return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: MINUTES_PER_DAY }));
    }
    const start = weekMinute(period.open);
    let end = weekMinute(period.close);
    // A close at or before the open is in the following week (Saturday night to Sunday morning).
    if (end <= start) end += MINUTES_PER_WEEK;
    for (let dayStart = Math.floor(start / MINUTES_PER_DAY) * MINUTES_PER_DAY; dayStart < end; dayStart += MINUTES_PER_DAY) {
      const from = Math.max(start, dayStart) - dayStart;
      const to = Math.min(end, dayStart + MINUTES_PER_DAY) - dayStart;
      if (to <= from) continue;
      const googleDay = (dayStart / MINUTES_PER_DAY) % 7;
      pieces.push({ weekday: googleDay === 0 ? 7 : googleDay, startMinute: from, endMinute: to });
    }
  }
  return normalizeOpeningHours(pieces);
}

export const WEEKDAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** "08:30", "24:00": a minute of the local day on a 24-hour clock (no zone: say which one next to it). */
export function clockTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
