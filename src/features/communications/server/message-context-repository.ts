import { eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbExecutor } from "@/server/db/client";
import {
  bookingCalendarEvents,
  bookings,
  calendarConnections,
  connectedCalendars,
  contactVerifications,
  locations,
  notificationPreferences,
  patientProfiles,
  providerNotificationSettings,
  providers,
  services,
  users,
} from "@/server/db/schema";
import type { MessageBooking } from "../messages/types";

export interface BookingForMessages {
  booking: MessageBooking;
  status: (typeof bookings.$inferSelect)["status"];
  confirmedAt: Date | null;
  manageTokenNonce: string | null;
  patient: {
    userId: string | null;
    /** The zone the patient booked in (or their profile's): times in messages are shown in it. */
    timeZone: string | null;
    /** The profile's zone, in which a signed-in patient set their quiet hours. */
    profileTimeZone: string | null;
    language: string;
    email: string | null;
    phone: string | null;
    preferences: { emailEnabled: boolean; whatsappEnabled: boolean; smsEnabled: boolean; quietStartMinute: number | null; quietEndMinute: number | null } | null;
  };
  /** The booking's Google side: whether the provider's bookings go to a calendar, and its event there. */
  calendar: {
    /** The provider has a calendar that receives bookings, on a connection that works. */
    exportsBookings: boolean;
    event: { state: "ACTIVE" | "CANCELLED"; meetStatus: "NONE" | "PENDING" | "READY" | "FAILED" } | null;
  };
  provider: {
    userId: string;
    email: string;
    timeZone: string;
    settings: {
      reminderOffsetsMinutes: number[];
      emailNotices: string[];
      whatsappNotices: string[];
      whatsappNumber: string | null;
      quietStartMinute: number | null;
      quietEndMinute: number | null;
    };
  };
}

export const DEFAULT_PROVIDER_SETTINGS: BookingForMessages["provider"]["settings"] = {
  reminderOffsetsMinutes: [1440, 120],
  emailNotices: ["requested", "confirmed", "cancelled", "rescheduled"],
  whatsappNotices: [],
  whatsappNumber: null,
  quietStartMinute: null,
  quietEndMinute: null,
};

const providerUsers = alias(users, "provider_users");
const patientUsers = alias(users, "patient_users");

/** The columns a message about a booking needs; joined from `bookings` (see bookingJoins). */
export const bookingForMessagesColumns = {
  booking: bookings,
  provider: { id: providers.id, slug: providers.slug, displayName: providers.displayName, timeZone: providers.timeZone, userId: providers.userId },
  providerEmail: providerUsers.email,
  service: { id: services.id, name: services.name, durationMinutes: services.durationMinutes },
  location: { id: locations.id, name: locations.name, formattedAddress: locations.formattedAddress, timeZone: locations.timeZone },
  patientEmail: patientUsers.email,
  patientName: patientUsers.name,
  profile: { fullName: patientProfiles.fullName, phone: patientProfiles.phone, language: patientProfiles.preferredLanguage, timeZone: patientProfiles.timeZone },
  preferences: notificationPreferences,
  settings: providerNotificationSettings,
  calendarEvent: { bookingId: bookingCalendarEvents.bookingId, state: bookingCalendarEvents.state, meetStatus: bookingCalendarEvents.meetStatus, meetUrl: bookingCalendarEvents.meetUrl },
  exportsBookings: sql<boolean>`EXISTS (
    SELECT 1 FROM ${connectedCalendars} JOIN ${calendarConnections} ON ${calendarConnections.id} = ${connectedCalendars.connectionId}
    WHERE ${calendarConnections.providerId} = ${bookings.providerId} AND ${connectedCalendars.receivesBookings} AND ${calendarConnections.status} = 'ACTIVE'
  )`,
};

type BookingForMessagesRow = {
  booking: typeof bookings.$inferSelect;
  provider: { id: string; slug: string; displayName: string; timeZone: string; userId: string };
  providerEmail: string;
  service: { id: string; name: string; durationMinutes: number };
  location: { id: string; name: string; formattedAddress: string; timeZone: string } | null;
  patientEmail: string | null;
  patientName: string | null;
  profile: { fullName: string | null; phone: string | null; language: string | null; timeZone: string | null } | null;
  preferences: typeof notificationPreferences.$inferSelect | null;
  settings: typeof providerNotificationSettings.$inferSelect | null;
  calendarEvent: { bookingId: string | null; state: "ACTIVE" | "CANCELLED" | null; meetStatus: "NONE" | "PENDING" | "READY" | "FAILED" | null; meetUrl: string | null } | null;
  exportsBookings: boolean | null;
};

/**
 * Adds the joins of bookingForMessagesColumns to a query that has `bookings` (left joins: the
 * query may start elsewhere, e.g. at a notification without a booking).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- drizzle's select builders share no exported join type
export function withBookingJoins<Q extends { leftJoin: (...args: any[]) => any }>(query: Q): Q {
  return query
    .leftJoin(providers, eq(providers.id, bookings.providerId))
    .leftJoin(providerUsers, eq(providerUsers.id, providers.userId))
    .leftJoin(services, eq(services.id, bookings.serviceId))
    .leftJoin(locations, eq(locations.id, bookings.locationId))
    .leftJoin(patientUsers, eq(patientUsers.id, bookings.patientUserId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, bookings.patientUserId))
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, bookings.patientUserId))
    .leftJoin(providerNotificationSettings, eq(providerNotificationSettings.providerId, bookings.providerId))
    .leftJoin(bookingCalendarEvents, eq(bookingCalendarEvents.bookingId, bookings.id)) as Q;
}

/** Everything a message about one booking needs, as the booking is now. Null when the booking does not exist. */
export async function loadBookingForMessages(db: DbExecutor, bookingId: string): Promise<BookingForMessages | null> {
  const [row] = await withBookingJoins(db.select(bookingForMessagesColumns).from(bookings)).where(eq(bookings.id, bookingId));
  return row ? toBookingForMessages(row as BookingForMessagesRow) : null;
}

