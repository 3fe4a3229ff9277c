import type { DbExecutor } from "@/server/db/client";
import { epochDayToLocalDate, MS_PER_DAY } from "@/lib/time";
import type { ScheduleDto } from "../types";
import { listProviderLocations } from "@/features/providers/server";
import { findOverrides, findWeeklyRules } from "./availability-repository";

export interface GetMyScheduleOptions {
  db: DbExecutor;
  provider: { id: string; timeZone: string };
  now: Date;
}

/** The signed-in provider's own weekly rules, current and future overrides, and usable locations. */
export async function getMySchedule({ db, provider, now }: GetMyScheduleOptions): Promise<ScheduleDto> {
  const yesterday = epochDayToLocalDate(Math.floor(now.getTime() / MS_PER_DAY) - 1);
  const [rules, overrides, locations] = await Promise.all([
    findWeeklyRules(db, provider.id),
    findOverrides(db, provider.id, yesterday),
    listProviderLocations({ db, providerId: provider.id }),
  ]);
  return { timeZone: provider.timeZone, rules, overrides, locations };
}
