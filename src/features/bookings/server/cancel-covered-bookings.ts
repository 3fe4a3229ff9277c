import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { CancelledAffectedDto } from "../affected-types";
import { findProvidersOfBookings } from "./affected-bookings-repository";
import { lockProviderTime } from "./bookings-repository";
import { listBookingsCovered, type BookingCover } from "./list-bookings-covered";
import { lockProviderBooking } from "./lock-provider-booking";
import { cancelLockedBookingAsProvider } from "./provider-booking-actions";
import { inProviderTransaction } from "./provider-transaction";

export interface CancelCoveredBookingsOptions {
  db: Database;
  cover: BookingCover;
  actorUserId: string;
  bookingIds: readonly string[];
  reason: string;
  now: Date;
}

/**
 * "Cancel and tell the patients": cancels the chosen bookings that a closure or time off covers,
 * all or none, each as a provider cancellation (patients told, calendars updated, outbox event).
 * Every provider involved is locked first, in id order, so this cannot deadlock with another
 * writer; then the cover is read again, and any chosen booking it no longer covers (another
 * organization's, outside the dates, already cancelled, or started) refuses the whole request.
 */
export async function cancelCoveredBookings({ db, cover, actorUserId, bookingIds, reason, now }: CancelCoveredBookingsOptions): Promise<CancelledAffectedDto> {
  const providerIds = await findProvidersOfBookings(db, bookingIds);
  // Unknown ids have no provider; the cover check below refuses them with the rest.
  const [first, ...others] = providerIds.length > 0 ? providerIds : [cover.kind === "timeOff" ? cover.providerId : "00000000-0000-0000-0000-000000000000"];
  return inProviderTransaction(db, first!, async (tx) => {
    for (const providerId of others) await lockProviderTime(tx, providerId);
    const covered = new Map((await listBookingsCovered({ db: tx, cover, now })).rows.map((row) => [row.id, row]));
    const fieldErrors: Record<string, string[]> = {};
    bookingIds.forEach((id, index) => {
      if (!covered.has(id)) fieldErrors[`bookingIds.${index}`] = ["This booking is not one this closure or time off covers any more; refresh the list."];
    });
    if (Object.keys(fieldErrors).length > 0) {
      throw new AppError("VALIDATION", "Some of the chosen bookings are not covered any more (cancelled, started, or outside the dates). Refresh the list and try again.", {
        fieldErrors,
      });
    }
    const cancelled: CancelledAffectedDto["cancelled"] = [];
    for (const id of bookingIds) {
      const row = covered.get(id)!;
      const booking = await lockProviderBooking(tx, row.providerId, id);
      await cancelLockedBookingAsProvider(tx, booking, { actorUserId, reason, now });
      cancelled.push({ id, status: "CANCELLED" });
    }
    return { cancelled };
  });
}
