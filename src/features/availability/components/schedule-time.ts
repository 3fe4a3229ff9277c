/**
 * Conversions between `<input type="time">` values ("HH:MM") and minutes after midnight.
 * A time input cannot hold 24:00, so an end time of 00:00 means midnight at the end of the day.
 */
export const END_OF_DAY = 1440;

export function minutesToTimeValue(minutes: number): string {
  const clamped = minutes % END_OF_DAY;
  const hours = Math.floor(clamped / 60);
  const rest = clamped % 60;
  return `${String(hours).padStart(2, "0")}:${String(rest).padStart(2, "0")}`;
}

/** Minutes after midnight, or null when the input is empty or malformed. */
export function timeValueToMinutes(value: string, isEnd: boolean): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return isEnd && minutes === 0 ? END_OF_DAY : minutes;
}

export const WEEKDAYS = [
  { value: 1, name: "Monday" },
  { value: 2, name: "Tuesday" },
  { value: 3, name: "Wednesday" },
  { value: 4, name: "Thursday" },
  { value: 5, name: "Friday" },
  { value: 6, name: "Saturday" },
  { value: 7, name: "Sunday" },
] as const;

/** Dotted zod-style paths ("rules.3.startMinute") for issues found in the browser with the shared schema. */
export function issuesToFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}
