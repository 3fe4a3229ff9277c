import { AppError } from "@/lib/errors/app-error";
import { localDateToEpochDay, MS_PER_DAY } from "@/lib/time";
import type { Database } from "@/server/db/client";
import { recordAudit } from "@/server/audit/audit-repository";
import type { z } from "zod";
import type { saveOrganizationScheduleInput } from "../organization-schedule-schemas";
import type { OrganizationScheduleDto } from "../organization-schedule-types";
import { findWeeklyRules, lockProviderSchedule } from "./availability-repository";
import { PROVIDER_NOT_IN_ORGANIZATION, scheduleEditRefusal } from "./get-provider-schedule-for-organization";
import { findLocationZones, findOrganizationLocations, findProviderLink, replaceWeeklyRulesAtLocations } from "./organization-schedule-repository";
import { clockText, CROSS_ZONE_DAYS, findWeeklyRuleClash, WEEKDAY_NAMES, type ClashRule } from "./weekly-rule-clash";

export interface SaveProviderScheduleForOrganizationOptions {
  db: Database;
  /** The caller's membership, checked by organizationProcedure (MANAGER or higher). */
  membership: { organizationId: string };
  actorUserId: string;
  input: z.output<typeof saveOrganizationScheduleInput>;
  now: Date;
}

/**
 * A manager replaces a provider's weekly in-person hours at this organization's locations. The
 * provider's online hours and their hours at other organizations' locations are kept as they
 * are, and the new hours must not overlap them in real time. Only while the provider works with
 * the organization and has allowed its managers to edit their schedule; the link is re-read
 * under a lock inside the transaction, so a grant withdrawn at the same moment is respected.
 */
export async function saveProviderScheduleForOrganization({
  db,
  membership,
  actorUserId,
  input,
  now,
}: SaveProviderScheduleForOrganizationOptions): Promise<OrganizationScheduleDto> {
  const { organizationId } = membership;
  try {
    return await db.transaction(async (tx) => {
      await lockProviderSchedule(tx, input.providerId);
      const link = await findProviderLink(tx, organizationId, input.providerId, { lock: true });
      if (!link) throw new AppError("NOT_FOUND", PROVIDER_NOT_IN_ORGANIZATION);
      const refusal = scheduleEditRefusal(link);
      if (refusal) throw new AppError("FORBIDDEN", refusal);

      const locations = await findOrganizationLocations(tx, organizationId);
      const zoneOfLocation = new Map(locations.map((location) => [location.id, location.timeZone]));
      // The form offers only this organization's locations; any other id is another
      // organization's (or none), and is not confirmed to exist.
      if (input.rules.some((rule) => !rule.locationId || !zoneOfLocation.has(rule.locationId))) {
        throw new AppError("NOT_FOUND", "Location not found in this organization.");
      }

      const existing = await findWeeklyRules(tx, input.providerId);
      const kept = existing.filter((rule) => !(rule.mode === "IN_PERSON" && rule.locationId !== null && zoneOfLocation.has(rule.locationId)));
      const keptZones = await findLocationZones(tx, kept.flatMap((rule) => (rule.locationId ? [rule.locationId] : [])));
      const zoneOf = (rule: { locationId: string | null }) =>
        rule.locationId ? (zoneOfLocation.get(rule.locationId) ?? keptZones.get(rule.locationId) ?? link.timeZone) : link.timeZone;

      // New intervals first, so an index below input.rules.length is one of the manager's.
      const combined: ClashRule[] = [
        ...input.rules.map((rule) => ({ ...rule, effectiveFrom: input.effectiveFrom, effectiveUntil: input.effectiveUntil })),
        ...kept,
      ];
      const today = Math.floor(now.getTime() / MS_PER_DAY) - 1;
      const firstDay = Math.max(today, input.effectiveFrom ? localDateToEpochDay(input.effectiveFrom) : today);
      const isNew = (index: number) => index < input.rules.length;
      const clash = findWeeklyRuleClash(combined, zoneOf, { firstDay, lastDay: firstDay + CROSS_ZONE_DAYS }, isNew);
      if (clash) {
        // `index` is the later of the two; when it is a kept rule, the new one is `other`.
        const [mine, other] = isNew(clash.index) ? [clash.index, clash.other] : [clash.other, clash.index];
        const otherRule = combined[other]!;
        const what =
          isNew(other)
            ? "this organization's"
            : otherRule.locationId
              ? "the provider's in-person hours elsewhere,"
              : "the provider's online hours,";
        const message = `This interval overlaps ${what} ${WEEKDAY_NAMES[otherRule.weekday]} ${clockText(otherRule.startMinute)}–${clockText(otherRule.endMinute)} (${zoneOf(otherRule)}) in real time, for example on ${clash.date}. A provider cannot be in two places at once: choose other hours, or ask the provider to change their own.`;
        throw new AppError("VALIDATION", message, { fieldErrors: { [`rules.${mine}.startMinute`]: [message] } });
      }

      await replaceWeeklyRulesAtLocations(
        tx,
        input.providerId,
        locations.map((location) => location.id),
        input.rules.map((rule) => ({
          weekday: rule.weekday,
          startMinute: rule.startMinute,
          endMinute: rule.endMinute,
          mode: "IN_PERSON" as const,
          locationId: rule.locationId,
          effectiveFrom: input.effectiveFrom,
          effectiveUntil: input.effectiveUntil,
        })),
      );
      await recordAudit(tx, {
        actorUserId,
        action: "availability.organization_schedule_saved",
        subjectType: "provider",
        subjectId: input.providerId,
        details: { organizationId, intervals: input.rules.length },
      });
      const rules = (await findWeeklyRules(tx, input.providerId)).filter(
        (rule) => rule.mode === "IN_PERSON" && rule.locationId !== null && zoneOfLocation.has(rule.locationId),
      );
      return {
        provider: { id: link.providerId, displayName: link.displayName, timeZone: link.timeZone },
        locations,
        rules,
        canEdit: true,
        editBlockedReason: null,
      };
    });
  } catch (error) {
    // The exclusion constraint backs the schema's overlap check at one place.
    if ((error as { cause?: { code?: string } }).cause?.code === "23P01") {
      throw new AppError("VALIDATION", "Two intervals on the same day overlap.", { fieldErrors: { rules: ["Two intervals on the same day overlap."] } });
    }
    throw error;
  }
}
