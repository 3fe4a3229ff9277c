"use client";

import { ProviderBookingsList, type BookingExtras } from "@/features/bookings";
import { BookingMessages, SavePatientCard } from "@/features/communications";

const CARD_STATUSES = new Set(["PENDING", "CONFIRMED", "COMPLETED", "NO_SHOW"]);

/** The provider's bookings, each with its message log and, while the card is kept, the patient's contact card. */
const extras: BookingExtras = (booking, timeZone) => (
  <div className="space-y-2 border-t border-slate-200 pt-2">
    {CARD_STATUSES.has(booking.status) ? <SavePatientCard bookingId={booking.id} /> : null}
    <BookingMessages bookingId={booking.id} timeZone={timeZone} />
  </div>
);

export function BookingsWithMessages() {
  return <ProviderBookingsList extras={extras} />;
}
