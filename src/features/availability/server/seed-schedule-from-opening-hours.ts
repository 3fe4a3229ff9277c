import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import { saveWeeklyScheduleInput } from "../schemas";
import type { WeeklyRuleDto } from "../types";
import { planFromOpeningHours } from "./opening-hours-plan";
import { saveWeeklySchedule } from "./save-weekly-schedule";

export interface SeedScheduleFromOpeningHoursOptions {
  db: Database;
  provider: { id: string; timeZone: string };
  actorUserId: string;
  locationId: string;
  now: Date;
}

/**
 * Replaces the provider's weekly in-person intervals at a location with its opening hours, and
 * keeps the rest of the week. It goes through saveWeeklySchedule, so the same checks apply (an
 * opening interval that clashes in real time with hours elsewhere is refused, naming it) and the
 * week is replaced in its one transaction.
 */
export async function seedScheduleFromOpeningHours({ db, provider, actorUserId, locationId, now }: SeedScheduleFromOpeningHoursOptions): Promise<WeeklyRuleDto[]> {
  const plan = await planFromOpeningHours(db, provider.id, locationId);
  // A week is saved with one validity window; a week whose rules have different ones cannot be
  // rewritten without changing some of them, so it is left for the editor.
  const windows = new Set(plan.kept.map((rule) => `${rule.effectiveFrom ?? ""}|${rule.effectiveUntil ?? ""}`));
  if (windows.size > 1) {
    throw new AppError("CONFLICT", "Your weekly intervals have different validity dates, so they cannot be rewritten at once. Change this location's hours in the weekly schedule instead.");
  }
  const window = plan.kept[0];
  const parsed = saveWeeklyScheduleInput.safeParse({
    rules: [
      ...plan.kept.map(({ weekday, startMinute, endMinute, mode, locationId: at }) => ({ weekday, startMinute, endMinute, mode, locationId: at })),
      ...plan.seeded.map((interval) => ({ ...interval, mode: "IN_PERSON" as const, locationId })),
    ],
    effectiveFrom: window?.effectiveFrom ?? null,
    effectiveUntil: window?.effectiveUntil ?? null,
  });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "These opening hours cannot be combined with your week.";
    throw new AppError("VALIDATION", `${plan.location.name}'s opening hours cannot be added to your week: ${message}`);
  }
  return saveWeeklySchedule({ db, provider, actorUserId, input: parsed.data, now });
}
