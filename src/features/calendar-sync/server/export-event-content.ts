import { bookingEventTimeZone } from "@/features/bookings";
import type { InsertEventInput, SendUpdates } from "@/server/integrations/google/types";
import type { BookingForExport } from "./export-repository";

/** Our Google event id for a booking: its UUID without dashes is base32hex (0-9, a-f) and 32 characters long. */
export function eventIdFor(bookingId: string): string {
  return bookingId.replace(/-/g, "").toLowerCase();
}

export type EventContent = Pick<InsertEventInput, "title" | "description" | "location" | "timeZone" | "attendees" | "withMeet" | "sendUpdates">;

/**
 * What the provider's calendar shows for a booking. A calendar is often shared with staff or
 * family and synced to phones and watches, so the event says only that there is a MedBookings
 * appointment and where: never the service (a service name such as a test or a specialty can
 * reveal a condition), the patient's name, contact or notes. The provider opens the booking in
 * the provider area for those. The patient is added as an attendee (and Google emails them) only
 * when the provider opted in to inviting patients.
 */
export function eventContentFor(booking: BookingForExport, appUrl: string): EventContent {
  const online = booking.mode === "ONLINE";
  const place = online || !booking.location ? "online" : booking.location.name;
  const invite = booking.invitePatient && booking.patient.email !== null;
  const sendUpdates: SendUpdates = invite ? "all" : "none";
  return {
    title: `MedBookings appointment (${place})`,
    description: [
      "Booked on MedBookings.",
      online ? "Online visit." : null,
      `Details and patient contact: ${appUrl.replace(/\/+$/, "")}/provider/bookings`,
    ]
      .filter((line): line is string => line !== null)
      .join("\n"),
    location: !online && booking.location ? `${booking.location.name}, ${booking.location.formattedAddress}` : undefined,
    timeZone: bookingEventTimeZone({ mode: booking.mode, location: booking.location, provider: { timeZone: booking.providerTimeZone } }),
    attendees: invite ? [{ email: booking.patient.email!, ...(booking.patient.name ? { displayName: booking.patient.name } : {}) }] : undefined,
    withMeet: online,
    sendUpdates,
  };
}
