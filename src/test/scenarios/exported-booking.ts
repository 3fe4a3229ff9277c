import { bookingCalendarEvents, bookings, calendarConnections, connectedCalendars } from "@/server/db/schema";
import type { Database } from "@/server/db/client";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import type { BookingWorld } from "./booking-world";

/** A Google calendar of the world's provider that blocks availability and receives bookings. */
export async function connectWorldCalendar(db: Database, world: BookingWorld, googleCalendarId: string, options: { blocksAvailability?: boolean } = {}) {
  const [connection] = await db
    .insert(calendarConnections)
    .values({ providerId: world.provider.id, googleSubject: `sub-${world.provider.id}`, googleEmail: googleCalendarId })
    .returning();
  const [calendar] = await db
    .insert(connectedCalendars)
    .values({ connectionId: connection!.id, googleCalendarId, name: "Clinic", timeZone: "Europe/London", blocksAvailability: options.blocksAvailability ?? true, receivesBookings: true })
    .returning();
  return calendar!;
}

/** A confirmed in-person guest booking of the world's provider, written as confirm-booking would leave it. */
export async function createConfirmedBooking(db: Database, world: BookingWorld, startsAt: Date, service: BookingWorld["services"][keyof BookingWorld["services"]] = world.services.short) {
  const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
  const [booking] = await db
    .insert(bookings)
    .values({
      providerId: world.provider.id,
      serviceId: service.id,
      locationId: world.location.id,
      mode: "IN_PERSON",
      startsAt,
      endsAt,
      bufferBeforeMinutes: service.bufferBeforeMinutes,
      bufferAfterMinutes: service.bufferAfterMinutes,
      blockedStartsAt: new Date(startsAt.getTime() - service.bufferBeforeMinutes * 60_000),
      blockedEndsAt: new Date(endsAt.getTime() + service.bufferAfterMinutes * 60_000),
      status: "CONFIRMED",
      confirmedAt: startsAt,
      guestName: "Gail Guest",
      guestEmail: "gail@example.test",
      patientTimeZone: "Europe/London",
    })
    .returning();
  return booking!;
}

export const googleEventIdOf = (bookingId: string) => bookingId.replace(/-/g, "");

/** What the export does for a confirmed booking: the event in Google (our id, our marker), then its row. */
export async function exportBooking(
  db: Database,
  google: GoogleCalendarIntegration,
  input: { accessToken: string; calendar: { id: string; googleCalendarId: string }; booking: { id: string; startsAt: Date; endsAt: Date } },
) {
  const eventId = googleEventIdOf(input.booking.id);
  const event = await google.insertEvent({
    accessToken: input.accessToken,
    calendarId: input.calendar.googleCalendarId,
    eventId,
    bookingId: input.booking.id,
    title: "MedBookings appointment",
    startsAt: input.booking.startsAt,
    endsAt: input.booking.endsAt,
    timeZone: "Europe/London",
  });
  await db.insert(bookingCalendarEvents).values({
    bookingId: input.booking.id,
    calendarId: input.calendar.id,
    googleCalendarId: input.calendar.googleCalendarId,
    googleEventId: eventId,
    startsAt: input.booking.startsAt,
    endsAt: input.booking.endsAt,
    etag: event.etag,
  });
  return eventId;
}
