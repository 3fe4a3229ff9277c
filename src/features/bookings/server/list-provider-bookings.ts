import type { z } from "zod";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { DbExecutor } from "@/server/db/client";
import type { providerBookingsInput } from "../schemas";
import { findProviderBookings } from "./bookings-repository";

export interface ListProviderBookingsOptions {
  db: DbExecutor;
  provider: { id: string };
  /** The signed-in user reading the list (the provider's own account). */
  actorUserId: string;
  origin: AuditOrigin;
  filter: z.output<typeof providerBookingsInput>;
}

/**
 * The provider's own bookings in a time range (list and week calendar), oldest first. The list
 * carries patients' names, contact details and notes, so a page that shows any is recorded as one
 * `patient_records.listed` audit row naming the bookings (ids only).
 */
export async function listProviderBookings({ db, provider, actorUserId, origin, filter }: ListProviderBookingsOptions) {
  const { items, total } = await findProviderBookings(db, provider.id, {
    from: filter.from,
    to: filter.to,
    statuses: filter.statuses,
    offset: (filter.page - 1) * filter.pageSize,
    limit: filter.pageSize,
  });
  if (items.length > 0) {
    await recordAudit(db, {
      actorUserId,
      action: "patient_records.listed",
      subjectType: "provider",
      subjectId: provider.id,
      details: { bookingIds: items.map((item) => item.id) },
      origin,
    });
  }
  return { items, total, page: filter.page, pageSize: filter.pageSize, pageCount: Math.max(1, Math.ceil(total / filter.pageSize)) };
}
