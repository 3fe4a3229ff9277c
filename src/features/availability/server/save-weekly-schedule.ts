import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { z } from "zod";
import type { saveWeeklyScheduleInput } from "../schemas";
import type { WeeklyRuleDto } from "../types";
import { recordAudit } from "@/server/audit/audit-repository";
import { findWeeklyRules, replaceWeeklyRules } from "./availability-repository";
import { assertLocationsUsable } from "./assert-locations-usable";

export interface SaveWeeklyScheduleOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  input: z.output<typeof saveWeeklyScheduleInput>;
}

/**
 * Replaces the provider's weekly rules in one transaction. Existing bookings are not touched:
 * a new schedule only changes which future times are offered.
 */
export async function saveWeeklySchedule({ db, provider, actorUserId, input }: SaveWeeklyScheduleOptions): Promise<WeeklyRuleDto[]> {
  await assertLocationsUsable(db, provider.id, input.rules, "rules");
  try {
    return await db.transaction(async (tx) => {
      await replaceWeeklyRules(
        tx,
        provider.id,
        input.rules.map((rule) => ({
          weekday: rule.weekday,
          startMinute: rule.startMinute,
          endMinute: rule.endMinute,
          mode: rule.mode,
          locationId: rule.locationId,
          effectiveFrom: input.effectiveFrom,
          effectiveUntil: input.effectiveUntil,
        })),
      );
      await recordAudit(tx, {
        actorUserId,
        action: "availability.weekly_schedule_saved",
        subjectType: "provider",
        subjectId: provider.id,
        details: { intervals: input.rules.length },
      });
      return findWeeklyRules(tx, provider.id);
    });
  } catch (error) {
    // The exclusion constraint backs the schema's overlap check (e.g. two concurrent saves).
    if ((error as { cause?: { code?: string } }).cause?.code === "23P01") {
      throw new AppError("VALIDATION", "Two intervals on the same day overlap.", { fieldErrors: { rules: ["Two intervals on the same day overlap."] } });
    }
    throw error;
  }
}
