/**
 * Every date shown or sent names its zone explicitly; nothing here falls back to the
 * server's or the browser's zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

/** "Mon, 29 Mar 2027" */
export function formatDate(date: Date, timeZone: string, locale = "en-GB"): string {
  return formatter(locale, { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(date);
}

/** "09:30" (24-hour) */
export function formatTime(date: Date, timeZone: string, locale = "en-GB"): string {
  return formatter(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

/** "Mon, 29 Mar 2027, 09:30" */
export function formatDateTime(date: Date, timeZone: string, locale = "en-GB"): string {
  return `${formatDate(date, timeZone, locale)}, ${formatTime(date, timeZone, locale)}`;
}

/** The zone's short offset name at that instant, e.g. "GMT+1", "GMT+5:30". */
export function zoneOffsetName(date: Date, timeZone: string): string {
  const part = formatter("en-US", { timeZone, timeZoneName: "shortOffset" })
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName");
  // ICU versions differ on UTC+0: "GMT" or "GMT+0". Show one form.
  return part?.value === "GMT+0" ? "GMT" : (part?.value ?? timeZone);
}

/** "Europe/London (GMT+1)" */
export function zoneLabel(date: Date, timeZone: string): string {
  return `${timeZone.replaceAll("_", " ")} (${zoneOffsetName(date, timeZone)})`;
}

/** The local calendar date "YYYY-MM-DD" of an instant in a zone. */
export function localDateOf(date: Date, timeZone: string): string {
  const parts = formatter("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
