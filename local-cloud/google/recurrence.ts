import { fromLocal, parseDate, toLocal } from "./time";

/** The RFC 5545 subset the emulator expands: FREQ=DAILY|WEEKLY with INTERVAL, COUNT, UNTIL, BYDAY, plus EXDATE. */
export interface Recurrence {
  freq: "DAILY" | "WEEKLY";
  interval: number;
  count?: number;
  /** Inclusive bound: UTC ms for timed series, a date (YYYY-MM-DD) for all-day ones. */
  until?: { utcMs: number } | { date: string };
  byDay?: number[];
  exdates: { utcMs: number }[] | { date: string }[];
}

export type SeriesStart = { kind: "timed"; utcMs: number; timeZone: string } | { kind: "all-day"; date: string };
export type Occurrence = { kind: "timed"; utcMs: number } | { kind: "all-day"; date: string };

const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const DAY_MS = 86_400_000;

export class RecurrenceError extends Error {}

function parseStamp(value: string, timeZone: string | undefined): { utcMs: number } | { date: string } {
  const dateOnly = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (dateOnly) return { date: `${dateOnly[1]}-${dateOnly[2]}-${dateOnly[3]}` };
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

export function parseRecurrence(lines: string[], seriesTimeZone: string | undefined): Recurrence {
  let rule: Omit<Recurrence, "exdates"> | undefined;
  const exdates: ({ utcMs: number } | { date: string })[] = [];
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
      const zone = params.find((p) => /^tzid=/i.test(p))?.slice(5) ?? seriesTimeZone;
      for (const stamp of value.split(",")) exdates.push(parseStamp(stamp.trim(), zone));
    } else {
      throw new RecurrenceError(`Unsupported recurrence line: ${name}`);
    }
  }
  if (!rule) throw new RecurrenceError("Recurrence needs an RRULE");
  return { ...rule, exdates: exdates as Recurrence["exdates"] };
}

function parseRule(value: string, timeZone: string | undefined): Omit<Recurrence, "exdates"> {
  const fields = new Map<string, string>();
  for (const pair of value.split(";")) {
    const [key, val] = pair.split("=");
    if (key && val !== undefined) fields.set(key.toUpperCase(), val.toUpperCase());
  }
  const freq = fields.get("FREQ");
  if (freq !== "DAILY" && freq !== "WEEKLY") {
    throw new RecurrenceError(`Unsupported FREQ: ${freq ?? "(missing)"}`);
  }
  const interval = Number(fields.get("INTERVAL") ?? "1");
  if (!Number.isInteger(interval) || interval < 1) throw new RecurrenceError("Invalid INTERVAL");
  const count = fields.has("COUNT") ? Number(fields.get("COUNT")) : undefined;
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new RecurrenceError("Invalid COUNT");
  const untilRaw = fields.get("UNTIL");
  const until = untilRaw ? parseStamp(untilRaw, timeZone) : undefined;
  if (count !== undefined && until) throw new RecurrenceError("COUNT and UNTIL cannot both be set");
  const byDayRaw = fields.get("BYDAY");
  const byDay = byDayRaw?.split(",").map((day) => {
    const index = WEEKDAYS.indexOf(day);
    if (index < 0) throw new RecurrenceError(`Unsupported BYDAY value: ${day}`);
    return index;
  });
  for (const key of fields.keys()) {
    if (!["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"].includes(key)) {
      throw new RecurrenceError(`Unsupported RRULE part: ${key}`);
    }
  }
  return { freq, interval, count, until, byDay };
}

const toDayNumber = (date: { year: number; month: number; day: number }) =>
  Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;

function fromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const d = new Date(dayNumber * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const dayToString = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/** Candidate local days of the series, in order, before COUNT/UNTIL/EXDATE are applied. */
function* candidateDays(firstDay: number, rule: Recurrence): Generator<number> {
  if (rule.freq === "DAILY") {
    for (let day = firstDay; ; day += rule.interval) yield day;
  }
  const firstWeekday = new Date(firstDay * DAY_MS).getUTCDay();
  const weekStart = firstDay - ((firstWeekday + 6) % 7);
  const offsets = (rule.byDay ?? [firstWeekday]).map((d) => (d + 6) % 7).sort((a, b) => a - b);
  for (let week = weekStart; ; week += 7 * rule.interval) {
    for (const offset of offsets) {
      if (week + offset >= firstDay) yield week + offset;
    }
  }
}

/**
 * Occurrences whose start is before `windowEndMs` (exclusive), at most `limit` of them.
 * Timed series keep their wall-clock time in the series zone, so 09:00 stays 09:00 across DST.
 */
export function expandRecurrence(
  start: SeriesStart,
  rule: Recurrence,
  options: { windowEndMs: number; limit: number; timeZoneForDates: string },
): Occurrence[] {
  const local = start.kind === "timed" ? toLocal(start.utcMs, start.timeZone) : null;
  const firstDate = start.kind === "timed" ? local! : parseDate(start.date);
  if (!firstDate) throw new RecurrenceError("Invalid series start");
  const excluded = new Set(
    rule.exdates.map((ex) => ("utcMs" in ex ? String(ex.utcMs) : ex.date)),
  );
  const result: Occurrence[] = [];
  let generated = 0;
  for (const day of candidateDays(toDayNumber(firstDate), rule)) {
    const date = fromDayNumber(day);
    const occurrence: Occurrence =
      start.kind === "timed"
        ? { kind: "timed", utcMs: fromLocal({ ...date, hour: local!.hour, minute: local!.minute, second: local!.second }, start.timeZone) }
        : { kind: "all-day", date: dayToString(day) };
    const startMs =
      occurrence.kind === "timed"
        ? occurrence.utcMs
        : fromLocal({ ...date, hour: 0, minute: 0, second: 0 }, options.timeZoneForDates);
    if (rule.until && isAfterUntil(occurrence, rule.until, start)) break;
    if (startMs >= options.windowEndMs) break;
    generated += 1;
    if (rule.count !== undefined && generated > rule.count) break;
    const key = occurrence.kind === "timed" ? String(occurrence.utcMs) : occurrence.date;
    if (!excluded.has(key)) result.push(occurrence);
    if (result.length >= options.limit) break;
  }
  return result;
}

function isAfterUntil(occurrence: Occurrence, until: NonNullable<Recurrence["until"]>, start: SeriesStart): boolean {
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
