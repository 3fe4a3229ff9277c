import { fromLocal, parseDate, toLocal } from "./time";

/*
 * Hand-written RFC 5545 subset, because the repository has no recurrence library (see the report
 * that added MONTHLY/YEARLY: `rrule` would be the candidate) and Google's expansion is what the
 * emulator must match: instances keep the series' wall-clock time in its zone across DST, a date
 * that does not exist in a period (31 February, 29 February in a common year) is skipped rather
 * than moved, and DTSTART is not forced into the set when the rule does not produce it.
 *
 * Supported: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL, COUNT, UNTIL, WKST, BYMONTH,
 * BYMONTHDAY (negative = from the month's end), BYDAY (with ordinals such as 2TU or -1FR in
 * MONTHLY and YEARLY rules), BYSETPOS; RDATE and EXDATE in date and date-time forms, with TZID.
 * Anything else (BYHOUR, BYWEEKNO, BYYEARDAY, RDATE periods, several RRULEs) is refused with a
 * RecurrenceError instead of being guessed.
 */

export type Freq = "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";

/** A stamp of RDATE/EXDATE/UNTIL: UTC ms for date-times, a date (YYYY-MM-DD) for dates. */
export type Stamp = { utcMs: number } | { date: string };

export interface RecurrenceRule {
  freq: Freq;
  interval: number;
  count?: number;
  /** Inclusive bound: UTC ms for timed series, a date (YYYY-MM-DD) for all-day ones. */
  until?: Stamp;
  /** Weekdays 0 = SU … 6 = SA with an optional ordinal (2TU → { day: 2, ordinal: 2 }). */
  byDay?: { day: number; ordinal?: number }[];
  byMonthDay?: number[];
  byMonth?: number[];
  bySetPos?: number[];
  /** Week start, 0 = SU … 6 = SA (RFC 5545 default MO). */
  wkst: number;
}

export interface Recurrence {
  rule?: RecurrenceRule;
  rdates: Stamp[];
  exdates: Stamp[];
}

export type SeriesStart = { kind: "timed"; utcMs: number; timeZone: string } | { kind: "all-day"; date: string };
export type Occurrence = { kind: "timed"; utcMs: number } | { kind: "all-day"; date: string };

const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const DAY_MS = 86_400_000;
const RULE_PARTS = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST"];

export class RecurrenceError extends Error {}

function parseStamp(value: string, timeZone: string | undefined): Stamp {
  const dateOnly = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (dateOnly) {
    const date = `${dateOnly[1]}-${dateOnly[2]}-${dateOnly[3]}`;
    if (!parseDate(date)) throw new RecurrenceError(`Invalid date in recurrence: ${value}`);
    return { date };
  }
  const stamp = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value);
  if (!stamp) throw new RecurrenceError(`Invalid date in recurrence: ${value}`);
  const local = {
    year: Number(stamp[1]),
    month: Number(stamp[2]),
    day: Number(stamp[3]),
    hour: Number(stamp[4]),
    minute: Number(stamp[5]),
    second: Number(stamp[6]),
  };
  if (stamp[7] === "Z" || !timeZone) {
    return { utcMs: Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) };
  }
  return { utcMs: fromLocal(local, timeZone) };
}

function parseStampList(params: string[], value: string, seriesTimeZone: string | undefined, name: string): Stamp[] {
  const valueType = params.find((p) => /^value=/i.test(p))?.slice(6).toUpperCase();
  if (valueType !== undefined && valueType !== "DATE" && valueType !== "DATE-TIME") {
    throw new RecurrenceError(`Unsupported ${name} value type: ${valueType}`);
  }
  const zone = params.find((p) => /^tzid=/i.test(p))?.slice(5) ?? seriesTimeZone;
  return value.split(",").map((stamp) => {
    const parsed = parseStamp(stamp.trim(), zone);
    if (valueType === "DATE" && !("date" in parsed)) throw new RecurrenceError(`${name} with VALUE=DATE needs dates`);
    return parsed;
  });
}

