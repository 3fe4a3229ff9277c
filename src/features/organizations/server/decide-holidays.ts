import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { z } from "zod";
import type { decideHolidaysInput } from "../closure-schemas";
import type { ClosureChangeDto } from "../closure-types";
import { listPublicHolidays } from "../public-holidays";
import { countCoveredBookings, findHolidayDecisions, upsertHolidayDecisions } from "./closure-repository";
import { requireClosureLocation } from "./require-closure-location";

export interface DecideHolidaysOptions {
  db: Database;
  organizationId: string;
  actorUserId: string;
  input: z.output<typeof decideHolidaysInput>;
  now: Date;
}

/**
 * Accepts or rejects public holidays of one location and year in one transaction. Only the
 * dates the dataset offers for the location's country and region that year can be decided. An
 * accepted holiday closes the location (its in-person slots go); a rejected one stays on record
 * so it is not offered again. Returns the accepted ones with how many bookings each covers.
 */
export async function decideHolidays({ db, organizationId, actorUserId, input, now }: DecideHolidaysOptions): Promise<ClosureChangeDto> {
  const location = await requireClosureLocation(db, organizationId, input.locationId);
  if (!location.countryCode) {
    throw new AppError("VALIDATION", "This location has no country yet, so there are no public holidays to decide. Set its country on the locations page first.", {
      fieldErrors: { locationId: ["Set the country of this location on the locations page first."] },
    });
  }
  const offered = new Map(listPublicHolidays(location.countryCode, location.regionCode, input.year).holidays.map((h) => [h.startDate, h]));
  const fieldErrors: Record<string, string[]> = {};
  input.decisions.forEach((decision, index) => {
    if (!offered.has(decision.startDate)) {
      fieldErrors[`decisions.${index}.startDate`] = [`${decision.startDate} is not a public holiday of this location in ${input.year}.`];
    }
  });
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("VALIDATION", "Some dates are not public holidays of this location that year. Choose from the holidays listed.", { fieldErrors });
  }

  return db.transaction(async (tx) => {
    const rows = input.decisions.map((decision) => {
      const holiday = offered.get(decision.startDate)!;
      return {
        locationId: location.id,
        startDate: holiday.startDate,
        endDate: holiday.endDate,
        name: holiday.name,
        accepted: decision.decision === "ACCEPT",
        decidedByUserId: actorUserId,
      };
    });
    await upsertHolidayDecisions(tx, rows);
    await recordAudit(tx, {
      actorUserId,
      action: "organization.holidays_decided",
      subjectType: "location",
      subjectId: location.id,
      details: { year: input.year, accepted: rows.filter((r) => r.accepted).map((r) => r.startDate), rejected: rows.filter((r) => !r.accepted).map((r) => r.startDate) },
    });
    const stored = new Map((await findHolidayDecisions(tx, location.id, `${input.year}-01-01`, `${input.year}-12-31`)).map((r) => [r.startDate, r.id]));
    const closures = [];
    for (const row of rows.filter((r) => r.accepted)) {
      closures.push({
        id: stored.get(row.startDate)!,
        locationId: location.id,
        locationName: location.name,
        timeZone: location.timeZone,
        startDate: row.startDate,
        endDate: row.endDate,
        name: row.name,
        source: "PUBLIC_HOLIDAY" as const,
        accepted: true,
        coveredBookingCount: await countCoveredBookings(tx, { locationId: location.id, timeZone: location.timeZone, startDate: row.startDate, endDate: row.endDate, now }),
      });
    }
    return { closures };
  });
}
