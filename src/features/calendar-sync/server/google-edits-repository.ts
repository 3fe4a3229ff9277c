import { and, asc, eq, gt, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { bookingCalendarEvents, bookings, providerCalendarSettings, providers, services } from "@/server/db/schema";
import type { GoogleConflictDto, GoogleConflictKind } from "../google-edits-types";


export interface OurEventRow {
  bookingId: string;
  googleEventId: string;
  state: "ACTIVE" | "CANCELLED";
  startsAt: Date;
  endsAt: Date;
  conflict: string | null;
}

const ourEventColumns = {
  bookingId: bookingCalendarEvents.bookingId,
  googleEventId: bookingCalendarEvents.googleEventId,
  state: bookingCalendarEvents.state,
  startsAt: bookingCalendarEvents.startsAt,
  endsAt: bookingCalendarEvents.endsAt,
  conflict: bookingCalendarEvents.conflict,
};

/**
 * Which of these Google event ids of one calendar are events of the provider's bookings. Only
 * the calendar's own provider's: two providers may connect one shared calendar.
 */
export async function findOurEvents(db: DbExecutor, calendar: { providerId: string; googleCalendarId: string }, eventIds: string[]): Promise<OurEventRow[]> {
  const rows: OurEventRow[] = [];
  const unique = [...new Set(eventIds)];
  for (let i = 0; i < unique.length; i += 1_000) {
    rows.push(
      ...(await db
        .select(ourEventColumns)
        .from(bookingCalendarEvents)
        .innerJoin(bookings, eq(bookings.id, bookingCalendarEvents.bookingId))
        .where(
          and(
            eq(bookingCalendarEvents.googleCalendarId, calendar.googleCalendarId),
            eq(bookings.providerId, calendar.providerId),
            inArray(bookingCalendarEvents.googleEventId, unique.slice(i, i + 1_000)),
          ),
        )),
    );
  }
  return rows;
}

export interface BookingForEdit {
  id: string;
  providerId: string;
  providerUserId: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  onEventDeleted: "CANCEL" | "FLAG";
  event: OurEventRow | null;
}

/** The booking, its provider's setting and its exported event, read together. */
export async function findBookingForEdit(db: DbExecutor, bookingId: string): Promise<BookingForEdit | null> {
  const [row] = await db
    .select({
      id: bookings.id,
      providerId: bookings.providerId,
      providerUserId: providers.userId,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      onEventDeleted: providerCalendarSettings.onEventDeleted,
      eventBookingId: bookingCalendarEvents.bookingId,
      googleEventId: bookingCalendarEvents.googleEventId,
      state: bookingCalendarEvents.state,
      eventStartsAt: bookingCalendarEvents.startsAt,
      eventEndsAt: bookingCalendarEvents.endsAt,
      conflict: bookingCalendarEvents.conflict,
    })
    .from(bookings)
    .innerJoin(providers, eq(providers.id, bookings.providerId))
    .leftJoin(providerCalendarSettings, eq(providerCalendarSettings.providerId, bookings.providerId))
    .leftJoin(bookingCalendarEvents, eq(bookingCalendarEvents.bookingId, bookings.id))
    .where(eq(bookings.id, bookingId));
  if (!row) return null;
  return {
    id: row.id,
    providerId: row.providerId,
    providerUserId: row.providerUserId,
    status: row.status,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    // No settings row means the defaults: flag, never cancel on the provider's behalf.
    onEventDeleted: row.onEventDeleted ?? "FLAG",
    event:
      row.eventBookingId && row.googleEventId && row.state && row.eventStartsAt && row.eventEndsAt
        ? { bookingId: row.eventBookingId, googleEventId: row.googleEventId, state: row.state, startsAt: row.eventStartsAt, endsAt: row.eventEndsAt, conflict: row.conflict }
        : null,
  };
}

/**
 * Flags an active event. A repeated sighting of the same conflict keeps the first flag's time,
 * so the provider's list does not reshuffle on every sync. Returns whether anything changed.
 */
export async function flagConflict(
  db: DbExecutor,
  input: { bookingId: string; kind: GoogleConflictKind; startsAt: Date | null; endsAt: Date | null; at: Date },
): Promise<boolean> {
  const [current] = await db
    .select({ conflict: bookingCalendarEvents.conflict, startsAt: bookingCalendarEvents.conflictStartsAt, endsAt: bookingCalendarEvents.conflictEndsAt })
    .from(bookingCalendarEvents)
    .where(and(eq(bookingCalendarEvents.bookingId, input.bookingId), eq(bookingCalendarEvents.state, "ACTIVE")))
    .for("update");
  if (!current) return false;
  const same =
    current.conflict === input.kind && current.startsAt?.getTime() === input.startsAt?.getTime() && current.endsAt?.getTime() === input.endsAt?.getTime();
  if (same) return false;
  await db
    .update(bookingCalendarEvents)
    .set({ conflict: input.kind, conflictStartsAt: input.startsAt, conflictEndsAt: input.endsAt, conflictAt: input.at })
    .where(eq(bookingCalendarEvents.bookingId, input.bookingId));
  return true;
}

const noConflict = { conflict: null, conflictStartsAt: null, conflictEndsAt: null, conflictAt: null };

/** Google and the booking agree on these times again: the row records them and any flag goes. */
export async function recordEventTimes(db: DbExecutor, bookingId: string, times: { startsAt: Date; endsAt: Date }): Promise<void> {
  await db
    .update(bookingCalendarEvents)
    .set({ startsAt: times.startsAt, endsAt: times.endsAt, ...noConflict })
    .where(eq(bookingCalendarEvents.bookingId, bookingId));
}

export async function clearConflict(db: DbExecutor, bookingId: string): Promise<void> {
  await db.update(bookingCalendarEvents).set(noConflict).where(eq(bookingCalendarEvents.bookingId, bookingId));
}

/** The event is gone in Google and the booking was cancelled because of it. */
export async function markEventCancelled(db: DbExecutor, bookingId: string): Promise<void> {
  await db
    .update(bookingCalendarEvents)
    .set({ state: "CANCELLED", ...noConflict })
    .where(eq(bookingCalendarEvents.bookingId, bookingId));
}

/** Forgets the exported event, so the export job inserts it again. */
export async function forgetExportedEvent(db: DbExecutor, bookingId: string): Promise<void> {
  await db.delete(bookingCalendarEvents).where(eq(bookingCalendarEvents.bookingId, bookingId));
}

/** A flagged booking as stored; the DTO adds the provider's zone and the actions. */
export type ConflictRow = Omit<GoogleConflictDto, "timeZone" | "actions">;

/** The provider's confirmed, not yet ended bookings whose Google event has an unresolved conflict, oldest flag first. */
export async function findConflicts(db: DbExecutor, input: { providerId: string; now: Date; bookingId?: string }): Promise<ConflictRow[]> {
  const rows = await db
    .select({
      bookingId: bookings.id,
      kind: bookingCalendarEvents.conflict,
      flaggedAt: bookingCalendarEvents.conflictAt,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      googleStartsAt: bookingCalendarEvents.conflictStartsAt,
      googleEndsAt: bookingCalendarEvents.conflictEndsAt,
      serviceName: services.name,
      mode: bookings.mode,
    })
    .from(bookingCalendarEvents)
    .innerJoin(bookings, eq(bookings.id, bookingCalendarEvents.bookingId))
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .where(
      and(
        eq(bookings.providerId, input.providerId),
        eq(bookings.status, "CONFIRMED"),
        gt(bookings.endsAt, input.now),
        eq(bookingCalendarEvents.state, "ACTIVE"),
        isNotNull(bookingCalendarEvents.conflict),
        isNotNull(bookingCalendarEvents.conflictAt),
        ...(input.bookingId ? [eq(bookings.id, input.bookingId)] : []),
      ),
    )
    .orderBy(asc(bookingCalendarEvents.conflictAt), asc(bookings.id));
  return rows.map((row) => ({ ...row, kind: row.kind as GoogleConflictKind, flaggedAt: row.flaggedAt ?? input.now }));
}

/** The database's clock, to compare with rows it stamped. */
export async function databaseNow(db: DbExecutor): Promise<Date> {
  const result = await db.execute<{ now: string }>(sql`SELECT now() AS now`);
  return new Date(result.rows[0]!.now);
}

/** Our live events on a calendar whose row predates `before` (database clock) and that end after `windowStart` (a full listing's window). */
export async function findActiveEventsOfCalendar(
  db: DbExecutor,
  calendar: { providerId: string; googleCalendarId: string },
  before: Date,
  windowStart: Date,
): Promise<OurEventRow[]> {
  return db
    .select(ourEventColumns)
    .from(bookingCalendarEvents)
    .innerJoin(bookings, eq(bookings.id, bookingCalendarEvents.bookingId))
    .where(
      and(
        eq(bookingCalendarEvents.googleCalendarId, calendar.googleCalendarId),
        eq(bookings.providerId, calendar.providerId),
        eq(bookingCalendarEvents.state, "ACTIVE"),
        lt(bookingCalendarEvents.createdAt, before),
        gt(bookingCalendarEvents.endsAt, windowStart),
      ),
    );
}
