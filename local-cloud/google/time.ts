/** Wall-clock arithmetic in IANA zones with Intl only, so recurrences keep their local time across DST. */

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function toLocal(utcMs: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function localAsUtc(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

export function offsetMs(utcMs: number, timeZone: string): number {
  return localAsUtc(toLocal(utcMs, timeZone)) - Math.floor(utcMs / 1000) * 1000;
}

/** A local time that falls in a DST gap moves forward, as Google Calendar does. */
export function fromLocal(local: LocalDateTime, timeZone: string): number {
  const guess = localAsUtc(local);
  const first = guess - offsetMs(guess, timeZone);
  const second = guess - offsetMs(first, timeZone);
  return Math.max(first, second);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function formatDate(local: Pick<LocalDateTime, "year" | "month" | "day">): string {
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
}

/** RFC 3339 with the zone's offset, the form Google returns in `start.dateTime`. */
export function formatDateTime(utcMs: number, timeZone: string): string {
  const local = toLocal(utcMs, timeZone);
  const offsetMinutes = Math.round(offsetMs(utcMs, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const offset = abs === 0 ? "Z" : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${formatDate(local)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}${offset}`;
}

export function parseDate(date: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** Parses `dateTime`; without an offset it is wall-clock time in `timeZone`. */
export function parseDateTime(value: string, timeZone: string | undefined): number | null {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i.exec(value);
  if (!match) return null;
  if (match[7]) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  if (!timeZone) return null;
  return fromLocal(
    {
      year: Number(match[1]),
      month: Number(match[2]),
      day: Number(match[3]),
      hour: Number(match[4]),
      minute: Number(match[5]),
      second: Number(match[6] ?? 0),
    },
    timeZone,
  );
}

export function addDays(date: string, days: number): string {
  const parsed = parseDate(date);
  if (!parsed) throw new Error(`invalid date ${date}`);
  const d = new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day + days));
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** Start of a calendar day in a zone: what an all-day event means for busy time. */
export function startOfDay(date: string, timeZone: string): number {
  const parsed = parseDate(date);
  if (!parsed) throw new Error(`invalid date ${date}`);
  return fromLocal({ ...parsed, hour: 0, minute: 0, second: 0 }, timeZone);
}

export function basicUtcStamp(utcMs: number): string {
  return new Date(utcMs).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
