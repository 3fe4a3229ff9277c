import type { DbExecutor } from "@/server/db/client";
import { addExportJobs, listBookingsToExport } from "./export-repository";

export interface RequeueBookingExportsOptions {
  /** The caller's transaction (the reconnect or the change of receiving calendar), or the database. */
  db: DbExecutor;
  providerId: string;
  now: Date;
}

/**
 * Queues an export of each of the provider's bookings still to end that is confirmed or has a
 * live Google event: after a (re)connect or a change of receiving calendar, what waited (or
 * failed for want of a connection) is written now. Exports are idempotent, so queuing one for a
 * booking already in the calendar costs a read. Returns how many were queued.
 */
export async function requeueBookingExports({ db, providerId, now }: RequeueBookingExportsOptions): Promise<number> {
  const ids = await listBookingsToExport(db, providerId, now);
  await addExportJobs(db, ids);
  return ids.length;
}
