import { AppError } from "@/lib/errors/app-error";
import { localDateToEpochDay, MS_PER_DAY } from "@/lib/time";
import type { Database } from "@/server/db/client";
import type { z } from "zod";
import { listProviderLocations } from "@/features/providers/server";
import type { saveWeeklyScheduleInput } from "../schemas";
import type { WeeklyRuleDto } from "../types";
import { recordAudit } from "@/server/audit/audit-repository";
import { findWeeklyRules, lockProviderSchedule, replaceWeeklyRules } from "./availability-repository";
import { assertLocationsUsable } from "./assert-locations-usable";
import { clockText as clock, CROSS_ZONE_DAYS, findWeeklyRuleClash, WEEKDAY_NAMES as WEEKDAYS } from "./weekly-rule-clash";

export interface SaveWeeklyScheduleOptions {
  db: Database;
  provider: { id: string; timeZone: string };
  actorUserId: string;
  input: z.output<typeof saveWeeklyScheduleInput>;
  now: Date;
}

/**
 * Replaces the provider's weekly rules in one transaction. Existing bookings are not touched:
 * a new schedule only changes which future times are offered.
 */
export async function saveWeeklySchedule({ db, provider, actorUserId, input, now }: SaveWeeklyScheduleOptions): Promise<WeeklyRuleDto[]> {
  const locationZones = new Map((await listProviderLocations({ db, providerId: provider.id })).map((l) => [l.id, l.timeZone]));
  const zoneOf = (rule: { locationId: string | null }) => (rule.locationId ? (locationZones.get(rule.locationId) ?? provider.timeZone) : provider.timeZone);
  const today = Math.floor(now.getTime() / MS_PER_DAY) - 1;
  const firstDay = Math.max(today, input.effectiveFrom ? localDateToEpochDay(input.effectiveFrom) : today);
  const lastDay = Math.min(firstDay + CROSS_ZONE_DAYS, input.effectiveUntil ? localDateToEpochDay(input.effectiveUntil) : Infinity);
  const clash = findWeeklyRuleClash(input.rules, zoneOf, { firstDay, lastDay });
  if (clash) {
    const other = input.rules[clash.other]!;
    const message = `This interval overlaps ${WEEKDAYS[other.weekday]} ${clock(other.startMinute)}–${clock(other.endMinute)} (${zoneOf(other)}) in real time, for example on ${clash.date}. Intervals in different time zones are compared as real times on every date of the coming year, since clocks change on different dates; a provider cannot be in two places at once.`;
    throw new AppError("VALIDATION", message, { fieldErrors: { [`rules.${clash.index}.startMinute`]: [message] } });
  }
  try {
    return await db.transaction(async (tx) => {
      // Saves of one provider's week run one at a time, so two concurrent saves cannot both
      // delete the old week and leave both new ones.
      await lockProviderSchedule(tx, provider.id);
      // Again under the lock: ending a provider's link to an organization takes the same lock,
      // so a save checked just before the link ended cannot write hours at its locations.
      await assertLocationsUsable(tx, provider.id, input.rules, "rules");
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
    // The exclusion constraint backs the schema's overlap check at one place.
    if ((error as { cause?: { code?: string } }).cause?.code === "23P01") {
      throw new AppError("VALIDATION", "Two intervals on the same day overlap.", { fieldErrors: { rules: ["Two intervals on the same day overlap."] } });
    }
    throw error;
  }
}
