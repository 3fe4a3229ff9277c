import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { OrganizationScheduleDto } from "../organization-schedule-types";
import { findWeeklyRules } from "./availability-repository";
import { findOrganizationLocations, findProviderLink, type ProviderLinkRow } from "./organization-schedule-repository";

export interface GetProviderScheduleForOrganizationOptions {
  db: DbExecutor;
  /** The caller's membership, checked by organizationProcedure. */
  membership: { organizationId: string };
  providerId: string;
}

export const PROVIDER_NOT_IN_ORGANIZATION = "Provider not found in this organization.";

/**
 * Why the organization's managers may not edit this provider's hours, or null when they may.
 * The message is shown as it is: it says what is missing and who can change it.
 */
export function scheduleEditRefusal(link: ProviderLinkRow): string | null {
  if (link.linkStatus !== "ACTIVE") {
    return `${link.displayName} has not allowed schedule edits by this organization: they do not work with it at the moment. Once they work with it again, they can allow edits in their organization settings.`;
  }
  if (!link.allowsScheduleEdits) {
    return `${link.displayName} has not allowed schedule edits by this organization. They can allow it in their organization settings; until then only they can change their hours.`;
  }
  if (link.providerStatus !== "APPROVED") {
    return `${link.displayName}'s provider profile is not approved at the moment, so their hours cannot be changed.`;
  }
  return null;
}

/** A provider's weekly in-person hours at this organization's locations, and whether its managers may edit them. */
export async function getProviderScheduleForOrganization({
  db,
  membership,
  providerId,
}: GetProviderScheduleForOrganizationOptions): Promise<OrganizationScheduleDto> {
  const link = await findProviderLink(db, membership.organizationId, providerId);
  // A provider who never had a link with this organization (another organization's, or none) is unknown here.
  if (!link) throw new AppError("NOT_FOUND", PROVIDER_NOT_IN_ORGANIZATION);
  const [locations, rules] = await Promise.all([findOrganizationLocations(db, membership.organizationId), findWeeklyRules(db, providerId)]);
  const here = new Set(locations.map((location) => location.id));
  const refusal = scheduleEditRefusal(link);
  return {
    provider: { id: link.providerId, displayName: link.displayName, timeZone: link.timeZone },
    locations,
    rules: rules.filter((rule) => rule.mode === "IN_PERSON" && rule.locationId !== null && here.has(rule.locationId)),
    canEdit: refusal === null,
    editBlockedReason: refusal,
  };
}