export function parseRecurrence(lines: string[], seriesTimeZone: string | undefined): Recurrence {
  let rule: RecurrenceRule | undefined;
  const rdates: Stamp[] = [];
  const exdates: Stamp[] = [];
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon < 0) throw new RecurrenceError(`Invalid recurrence line: ${line}`);
    const [rawName = "", ...params] = line.slice(0, colon).split(";");
    const name = rawName.toUpperCase();
    const value = line.slice(colon + 1);
    if (name === "RRULE") {
      if (rule) throw new RecurrenceError("Only one RRULE is supported");
      rule = parseRule(value, seriesTimeZone);
    } else if (name === "EXDATE") {
      exdates.push(...parseStampList(params, value, seriesTimeZone, name));
    } else if (name === "RDATE") {
      rdates.push(...parseStampList(params, value, seriesTimeZone, name));
    } else {
      throw new RecurrenceError(`Unsupported recurrence line: ${name}`);
    }
  }
  if (!rule && rdates.length === 0) throw new RecurrenceError("Recurrence needs an RRULE or an RDATE");
  return { rule, rdates, exdates };
}

function integers(raw: string | undefined, name: string, valid: (n: number) => boolean): number[] | undefined {
  if (raw === undefined) return undefined;
  return raw.split(",").map((part) => {
    const n = Number(part);
    if (!/^[+-]?\d+$/.test(part) || !valid(n)) throw new RecurrenceError(`Invalid ${name} value: ${part}`);
    return n;
  });
}

function parseRule(value: string, timeZone: string | undefined): RecurrenceRule {
  const fields = new Map<string, string>();
  for (const pair of value.split(";")) {
    const [key, val] = pair.split("=");
    if (key && val !== undefined) fields.set(key.toUpperCase(), val.toUpperCase());
  }
  for (const key of fields.keys()) {
    if (!RULE_PARTS.includes(key)) throw new RecurrenceError(`Unsupported RRULE part: ${key}`);
  }
  const freq = fields.get("FREQ");
  if (freq !== "DAILY" && freq !== "WEEKLY" && freq !== "MONTHLY" && freq !== "YEARLY") {
    throw new RecurrenceError(`Unsupported FREQ: ${freq ?? "(missing)"}`);
  }
  const interval = Number(fields.get("INTERVAL") ?? "1");
  if (!Number.isInteger(interval) || interval < 1) throw new RecurrenceError("Invalid INTERVAL");
  const count = fields.has("COUNT") ? Number(fields.get("COUNT")) : undefined;
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new RecurrenceError("Invalid COUNT");
  const untilRaw = fields.get("UNTIL");
  const until = untilRaw ? parseStamp(untilRaw, timeZone) : undefined;
  if (count !== undefined && until) throw new RecurrenceError("COUNT and UNTIL cannot both be set");
  const byDay = fields
    .get("BYDAY")
    ?.split(",")
    .map((entry) => {
      const match = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(entry);
      if (!match) throw new RecurrenceError(`Unsupported BYDAY value: ${entry}`);
      const ordinal = match[1] === undefined ? undefined : Number(match[1]);
      if (ordinal !== undefined && (ordinal === 0 || Math.abs(ordinal) > 53)) throw new RecurrenceError(`Invalid BYDAY value: ${entry}`);
      return { day: WEEKDAYS.indexOf(match[2]!), ordinal };
    });
  if (byDay?.some((d) => d.ordinal !== undefined) && freq !== "MONTHLY" && freq !== "YEARLY") {
    throw new RecurrenceError("BYDAY ordinals need FREQ=MONTHLY or FREQ=YEARLY");
  }
  const byMonthDay = integers(fields.get("BYMONTHDAY"), "BYMONTHDAY", (n) => n !== 0 && Math.abs(n) <= 31);
  if (byMonthDay && freq === "WEEKLY") throw new RecurrenceError("BYMONTHDAY cannot be used with FREQ=WEEKLY");
  const byMonth = integers(fields.get("BYMONTH"), "BYMONTH", (n) => n >= 1 && n <= 12);
  const bySetPos = integers(fields.get("BYSETPOS"), "BYSETPOS", (n) => n !== 0 && Math.abs(n) <= 366);
  if (bySetPos && !byDay && !byMonthDay && !byMonth) throw new RecurrenceError("BYSETPOS needs another BYxxx rule part");
  const wkstRaw = fields.get("WKST") ?? "MO";
  const wkst = WEEKDAYS.indexOf(wkstRaw);
  if (wkst < 0) throw new RecurrenceError(`Invalid WKST: ${wkstRaw}`);
  return { freq, interval, count, until, byDay, byMonthDay, byMonth, bySetPos, wkst };
}

