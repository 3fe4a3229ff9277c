import { zoneOffsetName } from "@/lib/time";

/**
 * Dates and times as messages show them: always in the recipient's zone, always with the zone
 * named, never the server's zone. The words are assembled from Intl parts rather than taken whole
 * from a locale pattern, so an ICU update that adds or drops a comma does not change a message
 * (or a test) under us.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
    formatters.set(key, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** "Tuesday 3 March 2026" */
export function formatDayLong(date: Date, timeZone: string): string {
  const p = partsOf(date, timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "Tue 3 Mar" (subject lines, where the year would only crowd). */
export function formatDayShort(date: Date, timeZone: string): string {
  const p = partsOf(date, timeZone, { weekday: "short", day: "numeric", month: "short" });
  return `${p.weekday} ${p.day} ${p.month}`;
}

/** "Tue 3 Mar 2026" */
function formatDayCompact(date: Date, timeZone: string): string {
  const p = partsOf(date, timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "09:30", 24-hour. */
export function formatClock(date: Date, timeZone: string): string {
  const p = partsOf(date, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${p.hour}:${p.minute}`;
}

/**
 * "Europe/London, GMT": the zone as people read it and its offset then. When the clocks change
 * during the appointment both offsets are named, so "01:30–01:10" is not mistaken for a typo.
 */
export function zoneNameBetween(start: Date, end: Date, timeZone: string): string {
  const startOffset = zoneOffsetName(start, timeZone);
  const endOffset = zoneOffsetName(end, timeZone);
  const offsets = startOffset === endOffset ? startOffset : `${startOffset} then ${endOffset}`;
  // The name as stored, not Intl's canonical one: ICU still resolves Asia/Kolkata to the retired
  // Asia/Calcutta. "UTC, GMT" would say the same thing twice.
  return timeZone === "UTC" ? "UTC" : `${timeZone.replaceAll("_", " ")}, ${offsets}`;
}

export interface WhenStyle {
  /** "long" for emails and WhatsApp, "compact" (ASCII only, shorter) for SMS. */
  style: "long" | "compact";
}

/**
 * "Tuesday 3 March 2026, 09:30–10:00 (Europe/London, GMT)". An appointment that ends on the next
 * local day names both days.
 */
export function formatWhen(start: Date, end: Date, timeZone: string, { style }: WhenStyle = { style: "long" }): string {
  const day = style === "long" ? formatDayLong : formatDayCompact;
  // GSM-7, the cheap SMS alphabet, has no en dash: one would switch the whole text to UCS-2.
  const dash = style === "long" ? "–" : "-";
  const startDay = day(start, timeZone);
  const endDay = day(end, timeZone);
  const range =
    startDay === endDay
      ? `${startDay}, ${formatClock(start, timeZone)}${dash}${formatClock(end, timeZone)}`
      : `${startDay}, ${formatClock(start, timeZone)} to ${endDay}, ${formatClock(end, timeZone)}`;
  return `${range} (${zoneNameBetween(start, end, timeZone)})`;
}

/** "10:45 on Tuesday 3 March 2026 (Europe/London, GMT)", or compact "10:45 on Tue 3 Mar 2026 (...)". */
export function formatInstant(date: Date, timeZone: string, { style }: WhenStyle = { style: "long" }): string {
  const day = style === "long" ? formatDayLong : formatDayCompact;
  return `${formatClock(date, timeZone)} on ${day(date, timeZone)} (${zoneNameBetween(date, date, timeZone)})`;
}
