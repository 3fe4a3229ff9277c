import { createZoneTimeline, epochDayToLocalDate, isoWeekdayOfEpochDay, localDateToEpochDay, MINUTES_PER_DAY } from "@/lib/time";

/** Days of real time compared for rules in different zones: a whole year of clock changes. */
export const CROSS_ZONE_DAYS = 371;

export const WEEKDAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export const clockText = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

export interface ClashRule {
  weekday: number;
  startMinute: number;
  endMinute: number;
  locationId: string | null;
  /** A rule's own first and last local dates, when it has them (rules kept from an earlier save). */
  effectiveFrom?: string | null;
  effectiveUntil?: string | null;
}

/**
 * Intervals at different places (a clinic abroad, online hours in the provider's zone) are
 * compared as real instants on every date of the window they apply to, because the gap between
 * two zones changes when their clocks change on different dates. Overlaps at one place on a
 * weekday, where wall clock and real time agree, are refused earlier by the schema.
 *
 * With `counts`, only overlaps that involve at least one counted rule are reported: a manager's
 * save must not be refused for a clash between hours it does not touch.
 */
export function findWeeklyRuleClash(
  rules: readonly ClashRule[],
  zoneOf: (rule: { locationId: string | null }) => string,
  window: { firstDay: number; lastDay: number },
  counts: (index: number) => boolean = () => true,
): { index: number; other: number; date: string } | null {
  const zones = new Set(rules.map(zoneOf));
  const timelines = new Map(
    [...zones].map((zone) => [
      zone,
      createZoneTimeline(zone, (window.firstDay - 2) * MINUTES_PER_DAY, (window.lastDay + 2) * MINUTES_PER_DAY),
    ]),
  );
  const bounds = rules.map((rule) => ({
    from: rule.effectiveFrom ? localDateToEpochDay(rule.effectiveFrom) : -Infinity,
    until: rule.effectiveUntil ? localDateToEpochDay(rule.effectiveUntil) : Infinity,
  }));
  const spans: { start: number; end: number; index: number; day: number }[] = [];
  for (let day = window.firstDay; day <= window.lastDay; day++) {
    const weekday = isoWeekdayOfEpochDay(day);
    rules.forEach((rule, index) => {
      if (rule.weekday !== weekday || day < bounds[index]!.from || day > bounds[index]!.until) return;
      const timeline = timelines.get(zoneOf(rule))!;
      const start = timeline.localBoundaryToUtc(day * MINUTES_PER_DAY + rule.startMinute);
      const end = timeline.localBoundaryToUtc(day * MINUTES_PER_DAY + rule.endMinute);
      if (start < end) spans.push({ start, end, index, day });
    });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  // The furthest-reaching span so far, and the furthest-reaching counted one: a counted span
  // overlaps some earlier span exactly when it overlaps the first, any span overlaps an earlier
  // counted one exactly when it overlaps the second.
  type Span = (typeof spans)[number];
  let reach: Span | null = null;
  let countedReach: Span | null = null;
  for (const span of spans) {
    const isCounted = counts(span.index);
    const against = isCounted ? reach : countedReach;
    if (against && span.start < against.end && span.index !== against.index) {
      const [index, other] = span.index > against.index ? [span.index, against.index] : [against.index, span.index];
      return { index, other, date: epochDayToLocalDate(Math.max(span.day, against.day)) };
    }
    if (!reach || span.end > reach.end) reach = span;
    if (isCounted && (!countedReach || span.end > countedReach.end)) countedReach = span;
  }
  return null;
}
