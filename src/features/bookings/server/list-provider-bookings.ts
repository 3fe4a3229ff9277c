import type { DbExecutor } from "@/server/db/client";
import type { z } from "zod";
import type { providerBookingsInput } from "../schemas";
import { findProviderBookings } from "./bookings-repository";

export interface ListProviderBookingsOptions {
  db: DbExecutor;
  provider: { id: string };
  filter: z.output<typeof providerBookingsInput>;
}

/** The provider's own bookings in a time range (list and week calendar), oldest first. */
export async function listProviderBookings({ db, provider, filter }: ListProviderBookingsOptions) {
  const { items, total } = await findProviderBookings(db, provider.id, {
    from: filter.from,
    to: filter.to,
    statuses: filter.statuses,
    offset: (filter.page - 1) * filter.pageSize,
    limit: filter.pageSize,
  });
  return { items, total, page: filter.page, pageSize: filter.pageSize, pageCount: Math.max(1, Math.ceil(total / filter.pageSize)) };
}
