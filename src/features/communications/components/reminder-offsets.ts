/**
 * Reminder times offered as choices: from a week ahead (time to rearrange) to half an hour
 * (on the way). Any other value saved through the API is shown beside these, so it can be seen
 * and removed.
 */
export const REMINDER_OFFSET_CHOICES_MINUTES = [10_080, 4_320, 2_880, 1_440, 720, 360, 120, 60, 30] as const;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** 10080 → "1 week", 4320 → "3 days", 2880 → "48 hours", 90 → "1 hour 30 minutes". */
export function reminderOffsetLabel(minutes: number): string {
  if (minutes % 10_080 === 0) return plural(minutes / 10_080, "week");
  // Two days reads better as 48 hours, the way clinics say it; three days and more as days.
  if (minutes % 1_440 === 0 && minutes >= 4_320) return plural(minutes / 1_440, "day");
  if (minutes % 60 === 0) return plural(minutes / 60, "hour");
  if (minutes > 60) return `${plural(Math.floor(minutes / 60), "hour")} ${plural(minutes % 60, "minute")}`;
  return plural(minutes, "minute");
}

/** The offered choices plus any saved value that is not among them, earliest reminder first. */
export function reminderOffsetOptions(saved: readonly number[]): number[] {
  return [...new Set<number>([...REMINDER_OFFSET_CHOICES_MINUTES, ...saved])].sort((a, b) => b - a);
}
