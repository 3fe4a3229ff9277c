import { listLocationsByIds } from "@/features/organizations/server";
import { listProviderLocations } from "@/features/providers/server";
import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { OpeningHoursLocationDto, OpeningHoursPreviewDto } from "../opening-hours-types";
import type { WeeklyRuleDto } from "../types";
import { findWeeklyRules } from "./availability-repository";

export interface OpeningHoursPlan extends Omit<OpeningHoursPreviewDto, "overlap"> {
  kept: WeeklyRuleDto[];
}

const toLocationDto = (location: OpeningHoursLocationDto): OpeningHoursLocationDto => ({
  id: location.id,
  name: location.name,
  formattedAddress: location.formattedAddress,
  timeZone: location.timeZone,
  openingHours: location.openingHours,
});

/** Locations the provider may offer in-person time at (an ACTIVE link to their organization), with their opening hours. */
export async function usableLocationsWithHours(db: DbExecutor, providerId: string): Promise<OpeningHoursLocationDto[]> {
  const usable = await listProviderLocations({ db, providerId });
  return (await listLocationsByIds({ db, locationIds: usable.map((l) => l.id) })).map(toLocationDto);
}

/**
 * The provider's week with their in-person intervals at `locationId` swapped for the location's
 * opening hours. A location the provider cannot use (no ACTIVE link to its organization) is
 * NOT_FOUND, as if it did not exist; one without opening hours is refused.
 */
export async function planFromOpeningHours(db: DbExecutor, providerId: string, locationId: string): Promise<OpeningHoursPlan> {
  const location = (await usableLocationsWithHours(db, providerId)).find((l) => l.id === locationId);
  if (!location) throw new AppError("NOT_FOUND", "Location not found among the locations of your practices.");
  if (location.openingHours.length === 0) {
    throw new AppError(
      "CONFLICT",
      `${location.name} has no opening hours yet. Ask an administrator of its organization to add them, or set your hours there in the weekly schedule.`,
    );
  }
  const rules = await findWeeklyRules(db, providerId);
  const isHere = (rule: WeeklyRuleDto) => rule.mode === "IN_PERSON" && rule.locationId === locationId;
  const kept = rules.filter((rule) => !isHere(rule));
  return {
    location,
    replaced: rules.filter(isHere),
    seeded: location.openingHours.map(({ weekday, startMinute, endMinute }) => ({ weekday, startMinute, endMinute })),
    kept,
    keptCount: kept.length,
  };
}
