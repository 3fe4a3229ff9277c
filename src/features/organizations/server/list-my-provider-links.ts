import type { DbExecutor } from "@/server/db/client";
import type { MyProviderLinkDto } from "../network-types";
import { countUpcomingBookingsByOrganization, findLinksOfProvider, findLocationsOfOrganizations } from "./network-repository";

export interface ListMyProviderLinksOptions {
  db: DbExecutor;
  /** From providerProcedure: the caller's own provider profile. */
  providerId: string;
  now: Date;
}

/** The provider's invitations and the organizations they work with, with their locations and upcoming bookings there. */
export async function listMyProviderLinks({ db, providerId, now }: ListMyProviderLinksOptions): Promise<MyProviderLinkDto[]> {
  const links = await findLinksOfProvider(db, providerId);
  const organizationIds = links.map((link) => link.organizationId);
  const [locations, upcoming] = await Promise.all([
    findLocationsOfOrganizations(db, organizationIds),
    countUpcomingBookingsByOrganization(db, providerId, organizationIds, now),
  ]);
  return links.map((link) => ({
    ...link,
    locations: locations.get(link.organizationId) ?? [],
    upcomingBookingCount: upcoming.get(link.organizationId) ?? 0,
  }));
}
