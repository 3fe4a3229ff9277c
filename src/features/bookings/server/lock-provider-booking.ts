import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import { lockBookingById, type BookingRow } from "./bookings-repository";

/** A booking of this provider, locked; another provider's booking is simply not found. */
export async function lockProviderBooking(db: DbExecutor, providerId: string, bookingId: string): Promise<BookingRow> {
  const booking = await lockBookingById(db, bookingId);
  if (!booking || booking.providerId !== providerId || booking.status === "HELD" || booking.status === "EXPIRED") {
    throw new AppError("NOT_FOUND", "We could not find this booking.");
  }
  return booking;
}
