import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { BookingRow } from "./bookings-repository";
import { findProviderCutoff } from "./bookings-repository";

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
