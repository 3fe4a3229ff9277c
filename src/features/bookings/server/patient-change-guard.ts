import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { BookingRow } from "./bookings-repository";
import { findProviderCutoff } from "./bookings-repository";

/**
 * How long after the appointment ends a manage link keeps working: long enough to fetch the
 * calendar file or check a past visit, short enough that an old email or a leaked URL stops
 * exposing the booking. Signed-in patients keep their history under My bookings.
 */
export const MANAGE_LINK_DAYS_AFTER_END = 30;

export function isManageLinkExpired(booking: { endsAt: Date }, now: Date): boolean {
  return now.getTime() > booking.endsAt.getTime() + MANAGE_LINK_DAYS_AFTER_END * 24 * 60 * 60_000;
}

/** NOT_FOUND, like an unknown link: an expired link confirms nothing about the booking. */
export function manageLinkExpiredError(): AppError {
  return new AppError(
    "NOT_FOUND",
    `This link has expired: booking links stop working ${MANAGE_LINK_DAYS_AFTER_END} days after the appointment. Sign in with the same email to see your past bookings under My bookings, or contact the practice.`,
    { reason: "MANAGE_LINK_EXPIRED" },
  );
}

/** A patient may change a pending or confirmed booking until the provider's cutoff before it starts. */
export async function assertPatientMayChange(db: DbExecutor, booking: BookingRow, now: Date, verb: "cancel" | "reschedule"): Promise<void> {
  if (booking.status !== "PENDING" && booking.status !== "CONFIRMED") {
    throw new AppError("PRECONDITION_FAILED", `This booking is ${booking.status.toLowerCase().replace("_", " ")}, so it cannot be changed.`);
  }
  const cutoffMinutes = await findProviderCutoff(db, booking.providerId);
  if (now.getTime() > booking.startsAt.getTime() - cutoffMinutes * 60_000) {
    const hours = Math.round(cutoffMinutes / 6) / 10;
    throw new AppError(
      "PRECONDITION_FAILED",
      `It is too late to ${verb} online: this provider accepts changes until ${cutoffMinutes >= 120 ? `${hours} hours` : `${cutoffMinutes} minutes`} before the appointment. Please contact the practice.`,
    );
  }
}
