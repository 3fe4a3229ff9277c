import { createZoneTimeline, epochDayToLocalDate, isoWeekdayOfEpochDay, MINUTES_PER_DAY, MS_PER_DAY, MS_PER_MINUTE } from "@/lib/time";
import type { DbExecutor } from "@/server/db/client";
import type { WorkingHoursDto } from "../organization-schedule-types";
import { findTimetablesAtLocations, type TimetableRow } from "./organization-schedule-repository";

export interface ListWorkingHoursAtLocationsOptions {
  db: DbExecutor;
  providerIds: string[];
  /** The places whose in-person hours are wanted, with their zones. */
  locations: { id: string; timeZone: string }[];
  from: Date;
  to: Date;
}

/**
 * The providers' in-person working hours at the given locations that touch [from, to), as real
 * instants, with the slot engine's rules for a day: weekly rules within their effective dates,
 * then overrides by the local date in the location's zone (OFF clears the day, REPLACE swaps the
 * weekly rules for its own intervals, EXTRA adds), and nothing at a location on a date it is
 * closed (an accepted closure or public holiday). Each wall-clock edge becomes the first instant
 * the location's clock reads it, so a day across a clock change has its true length.
 */
export async function listWorkingHoursAtLocations({ db, providerIds, locations, from, to }: ListWorkingHoursAtLocationsOptions): Promise<WorkingHoursDto[]> {
  if (providerIds.length === 0 || locations.length === 0 || from >= to) return [];
  // Local dates anywhere on Earth that can overlap the window: a day either side covers every offset.
  const firstDay = Math.floor(from.getTime() / MS_PER_DAY) - 1;
  const lastDay = Math.floor((to.getTime() - 1) / MS_PER_DAY) + 1;
  const timetables = await findTimetablesAtLocations(db, {
    providerIds,
    locationIds: locations.map((location) => location.id),
    fromDate: epochDayToLocalDate(firstDay),
    toDate: epochDayToLocalDate(lastDay),
  });
  const zones = new Map(locations.map((location) => [location.id, location.timeZone]));
  const timelines = new Map(
    [...new Set(zones.values())].map((zone) => [zone, createZoneTimeline(zone, (firstDay - 2) * MINUTES_PER_DAY, (lastDay + 2) * MINUTES_PER_DAY)]),
  );
  const hours: WorkingHoursDto[] = [];
  for (const timetable of timetables) {
    for (let day = firstDay; day <= lastDay; day++) {
      for (const interval of intervalsOfDay(timetable, day, zones)) {
        const timeline = timelines.get(zones.get(interval.locationId)!)!;
        const startsAt = timeline.localBoundaryToUtc(day * MINUTES_PER_DAY + interval.startMinute) * MS_PER_MINUTE;
        const endsAt = timeline.localBoundaryToUtc(day * MINUTES_PER_DAY + interval.endMinute) * MS_PER_MINUTE;
        if (startsAt < endsAt && startsAt < to.getTime() && endsAt > from.getTime()) {
          hours.push({ providerId: timetable.providerId, locationId: interval.locationId, startsAt: new Date(startsAt), endsAt: new Date(endsAt) });
        }
      }
    }
  }
  return hours.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.providerId.localeCompare(b.providerId));
}

/** A provider's in-person intervals at the wanted locations on one local date (the same label in every location's zone). */
function intervalsOfDay(
  timetable: TimetableRow,
  day: number,
  zones: Map<string, string>,
): { startMinute: number; endMinute: number; locationId: string }[] {
  const date = epochDayToLocalDate(day);
  const overrides = timetable.overrides.filter((override) => override.startDate <= date && date <= override.endDate);
  if (overrides.some((override) => override.kind === "OFF")) return [];
  const atWanted = (interval: { mode: string; locationId: string | null; startMinute: number; endMinute: number }) =>
    interval.mode === "IN_PERSON" && interval.locationId !== null && zones.has(interval.locationId)
      ? [{ startMinute: interval.startMinute, endMinute: interval.endMinute, locationId: interval.locationId }]
      : [];
  const replaces = overrides.filter((override) => override.kind === "REPLACE");
  const weekday = isoWeekdayOfEpochDay(day);
  const base =
    replaces.length > 0
      ? replaces.flatMap((override) => override.intervals.flatMap(atWanted))
      : timetable.rules
          .filter(
            (rule) =>
              rule.weekday === weekday &&
              (rule.effectiveFrom === null || rule.effectiveFrom <= date) &&
              (rule.effectiveUntil === null || date <= rule.effectiveUntil),
          )
          .map(({ startMinute, endMinute, locationId }) => ({ startMinute, endMinute, locationId }));
  const extras = overrides.filter((override) => override.kind === "EXTRA").flatMap((override) => override.intervals.flatMap(atWanted));
  const closed = new Set(
    timetable.closures.filter((closure) => closure.startDate <= date && date <= closure.endDate).map((closure) => closure.locationId),
  );
  return [...base, ...extras].filter((interval) => !closed.has(interval.locationId));
}
