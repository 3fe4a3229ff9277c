import { addDays, localDateToEpochDay, MINUTES_PER_DAY, MS_PER_MINUTE, utcToLocal, type LocalDate } from "@/lib/time";
import type { PickedSlot } from "./slot-format";

export type DayPeriod = "morning" | "afternoon" | "evening";

export const DAY_PERIODS: readonly { period: DayPeriod; title: string }[] = [
  { period: "morning", title: "Morning" },
  { period: "afternoon", title: "Afternoon" },
  { period: "evening", title: "Evening" },
];

/** Morning until noon, afternoon until 17:00, evening after, on the patient's wall clock. */
export function dayPeriodOf(minuteOfDay: number): DayPeriod {
  if (minuteOfDay < 12 * 60) return "morning";
  if (minuteOfDay < 17 * 60) return "afternoon";
  return "evening";
}

export interface SlotDay<T> {
  date: LocalDate;
  /** "Tue" */
  weekday: string;
  /** "3 Dec" */
  shortDate: string;
  count: number;
  periods: { period: DayPeriod; title: string; items: T[] }[];
}

const weekdayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short" });
const shortDateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });

function noonUtc(date: LocalDate): Date {
  return new Date(localDateToEpochDay(date) * MINUTES_PER_DAY * MS_PER_MINUTE + 12 * 60 * MS_PER_MINUTE);
}

/**
 * Every day of the window, empty days included (a gap is information too), each with its
 * slots split into morning, afternoon and evening in `timeZone`. Empty periods are left out.
 */
export function buildSlotDays<T extends { slot: PickedSlot }>(
  items: readonly T[],
  options: { timeZone: string; firstDay: LocalDate; days: number },
): SlotDay<T>[] {
  const byDate = new Map<LocalDate, Map<DayPeriod, T[]>>();
  for (const item of items) {
    const local = utcToLocal(options.timeZone, item.slot.startsAt.getTime());
    let periods = byDate.get(local.date);
    if (!periods) byDate.set(local.date, (periods = new Map()));
    const period = dayPeriodOf(local.minute);
    periods.set(period, [...(periods.get(period) ?? []), item]);
  }
  return Array.from({ length: options.days }, (_, index) => {
    const date = addDays(options.firstDay, index);
    const periods = byDate.get(date);
    const grouped = DAY_PERIODS.flatMap(({ period, title }) => {
      const periodItems = periods?.get(period) ?? [];
      return periodItems.length > 0 ? [{ period, title, items: periodItems }] : [];
    });
    return {
      date,
      weekday: weekdayFormat.format(noonUtc(date)),
      shortDate: shortDateFormat.format(noonUtc(date)),
      count: grouped.reduce((sum, group) => sum + group.items.length, 0),
      periods: grouped,
    };
  });
}

/** The day to show: the one asked for while it is in the window, else the first with a free time. */
export function dayToShow(days: readonly SlotDay<unknown>[], requested: LocalDate | null): LocalDate | null {
  if (requested && days.some((day) => day.date === requested)) return requested;
  return (days.find((day) => day.count > 0) ?? days[0])?.date ?? null;
}

/**
 * The day to open on for a time asked for by a link: its own day while that day has free
 * times, else the next day of the window that has some, else the usual first day.
 */
export function dayForRequestedTime(days: readonly SlotDay<unknown>[], requested: LocalDate): LocalDate | null {
  const sameOrLater = days.find((day) => day.date >= requested && day.count > 0);
  return sameOrLater?.date ?? dayToShow(days, null);
}
