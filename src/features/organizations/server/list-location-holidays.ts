import type { DbExecutor } from "@/server/db/client";
import type { z } from "zod";
import type { locationHolidaysInput } from "../closure-schemas";
import type { HolidayDecision, LocationHolidaysDto } from "../closure-types";
import { listPublicHolidays } from "../public-holidays";
import { findHolidayDecisions } from "./closure-repository";
import { requireClosureLocation } from "./require-closure-location";

export interface ListLocationHolidaysOptions {
  db: DbExecutor;
  organizationId: string;
  input: z.output<typeof locationHolidaysInput>;
}

/**
 * The public holidays the dataset offers for a location's country and region in one year, each
 * with the organization's decision: PENDING until someone accepts or rejects it.
 */
export async function listLocationHolidays({ db, organizationId, input }: ListLocationHolidaysOptions): Promise<LocationHolidaysDto> {
  const location = await requireClosureLocation(db, organizationId, input.locationId);
  const base = {
    locationId: location.id,
    year: input.year,
    timeZone: location.timeZone,
    countryCode: location.countryCode,
    regionCode: location.regionCode,
  };
  if (!location.countryCode) return { ...base, isCountryKnown: false, isRegionKnown: false, holidays: [] };
  const offered = listPublicHolidays(location.countryCode, location.regionCode, input.year);
  const decisions = new Map(
    (await findHolidayDecisions(db, location.id, `${input.year}-01-01`, `${input.year}-12-31`)).map((row) => [row.startDate, row]),
  );
  return {
    ...base,
    isCountryKnown: offered.isCountryKnown,
    isRegionKnown: offered.isRegionKnown,
    holidays: offered.holidays.map((holiday) => {
      const decided = decisions.get(holiday.startDate);
      const decision: HolidayDecision = !decided ? "PENDING" : decided.accepted ? "ACCEPTED" : "REJECTED";
      return { ...holiday, decision, closureId: decided?.id ?? null };
    }),
  };
}
