import type { BookingModeValue } from "./types";

/** A pending or confirmed booking that a closure or time off leaves without its time or place. */
export interface AffectedBookingDto {
  id: string;
  status: "PENDING" | "CONFIRMED";
  startsAt: Date;
  endsAt: Date;
  mode: BookingModeValue;
  /** The zone the visit's time is read in: the location's for in person, the provider's online. */
  timeZone: string;
  providerName: string;
  serviceName: string;
  patientName: string;
  locationName: string | null;
}

export interface AffectedBookingsDto {
  /** What covers them, for the heading: the closure's or time off's name and its local dates. */
  name: string;
  startDate: string;
  endDate: string;
  bookings: AffectedBookingDto[];
}

export interface CancelledAffectedDto {
  cancelled: { id: string; status: "CANCELLED" }[];
}