/** Several bookings at once (a drain batch), by id; missing ones are absent. */
export async function loadBookingsForMessages(db: DbExecutor, bookingIds: string[]): Promise<Map<string, BookingForMessages>> {
  const out = new Map<string, BookingForMessages>();
  if (bookingIds.length === 0) return out;
  const rows = await withBookingJoins(db.select(bookingForMessagesColumns).from(bookings)).where(inArray(bookings.id, [...new Set(bookingIds)]));
  for (const row of rows) {
    const loaded = toBookingForMessages(row as BookingForMessagesRow);
    if (loaded) out.set(loaded.booking.id, loaded);
  }
  return out;
}

/** Maps a row of bookingForMessagesColumns; null when its booking is missing. */
export function toBookingForMessages(row: BookingForMessagesRow): BookingForMessages | null {
  if (!row.booking?.id || !row.provider?.id || !row.service?.id) return null;
  const b = row.booking;
  const location = row.location?.id ? (row.location as NonNullable<MessageBooking["location"]>) : null;
  const status = b.status === "HELD" || b.status === "EXPIRED" ? "PENDING" : b.status;
  const patientName = b.guestName ?? row.profile?.fullName ?? row.patientName ?? "";
  const email = b.guestEmail ?? row.patientEmail ?? null;
  const phone = b.guestPhone ?? row.profile?.phone ?? null;
  const settings = row.settings;
  const event = row.calendarEvent?.bookingId && row.calendarEvent.state && row.calendarEvent.meetStatus ? { state: row.calendarEvent.state, meetStatus: row.calendarEvent.meetStatus } : null;
  // Only a link Google reported ready, of an event that still stands, reaches a message.
  const meetUrl = event?.state === "ACTIVE" && event.meetStatus === "READY" ? (row.calendarEvent?.meetUrl ?? null) : null;
  return {
    status: b.status,
    confirmedAt: b.confirmedAt,
    manageTokenNonce: b.manageTokenNonce,
    booking: {
      id: b.id,
      status,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      mode: b.mode,
      provider: { id: row.provider.id, slug: row.provider.slug, displayName: row.provider.displayName, timeZone: row.provider.timeZone },
      service: row.service,
      location,
      meetUrl,
      calendarSequence: b.calendarSequence,
      previous: null,
      cancelledBy: b.cancelledBy,
      cancellationReason: b.cancellationReason,
      patient: { name: patientName, email, phone, isGuest: b.patientUserId === null },
    },
    patient: {
      userId: b.patientUserId,
      timeZone: b.patientTimeZone ?? row.profile?.timeZone ?? null,
      profileTimeZone: row.profile?.timeZone ?? null,
      language: row.profile?.language ?? "en",
      email: email?.toLowerCase() ?? null,
      phone,
      preferences: row.preferences
        ? {
            emailEnabled: row.preferences.emailEnabled,
            whatsappEnabled: row.preferences.whatsappEnabled,
            smsEnabled: row.preferences.smsEnabled,
            quietStartMinute: row.preferences.quietStartMinute,
            quietEndMinute: row.preferences.quietEndMinute,
          }
        : null,
    },
    calendar: { exportsBookings: row.exportsBookings === true, event },
    provider: {
      userId: row.provider.userId,
      email: row.providerEmail.toLowerCase(),
      timeZone: row.provider.timeZone,
      settings: settings
        ? {
            reminderOffsetsMinutes: settings.reminderOffsetsMinutes,
            emailNotices: settings.emailNotices,
            whatsappNotices: settings.whatsappNotices,
            whatsappNumber: settings.whatsappNumber,
            quietStartMinute: settings.quietStartMinute,
            quietEndMinute: settings.quietEndMinute,
          }
        : DEFAULT_PROVIDER_SETTINGS,
    },
  };
}

/** Who to tell about a calendar connection: its provider's user and sign-in email, and the Google account. */
export async function findCalendarConnectionOwner(db: DbExecutor, connectionId: string): Promise<{ userId: string; email: string; googleEmail: string; status: "ACTIVE" | "NEEDS_RECONNECT" } | null> {
  const [row] = await db
    .select({ userId: providers.userId, email: providerUsers.email, googleEmail: calendarConnections.googleEmail, status: calendarConnections.status })
    .from(calendarConnections)
    .innerJoin(providers, eq(providers.id, calendarConnections.providerId))
    .innerJoin(providerUsers, eq(providerUsers.id, providers.userId))
    .where(eq(calendarConnections.id, connectionId));
  return row ? { ...row, email: row.email.toLowerCase() } : null;
}

export async function findVerification(db: DbExecutor, id: string) {
  const [row] = await db.select().from(contactVerifications).where(eq(contactVerifications.id, id));
  return row ?? null;
}
