import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { BookingRow } from "./bookings-repository";
import { updateBooking } from "./bookings-repository";
import { recordBookingTransition, type BookingEventType } from "./booking-events";
import { lockProviderBooking } from "./lock-provider-booking";
import { inProviderTransaction, type Transaction } from "./provider-transaction";

export interface ProviderActionOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  bookingId: string;
  now: Date;
}

async function transition(
  options: ProviderActionOptions,
  guard: (booking: BookingRow) => void,
  patch: (booking: BookingRow) => Partial<BookingRow>,
  type: BookingEventType,
  reason?: string,
): Promise<{ id: string; status: BookingRow["status"] }> {
  return inProviderTransaction(options.db, options.provider.id, async (tx) => {
    const booking = await lockProviderBooking(tx, options.provider.id, options.bookingId);
    guard(booking);
    const updated = await updateBooking(tx, booking.id, patch(booking));
    await recordBookingTransition(tx, {
      booking: updated,
      type,
      actor: { userId: options.actorUserId, role: "PROVIDER" },
      from: booking.status,
      reason,
    });
    return { id: updated.id, status: updated.status };
  });
}

const refuse = (message: string) => new AppError("PRECONDITION_FAILED", message);

/** Approves or declines a request (PENDING only); declining frees the time. */
export function decideBooking(options: ProviderActionOptions & { decision: "CONFIRM" | "DECLINE"; reason: string }) {
  return transition(
    options,
    (b) => {
      if (b.status !== "PENDING") throw refuse(`Only requests waiting for approval can be ${options.decision === "CONFIRM" ? "confirmed" : "declined"}; this one is ${b.status.toLowerCase()}.`);
    },
    () =>
      options.decision === "CONFIRM"
        ? { status: "CONFIRMED", confirmedAt: options.now }
        : { status: "DECLINED", cancellationReason: options.reason || null, cancelledAt: options.now, cancelledBy: "PROVIDER" },
    options.decision === "CONFIRM" ? "booking.confirmed" : "booking.declined",
    options.reason,
  );
}

function guardProviderCancel(b: BookingRow, now: Date): void {
  if (b.status !== "PENDING" && b.status !== "CONFIRMED") throw refuse(`This booking is ${b.status.toLowerCase()}, so it cannot be cancelled.`);
  if (b.startsAt <= now) throw refuse("This appointment has already started; mark it completed or no-show instead.");
}

const providerCancelPatch = (now: Date, reason: string): Partial<BookingRow> => ({
  status: "CANCELLED",
  cancelledAt: now,
  cancelledBy: "PROVIDER",
  cancellationReason: reason,
});

/** The provider cancels a pending or confirmed booking that has not started, with a reason for the patient. */
export function cancelBookingAsProvider(options: ProviderActionOptions & { reason: string }) {
  return transition(options, (b) => guardProviderCancel(b, options.now), () => providerCancelPatch(options.now, options.reason), "booking.cancelled", options.reason);
}

/**
 * The same provider cancellation of a booking the caller has locked in its own transaction
 * (provider lock first, then the row), for cancelling several at once: the patient hears, and
 * calendars and the outbox follow, exactly as for `cancelBookingAsProvider`.
 */
export async function cancelLockedBookingAsProvider(
  tx: Transaction,
  booking: BookingRow,
  options: { actorUserId: string; reason: string; now: Date },
): Promise<{ id: string; status: BookingRow["status"] }> {
  guardProviderCancel(booking, options.now);
  const updated = await updateBooking(tx, booking.id, providerCancelPatch(options.now, options.reason));
  await recordBookingTransition(tx, {
    booking: updated,
    type: "booking.cancelled",
    actor: { userId: options.actorUserId, role: "PROVIDER" },
    from: booking.status,
    reason: options.reason,
  });
  return { id: updated.id, status: updated.status };
}

/** After the start time: the visit happened, or the patient did not come. */
export function markBookingOutcome(options: ProviderActionOptions & { outcome: "COMPLETED" | "NO_SHOW" }) {
  return transition(
    options,
    (b) => {
      if (b.status !== "CONFIRMED") throw refuse(`Only confirmed bookings can be marked ${options.outcome === "COMPLETED" ? "completed" : "no-show"}.`);
      if (b.startsAt > options.now) throw refuse("This appointment has not started yet.");
    },
    () => ({ status: options.outcome }),
    options.outcome === "COMPLETED" ? "booking.completed" : "booking.no_show",
  );
}
