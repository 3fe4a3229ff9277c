import { lockProviderTime, updateBooking } from "./bookings-repository";
import { recordBookingTransition } from "./booking-events";
import { lockFutureActiveBookings, releaseOpenHolds } from "./provider-future-bookings-repository";
import type { Transaction } from "./provider-transaction";

/** What the patients of a provider who leaves the platform read as the reason. */
export const PROVIDER_GONE_REASON = "This provider is no longer taking bookings on MedBookings";

export interface CancelProviderFutureBookingsOptions {
  /** The platform admin whose decision this follows (the audit rows name them). */
  actorUserId: string;
  providerId: string;
  now: Date;
}

/**
 * Ends a provider's future on the platform, inside the caller's transaction (the one that changes
 * the provider's status): every pending or confirmed booking starting after `now` is cancelled by
 * SYSTEM with PROVIDER_GONE_REASON (its patient hears through the booking.cancelled message, the
 * provider's calendar follows, reminders are withdrawn: the outbox event of any cancellation), and
 * every hold that could still become a booking is released. Bookings that have started are left
 * as they are. Takes the provider's booking lock first (re-entrant if the caller holds it), so no
 * hold or confirm can slip in between the cancellations and the status change.
 */
export async function cancelProviderFutureBookings(
  tx: Transaction,
  { actorUserId, providerId, now }: CancelProviderFutureBookingsOptions,
): Promise<{ cancelledBookingIds: string[]; releasedHolds: number }> {
  await lockProviderTime(tx, providerId);
  const releasedHolds = await releaseOpenHolds(tx, providerId, now);
  const cancelledBookingIds: string[] = [];
  for (const booking of await lockFutureActiveBookings(tx, providerId, now)) {
    const updated = await updateBooking(tx, booking.id, { status: "CANCELLED", cancelledAt: now, cancelledBy: "SYSTEM", cancellationReason: PROVIDER_GONE_REASON });
    await recordBookingTransition(tx, {
      booking: updated,
      type: "booking.cancelled",
      actor: { userId: actorUserId, role: "SYSTEM" },
      from: booking.status,
      reason: PROVIDER_GONE_REASON,
    });
    cancelledBookingIds.push(updated.id);
  }
  return { cancelledBookingIds, releasedHolds };
}

