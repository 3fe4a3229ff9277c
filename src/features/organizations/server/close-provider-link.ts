import { localDateOf } from "@/lib/time";
import type { DbExecutor } from "@/server/db/client";
import type { EndedProviderLinkDto } from "../network-types";
import {
  countUpcomingBookings,
  deleteDatedIntervalsAtOrganization,
  deleteWeeklyRulesAtOrganization,
  findUpcomingBookings,
  lockProviderScheduleForLinkChange,
  updateProviderLink,
} from "./network-repository";

/** Bookings listed after a link ends; the count covers them all. */
const LISTED_BOOKINGS = 50;

export interface CloseProviderLinkOptions {
  organizationId: string;
  provider: { id: string; timeZone: string };
  now: Date;
}

/**
 * Ends a link (the organization ending it, or the provider leaving), inside the caller's
 * transaction, which already holds the link's row lock. The provider's hours at the
 * organization's locations go, so no new slots appear there; bookings already made stay booked
 * and are listed, so whoever ended the link can see who still expects the provider there.
 * The permission to edit the provider's schedule ends with the link.
 */
export async function closeProviderLink(tx: DbExecutor, { organizationId, provider, now }: CloseProviderLinkOptions): Promise<EndedProviderLinkDto> {
  await updateProviderLink(tx, organizationId, provider.id, { status: "ENDED", endedAt: now, respondedAt: now, allowsScheduleEdits: false, now });
  await lockProviderScheduleForLinkChange(tx, provider.id);
  const removedWeeklyIntervals = await deleteWeeklyRulesAtOrganization(tx, provider.id, organizationId);
  // Dated hours are local dates in the provider's zone: "today" is theirs, not the server's.
  const removedDatedIntervals = await deleteDatedIntervalsAtOrganization(tx, provider.id, organizationId, localDateOf(now, provider.timeZone));
  const upcomingBookingCount = (await countUpcomingBookings(tx, organizationId, [provider.id], now)).get(provider.id) ?? 0;
  const upcomingBookings = upcomingBookingCount > 0 ? await findUpcomingBookings(tx, organizationId, provider.id, now, LISTED_BOOKINGS) : [];
  return { providerId: provider.id, organizationId, status: "ENDED", removedWeeklyIntervals, removedDatedIntervals, upcomingBookingCount, upcomingBookings };
}
