/** Formatting for the inbox: every time is shown with its zone named, never the machine's zone. */

export { isValidTimeZone as isTimeZone } from "../google/time";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "shortOffset",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function parts(ms: number, timeZone: string): Record<string, string> {
  return Object.fromEntries(formatter(timeZone).formatToParts(ms).map((part) => [part.type, part.value]));
}

/** "2025-03-03 08:00:00 UTC" or "2025-03-03 10:00:00 Africa/Johannesburg (GMT+2)". */
export function formatIn(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  const stamp = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  return timeZone === "UTC" ? `${stamp} UTC` : `${stamp} ${timeZone} (${p.timeZoneName})`;
}

export function formatUtc(value: string | number): string {
  const ms = typeof value === "number" ? value : Date.parse(value);
  return Number.isNaN(ms) ? String(value) : formatIn(ms, "UTC");
}

/** The wall-clock value a `<input type="datetime-local">` shows for an instant in a zone. */
export function toLocalInput(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Accepts the `YYYY-MM-DDTHH:mm[:ss]` of a datetime-local input; Google takes it with a timeZone. */
export function fromLocalInput(value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  return match ? `${match[1]}T${match[2]}${match[3] ?? ":00"}` : undefined;
}