const toDayNumber = (date: { year: number; month: number; day: number }) =>
  Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;

function fromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const d = new Date(dayNumber * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const weekdayOf = (dayNumber: number) => new Date(dayNumber * DAY_MS).getUTCDay();
const dayToString = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Days (as day numbers) of `year`-`month` that the month-scoped parts select; null = no such part. */
function monthDays(rule: RecurrenceRule, year: number, month: number, start: { day: number; weekday: number }, byDayScope: "month" | "none"): number[] {
  const first = toDayNumber({ year, month, day: 1 });
  const length = daysInMonth(year, month);
  let byMonthDay: Set<number> | undefined;
  if (rule.byMonthDay) {
    byMonthDay = new Set(
      rule.byMonthDay.map((n) => (n > 0 ? n : length + 1 + n)).filter((n) => n >= 1 && n <= length),
    );
  }
  let byDay: Set<number> | undefined;
  if (rule.byDay && byDayScope === "month") {
    byDay = new Set();
    for (const { day, ordinal } of rule.byDay) {
      const matching: number[] = [];
      for (let d = 1; d <= length; d += 1) if (weekdayOf(first + d - 1) === day) matching.push(d);
      if (ordinal === undefined) matching.forEach((d) => byDay!.add(d));
      else {
        const picked = ordinal > 0 ? matching[ordinal - 1] : matching[matching.length + ordinal];
        if (picked !== undefined) byDay.add(picked);
      }
    }
  }
  let days: number[];
  if (byMonthDay && byDay) days = [...byMonthDay].filter((d) => byDay!.has(d));
  else if (byMonthDay) days = [...byMonthDay];
  else if (byDay) days = [...byDay];
  // No day part: the start's day of month, skipped where the month is too short (as Google does).
  else days = start.day <= length ? [start.day] : [];
  return days.sort((a, b) => a - b).map((d) => first + d - 1);
}

/** The candidate days of one period (before BYSETPOS), sorted. */
function periodDays(rule: RecurrenceRule, periodIndex: number, firstDay: number): number[] {
  const start = fromDayNumber(firstDay);
  const startInfo = { day: start.day, weekday: weekdayOf(firstDay) };
  const monthAllowed = (dayNumber: number) => !rule.byMonth || rule.byMonth.includes(fromDayNumber(dayNumber).month);
  switch (rule.freq) {
    case "DAILY": {
      const day = firstDay + periodIndex * rule.interval;
      const date = fromDayNumber(day);
      const length = daysInMonth(date.year, date.month);
      if (!monthAllowed(day)) return [];
      if (rule.byMonthDay && !rule.byMonthDay.some((n) => (n > 0 ? n : length + 1 + n) === date.day)) return [];
      if (rule.byDay && !rule.byDay.some((d) => d.day === weekdayOf(day))) return [];
      return [day];
    }
    case "WEEKLY": {
      const weekStart = firstDay - ((startInfo.weekday - rule.wkst + 7) % 7) + periodIndex * 7 * rule.interval;
      const weekdays = rule.byDay ? rule.byDay.map((d) => d.day) : [startInfo.weekday];
      return [...new Set(weekdays)]
        .map((weekday) => weekStart + ((weekday - rule.wkst + 7) % 7))
        .filter(monthAllowed)
        .sort((a, b) => a - b);
    }
    case "MONTHLY": {
      const monthIndex = start.year * 12 + (start.month - 1) + periodIndex * rule.interval;
      const year = Math.floor(monthIndex / 12);
      const month = (monthIndex % 12) + 1;
      if (rule.byMonth && !rule.byMonth.includes(month)) return [];
      return monthDays(rule, year, month, startInfo, "month");
    }
    case "YEARLY": {
      const year = start.year + periodIndex * rule.interval;
      // BYMONTHDAY without BYMONTH applies to every month; neither BYDAY nor BYMONTHDAY: the start's date.
      const months = rule.byMonth
        ? [...rule.byMonth]
        : rule.byMonthDay
          ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
          : rule.byDay
            ? []
            : [start.month];
      if (months.length > 0) {
        return months.sort((a, b) => a - b).flatMap((month) => monthDays(rule, year, month, startInfo, "month"));
      }
      // BYDAY without BYMONTH in a yearly rule: ordinals count through the whole year (20MO = the 20th Monday).
      const first = toDayNumber({ year, month: 1, day: 1 });
      const last = toDayNumber({ year, month: 12, day: 31 });
      const days = new Set<number>();
      for (const { day, ordinal } of rule.byDay ?? []) {
        const matching: number[] = [];
        for (let d = first; d <= last; d += 1) if (weekdayOf(d) === day) matching.push(d);
        if (ordinal === undefined) matching.forEach((d) => days.add(d));
        else {
          const picked = ordinal > 0 ? matching[ordinal - 1] : matching[matching.length + ordinal];
          if (picked !== undefined) days.add(picked);
        }
      }
      return [...days].sort((a, b) => a - b);
    }
  }
}

function applySetPos(days: number[], bySetPos: number[] | undefined): number[] {
  if (!bySetPos) return days;
  const picked = new Set<number>();
  for (const pos of bySetPos) {
    const day = pos > 0 ? days[pos - 1] : days[days.length + pos];
    if (day !== undefined) picked.add(day);
  }
  return [...picked].sort((a, b) => a - b);
}

/** Days the RRULE produces from the series start on, in order, until `lastDay` (inclusive). */
function* ruleDays(rule: RecurrenceRule, firstDay: number, lastDay: number): Generator<number> {
  for (let period = 0; ; period += 1) {
    const days = applySetPos(periodDays(rule, period, firstDay), rule.bySetPos);
    for (const day of days) {
      if (day > lastDay) return;
      if (day >= firstDay) yield day;
    }
    // A period past the bound can only produce later days; stop even when rules select nothing.
    const periodStart = rule.freq === "DAILY" ? firstDay + period * rule.interval : undefined;
    if (periodStart !== undefined ? periodStart > lastDay : periodBeyond(rule, period, firstDay, lastDay)) return;
  }
}

function periodBeyond(rule: RecurrenceRule, period: number, firstDay: number, lastDay: number): boolean {
  const start = fromDayNumber(firstDay);
  const bound = fromDayNumber(lastDay);
  if (rule.freq === "WEEKLY") return firstDay - 7 + period * 7 * rule.interval > lastDay;
  if (rule.freq === "MONTHLY") {
    return start.year * 12 + start.month - 1 + period * rule.interval > bound.year * 12 + bound.month - 1;
  }
  return start.year + period * rule.interval > bound.year;
}

function occurrenceKey(occurrence: Occurrence): string {
  return occurrence.kind === "timed" ? String(occurrence.utcMs) : occurrence.date;
}

/**
 * Occurrences whose start is before `windowEndMs` (exclusive), at most `limit` of them, in start
 * order. Timed series keep their wall-clock time in the series zone, so 09:00 stays 09:00 across
 * DST. COUNT counts the RRULE's occurrences only (RFC 5545); RDATEs are added, EXDATEs removed.
 */
export function expandRecurrence(
  start: SeriesStart,
  recurrence: Recurrence,
  options: { windowEndMs: number; limit: number; timeZoneForDates: string },
): Occurrence[] {
  const local = start.kind === "timed" ? toLocal(start.utcMs, start.timeZone) : null;
  const firstDate = start.kind === "timed" ? local! : parseDate(start.date);
  if (!firstDate) throw new RecurrenceError("Invalid series start");
  const firstDay = toDayNumber(firstDate);

  const atDay = (day: number): Occurrence => {
    const date = fromDayNumber(day);
    return start.kind === "timed"
      ? { kind: "timed", utcMs: fromLocal({ ...date, hour: local!.hour, minute: local!.minute, second: local!.second }, start.timeZone) }
      : { kind: "all-day", date: dayToString(day) };
  };
  const startMsOf = (occurrence: Occurrence) =>
    occurrence.kind === "timed"
      ? occurrence.utcMs
      : fromLocal({ ...parseDate(occurrence.date)!, hour: 0, minute: 0, second: 0 }, options.timeZoneForDates);

  // The last local day that can hold an occurrence before the window end (a day of slack for zones).
  const windowLastDay = Math.floor(options.windowEndMs / DAY_MS) + 1;
  const produced: Occurrence[] = [];
  const rule = recurrence.rule;
  if (rule) {
    let generated = 0;
    for (const day of ruleDays(rule, firstDay, windowLastDay)) {
      const occurrence = atDay(day);
      if (rule.until && isAfterUntil(occurrence, rule.until, start)) break;
      if (startMsOf(occurrence) >= options.windowEndMs) break;
      generated += 1;
      if (rule.count !== undefined && generated > rule.count) break;
      produced.push(occurrence);
      if (produced.length >= options.limit + recurrence.exdates.length) break;
    }
  }
  for (const rdate of recurrence.rdates) produced.push(fromStamp(rdate, start, atDay));
  const excluded = new Set(recurrence.exdates.map((ex) => occurrenceKey(fromStamp(ex, start, atDay))));
  const seen = new Set<string>();
  return produced
    .filter((occurrence) => {
      const key = occurrenceKey(occurrence);
      if (seen.has(key) || excluded.has(key)) return false;
      seen.add(key);
      return startMsOf(occurrence) < options.windowEndMs;
    })
    .sort((a, b) => startMsOf(a) - startMsOf(b))
    .slice(0, options.limit);
}

/**
 * An RDATE/EXDATE stamp as an occurrence of this series: a date in a timed series takes the
 * series' local start time; a date-time in an all-day series keeps its date in the series zone.
 */
function fromStamp(stamp: Stamp, start: SeriesStart, atDay: (day: number) => Occurrence): Occurrence {
  if ("date" in stamp) return atDay(toDayNumber(parseDate(stamp.date)!));
  if (start.kind === "timed") return { kind: "timed", utcMs: stamp.utcMs };
  return { kind: "all-day", date: new Date(stamp.utcMs).toISOString().slice(0, 10) };
}

function isAfterUntil(occurrence: Occurrence, until: Stamp, start: SeriesStart): boolean {
  if (occurrence.kind === "all-day") {
    const untilDate = "date" in until ? until.date : new Date(until.utcMs).toISOString().slice(0, 10);
    return occurrence.date > untilDate;
  }
  if ("utcMs" in until) return occurrence.utcMs > until.utcMs;
  const timeZone = start.kind === "timed" ? start.timeZone : "UTC";
  const untilDay = parseDate(until.date)!;
  const endOfDay = fromLocal({ ...untilDay, hour: 23, minute: 59, second: 59 }, timeZone);
  return occurrence.utcMs > endOfDay;
}
