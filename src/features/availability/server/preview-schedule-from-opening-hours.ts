import { listProviderLocations } from "@/features/providers/server";
import { MS_PER_DAY } from "@/lib/time";
import type { DbExecutor } from "@/server/db/client";
import type { OpeningHoursPreviewDto } from "../opening-hours-types";
import { planFromOpeningHours } from "./opening-hours-plan";
import { clockText, CROSS_ZONE_DAYS, findWeeklyRuleClash, WEEKDAY_NAMES } from "./weekly-rule-clash";

export interface PreviewScheduleFromOpeningHoursOptions {
  db: DbExecutor;
  provider: { id: string; timeZone: string };
  locationId: string;
  now: Date;
}

/**
 * What "use this location's opening hours" would replace, before the provider confirms. Writes
 * nothing. It runs the save's real-time overlap check too (the same window), so the preview can
 * say that confirming would be refused instead of letting the provider find out afterwards.
 */
export async function previewScheduleFromOpeningHours({ db, provider, locationId, now }: PreviewScheduleFromOpeningHoursOptions): Promise<OpeningHoursPreviewDto> {
  const { location, replaced, seeded, kept, keptCount } = await planFromOpeningHours(db, provider.id, locationId);
  const zones = new Map((await listProviderLocations({ db, providerId: provider.id })).map((l) => [l.id, l.timeZone]));
  const zoneOf = (rule: { locationId: string | null }) => (rule.locationId ? (zones.get(rule.locationId) ?? provider.timeZone) : provider.timeZone);
  const week = [...seeded.map((interval) => ({ ...interval, locationId })), ...kept];
  const today = Math.floor(now.getTime() / MS_PER_DAY) - 1;
  // Only clashes between an opening-hours interval and one of the kept ones: the kept week was valid when saved.
  const clash = findWeeklyRuleClash(week, zoneOf, { firstDay: today, lastDay: today + CROSS_ZONE_DAYS }, (index) => index < seeded.length);
  const overlap = clash
    ? (() => {
        const [opening, other] = clash.index < seeded.length ? [week[clash.index]!, week[clash.other]!] : [week[clash.other]!, week[clash.index]!];
        const otherPlace = other.locationId === null ? "online" : "elsewhere";
        return `The opening hours ${WEEKDAY_NAMES[opening.weekday]} ${clockText(opening.startMinute)}–${clockText(opening.endMinute)} (${zoneOf(opening)}) overlap your ${otherPlace} hours ${WEEKDAY_NAMES[other.weekday]} ${clockText(other.startMinute)}–${clockText(other.endMinute)} (${zoneOf(other)}), for example on ${clash.date}. Replacing would be refused: change or remove those hours in the weekly schedule first.`;
      })()
    : null;
  return { location, replaced, seeded, keptCount, overlap };
}
