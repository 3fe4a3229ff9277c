import { AppError } from "@/lib/errors/app-error";
import type { Database, DbExecutor } from "@/server/db/client";
import { recordBookingTransition } from "./booking-events";
import { updateBooking, type BookingRow } from "./bookings-repository";
import { hasExternalBusy } from "./external-busy-repository";
import { lockProviderBooking } from "./lock-provider-booking";
import { inProviderTransaction } from "./provider-transaction";
import { isExclusionViolation } from "./slot-taken";

export interface RescheduleBookingAsProviderOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  bookingId: string;
  startsAt: Date;
  endsAt: Date;
  now: Date;
  /** Refuse (CONFLICT) unless the booking is still at these times, so a decision taken on an older read is not applied. */
  ifStillAt?: { startsAt: Date; endsAt: Date };
  /** Further writes that must commit with the move (e.g. the calendar event's recorded times). */
  alsoInTransaction?: (tx: DbExecutor, booking: BookingRow) => Promise<void>;
}

const sameTimes = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();

/**
 * The provider moves a confirmed booking to a time they chose (in their Google Calendar, or by
 * confirming such a move), so working hours and the service's grid do not apply; the time only
 * has to be free. The booking keeps its buffers, and its blocked span (buffers included) must
 * not overlap imported busy time; other bookings and holds are kept out by the exclusion
 * constraint, checked by the UPDATE under the provider's lock. The patient is told through the
 * usual booking.rescheduled event (acted by the PROVIDER), which also grows the calendar SEQUENCE.
 * Throws SLOT_TAKEN when the time is not free, leaving the booking where it was.
 */
export async function rescheduleBookingAsProvider(options: RescheduleBookingAsProviderOptions): Promise<{ id: string; startsAt: Date; endsAt: Date }> {
  const { db, provider, startsAt, endsAt, now } = options;
  if (!(endsAt > startsAt)) throw new AppError("VALIDATION", "The new end must be after the new start.", { fieldErrors: { endsAt: ["The new end must be after the new start."] } });
  if (startsAt <= now) throw new AppError("VALIDATION", "An appointment cannot be moved into the past.", { fieldErrors: { startsAt: ["Choose a time in the future."] } });
  try {
    return await inProviderTransaction(db, provider.id, async (tx) => {
      const booking = await lockProviderBooking(tx, provider.id, options.bookingId);
      if (booking.status !== "CONFIRMED") throw new AppError("PRECONDITION_FAILED", `This booking is ${booking.status.toLowerCase()}, so it cannot be moved.`);
      if (booking.startsAt <= now) throw new AppError("PRECONDITION_FAILED", "This appointment has already started, so it cannot be moved.");
      if (options.ifStillAt && !sameTimes(booking, options.ifStillAt)) throw new AppError("CONFLICT", "This booking changed meanwhile. Look at it again and retry.", { retryable: false });
      const blockedStartsAt = new Date(startsAt.getTime() - booking.bufferBeforeMinutes * 60_000);
      const blockedEndsAt = new Date(endsAt.getTime() + booking.bufferAfterMinutes * 60_000);
      if (await hasExternalBusy(tx, { providerId: provider.id, from: blockedStartsAt, to: blockedEndsAt })) throw takenError();
      const updated = await updateBooking(tx, booking.id, { startsAt, endsAt, blockedStartsAt, blockedEndsAt });
      await recordBookingTransition(tx, {
        booking: updated,
        type: "booking.rescheduled",
        actor: { userId: options.actorUserId, role: "PROVIDER" },
        from: booking.status,
        previous: { startsAt: booking.startsAt, endsAt: booking.endsAt, mode: booking.mode, locationId: booking.locationId },
      });
      await options.alsoInTransaction?.(tx, updated);
      return { id: updated.id, startsAt: updated.startsAt, endsAt: updated.endsAt };
    });
  } catch (error) {
    if (isExclusionViolation(error)) throw takenError();
    throw error;
  }
}

function takenError(): AppError {
  return new AppError("SLOT_TAKEN", "That time is not free: another booking or something in your calendar overlaps it (buffers included).");
}
