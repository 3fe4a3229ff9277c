import { bookingEventTimeZone, buildBookingIcs } from "@/features/bookings";
import { localDateOf } from "@/lib/time";
import type { PatientBookingPurpose } from "./message-context";
import type { EmailAttachment, MessageBooking, MessageContext } from "./types";

/** Invitations for a booking that stands; cancellations for one that does not. */
export function calendarMethodFor(purpose: PatientBookingPurpose): "REQUEST" | "CANCEL" {
  return purpose === "booking.cancelled" || purpose === "booking.declined" ? "CANCEL" : "REQUEST";
}

/** Named by the local day where it happens, like the file the manage page offers. */
export function calendarFilename(booking: MessageBooking): string {
  return `medbookings-${localDateOf(booking.startsAt, bookingEventTimeZone(booking))}.ics`;
}

/**
 * The .ics every patient booking email carries. The same UID for every version of a booking and
 * its calendar sequence make calendar apps update (or remove) the one event they already have.
 */
export function bookingCalendarAttachment(options: {
  ctx: MessageContext;
  purpose: PatientBookingPurpose;
  booking: MessageBooking;
  manageUrl: string;
}): EmailAttachment {
  const { ctx, purpose, booking, manageUrl } = options;
  if (!ctx.senderEmail) throw new Error(`Message ${purpose}: ctx.senderEmail is required (the ORGANIZER of the calendar invitation).`);
  if (!booking.patient.email) throw new Error(`Message ${purpose}: ctx.booking.patient.email is required (the ATTENDEE of the calendar invitation).`);
  const method = calendarMethodFor(purpose);
  return {
    filename: calendarFilename(booking),
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: buildBookingIcs({
      booking,
      manageUrl,
      now: ctx.now,
      method,
      sequence: booking.calendarSequence,
      organizerEmail: ctx.senderEmail,
      attendeeEmail: booking.patient.email,
    }),
  };
}
