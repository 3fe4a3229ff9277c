import { and, eq, gt, or, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import {
  bookingCalendarEvents,
  bookings,
  calendarConnections,
  connectedCalendars,
  locations,
  patientProfiles,
  providerCalendarSettings,
  providers,
  users,
} from "@/server/db/schema";
import { addJobs, type JobSpec } from "@/server/jobs/job-repository";

export type BookingEventRow = typeof bookingCalendarEvents.$inferSelect;
export type MeetStatus = BookingEventRow["meetStatus"];

export interface BookingForExport {
  id: string;
  providerId: string;
  status: (typeof bookings.$inferSelect)["status"];
  mode: "IN_PERSON" | "ONLINE";
  locationId: string | null;
  startsAt: Date;
  endsAt: Date;
  providerTimeZone: string;
  location: { name: string; formattedAddress: string; timeZone: string } | null;
  /** Only used when the provider opted in to inviting patients. */
  patient: { name: string | null; email: string | null };
  invitePatient: boolean;
  /** The Google event this booking was exported to, if any. */
  event: BookingEventRow | null;
}

/** Holds the booking's export lock for the rest of the transaction: exports and Meet polls of one booking run one at a time. */
export async function lockBookingExport(db: DbExecutor, bookingId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`calendar-export:${bookingId}`}, 0))`);
}

export async function findBookingForExport(db: DbExecutor, bookingId: string): Promise<BookingForExport | null> {
  const [row] = await db
    .select({
      booking: {
        id: bookings.id,
        providerId: bookings.providerId,
        status: bookings.status,
        mode: bookings.mode,
        startsAt: bookings.startsAt,
        endsAt: bookings.endsAt,
        guestName: bookings.guestName,
        guestEmail: bookings.guestEmail,
      },
      providerTimeZone: providers.timeZone,
      location: { id: locations.id, name: locations.name, formattedAddress: locations.formattedAddress, timeZone: locations.timeZone },
      userEmail: users.email,
      userName: users.name,
      profileName: patientProfiles.fullName,
      invitePatient: providerCalendarSettings.invitePatient,
      event: bookingCalendarEvents,
    })
    .from(bookings)
    .innerJoin(providers, eq(providers.id, bookings.providerId))
    .leftJoin(locations, eq(locations.id, bookings.locationId))
    .leftJoin(users, eq(users.id, bookings.patientUserId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, bookings.patientUserId))
    .leftJoin(providerCalendarSettings, eq(providerCalendarSettings.providerId, bookings.providerId))
    .leftJoin(bookingCalendarEvents, eq(bookingCalendarEvents.bookingId, bookings.id))
    .where(eq(bookings.id, bookingId));
  if (!row) return null;
  const b = row.booking;
  return {
    id: b.id,
    providerId: b.providerId,
    status: b.status,
    mode: b.mode,
    locationId: row.location?.id ?? null,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    providerTimeZone: row.providerTimeZone,
    location: row.location?.id ? { name: row.location.name, formattedAddress: row.location.formattedAddress, timeZone: row.location.timeZone } : null,
    patient: { name: b.guestName ?? row.profileName ?? row.userName ?? null, email: b.guestEmail ?? row.userEmail ?? null },
    invitePatient: row.invitePatient ?? false,
    event: row.event?.bookingId ? row.event : null,
  };
}

export interface CalendarTarget {
  calendarId: string;
  connectionId: string;
  googleCalendarId: string;
  connectionStatus: "ACTIVE" | "NEEDS_RECONNECT";
}

const calendarTargetColumns = {
  calendarId: connectedCalendars.id,
  connectionId: calendarConnections.id,
  googleCalendarId: connectedCalendars.googleCalendarId,
  connectionStatus: calendarConnections.status,
};

/**
 * The calendar that receives the provider's bookings, whatever its connection's state (the caller
 * decides what a connection that needs reconnecting means). The oldest one if several are marked.
 */
export async function findReceivingCalendar(db: DbExecutor, providerId: string): Promise<CalendarTarget | null> {
  const [row] = await db
    .select(calendarTargetColumns)
    .from(connectedCalendars)
    .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
    .where(and(eq(calendarConnections.providerId, providerId), eq(connectedCalendars.receivesBookings, true)))
    .orderBy(sql`${calendarConnections.status} = 'ACTIVE' DESC`, connectedCalendars.createdAt)
    .limit(1);
  return row ?? null;
}

/** The calendar (and its connection) an exported event lives in; null when the calendar was removed. */
export async function findCalendarById(db: DbExecutor, calendarId: string): Promise<CalendarTarget | null> {
  const [row] = await db
    .select(calendarTargetColumns)
    .from(connectedCalendars)
    .innerJoin(calendarConnections, eq(calendarConnections.id, connectedCalendars.connectionId))
    .where(eq(connectedCalendars.id, calendarId));
  return row ?? null;
}

export type BookingEventWrite = Pick<BookingEventRow, "calendarId" | "googleCalendarId" | "googleEventId" | "state" | "startsAt" | "endsAt" | "etag" | "meetStatus" | "meetUrl" | "mode" | "locationId">;

/** Records what was written to Google (one row per booking). */
export async function saveBookingEvent(db: DbExecutor, bookingId: string, write: BookingEventWrite): Promise<void> {
  await db
    .insert(bookingCalendarEvents)
    .values({ bookingId, ...write })
    .onConflictDoUpdate({ target: bookingCalendarEvents.bookingId, set: { ...write, updatedAt: sql`now()` } });
}

export async function updateBookingEvent(db: DbExecutor, bookingId: string, changes: Partial<BookingEventWrite>): Promise<void> {
  await db
    .update(bookingCalendarEvents)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(bookingCalendarEvents.bookingId, bookingId));
}

export const exportJobKey = (bookingId: string) => `calendar-export:${bookingId}`;
export const meetPollJobKey = (bookingId: string) => `calendar-meet-poll:${bookingId}`;

/**
 * graphile-worker's own retries of an export: its backoff (exp(attempt) seconds, at most ~6 h
 * apart) over 25 attempts spans about four days, so exports wait out a Google outage in the queue.
 */
export const EXPORT_MAX_ATTEMPTS = 25;

export function exportJob(bookingId: string, runAt?: Date): JobSpec<"calendar.export"> {
  return { name: "calendar.export", payload: { bookingId }, options: { jobKey: exportJobKey(bookingId), maxAttempts: EXPORT_MAX_ATTEMPTS, ...(runAt ? { runAt } : {}) } };
}

/**
 * The provider's bookings whose Google event may need writing now: those still to end that are
 * confirmed, or that have a live event (a cancellation that could not reach Google yet).
 */
export async function listBookingsToExport(db: DbExecutor, providerId: string, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: bookings.id })
    .from(bookings)
    .leftJoin(bookingCalendarEvents, eq(bookingCalendarEvents.bookingId, bookings.id))
    .where(
      and(
        eq(bookings.providerId, providerId),
        gt(bookings.endsAt, now),
        or(eq(bookings.status, "CONFIRMED"), eq(bookingCalendarEvents.state, "ACTIVE")),
      ),
    );
  return rows.map((row) => row.id);
}

export async function addExportJobs(db: DbExecutor, bookingIds: string[]): Promise<void> {
  for (let i = 0; i < bookingIds.length; i += 1_000) {
    await addJobs(db, bookingIds.slice(i, i + 1_000).map((id) => exportJob(id)));
  }
}
