import type { z } from "zod";
import { addDays, localDateOf } from "@/lib/time";
import type { DbExecutor } from "@/server/db/client";
import { NETWORK_PAGE_SIZE, type listNetworkInput } from "../network-schemas";
import type { NetworkPageDto } from "../network-types";
import { countUpcomingBookings, findLocationsInUse, findNetworkPage } from "./network-repository";

export interface ListNetworkProvidersOptions {
  db: DbExecutor;
  /** From organizationProcedure: the caller is a member. */
  organizationId: string;
  input: z.output<typeof listNetworkInput>;
  now: Date;
}

/** One page of the organization's providers with their status, where they work and what is booked. */
export async function listNetworkProviders({ db, organizationId, input, now }: ListNetworkProvidersOptions): Promise<NetworkPageDto> {
  const { rows, total } = await findNetworkPage(db, organizationId, {
    status: input.status,
    offset: (input.page - 1) * NETWORK_PAGE_SIZE,
    limit: NETWORK_PAGE_SIZE,
  });
  const providerIds = rows.map((row) => row.providerId);
  // Providers' zones differ and the earliest "today" anywhere is the UTC date's eve, so hours
  // dated from then on may still be ahead for someone.
  const fromDate = addDays(localDateOf(now, "UTC"), -1);
  const [locationsInUse, upcoming] = await Promise.all([
    findLocationsInUse(db, organizationId, providerIds, fromDate),
    countUpcomingBookings(db, organizationId, providerIds, now),
  ]);
  return {
    items: rows.map((row) => ({
      ...row,
      locationsInUse: locationsInUse.get(row.providerId) ?? [],
      upcomingBookingCount: upcoming.get(row.providerId) ?? 0,
    })),
    total,
    page: input.page,
    pageSize: NETWORK_PAGE_SIZE,
  };
}
