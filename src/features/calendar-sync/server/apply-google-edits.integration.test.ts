import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bookingCalendarEvents, bookings, connectedCalendars, externalBusyIntervals, outboxEvents, providerCalendarSettings } from "@/server/db/schema";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import type { TestDatabase } from "@/test/db";
import { startCalendarTestbed, type CalendarTestbed } from "@/test/google-calendar";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { connectWorldCalendar, createConfirmedBooking, exportBooking } from "@/test/scenarios/exported-booking";
import { anonymous, callerFor } from "@/test/trpc";
import { PROVIDER, type GoogleHarness } from "../../../../local-cloud/google/test-helpers";
import { DELETED_IN_GOOGLE_REASON } from "./apply-google-edits";
import { syncCalendar } from "./sync-calendar";
import { decodePublicSlots } from "@/features/availability";

// Edits the provider makes in Google to events MedBookings exported flow back through the sync:
// the emulator plays the calendar owner (as the Inbox's calendar controls do), the sync runs
// through the real @googleapis/calendar client, and the bookings feature does the rest.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MINUTE);
/** Tuesday 2 March 2027 in London (GMT). */
const TUESDAY_1100 = at(TUESDAY_0900, 120);

let db: TestDatabase;
let h: GoogleHarness;
let google: GoogleCalendarIntegration;
let testbed: CalendarTestbed;

beforeAll(async () => {
  testbed = await startCalendarTestbed();
  ({ db, h, google } = testbed);
});
afterAll(() => testbed?.close());

let world: BookingWorld;
let calendar: Awaited<ReturnType<typeof connectWorldCalendar>>;
let clock = MONDAY_0800.getTime();
/** Monday 08:00 onwards, a second per sync, so runs sort in the order they ran. */
const tick = () => new Date((clock += 1_000));

beforeEach(async () => {
  for (const event of h.emulator.snapshot().calendars.find((c) => c.id === PROVIDER)?.events ?? []) {
    if (event.status !== "cancelled") h.emulator.deleteEvent(PROVIDER, String(event.id));
  }
  world = await createBookingWorld(db.db);
  calendar = await connectWorldCalendar(db.db, world, PROVIDER);
});

const sync = (googleClient: Pick<GoogleCalendarIntegration, "listEventChanges"> = google) =>
  syncCalendar({ db: db.db, google: googleClient, calendarId: calendar.id, accessToken: h.accessToken, now: tick() });

/** A confirmed booking, exported to Google, with the calendar synced once since (so the next sync is incremental). */
async function exported(startsAt = TUESDAY_0900, service = world.services.short) {
  const booking = await createConfirmedBooking(db.db, world, startsAt, service);
  const eventId = await exportBooking(db.db, google, { accessToken: h.accessToken, calendar, booking });
  const first = await sync();
  expect(first).toMatchObject({ outcome: "OK" });
  expect(first).not.toHaveProperty("googleEdits");
  return { booking, eventId };
}

const moveInGoogle = (eventId: string, startsAt: Date, endsAt: Date) =>
  h.emulator.moveEvent(PROVIDER, eventId, { start: { dateTime: startsAt.toISOString(), timeZone: "Europe/London" }, end: { dateTime: endsAt.toISOString(), timeZone: "Europe/London" } });

const bookingRow = async (id: string) => (await db.db.select().from(bookings).where(eq(bookings.id, id)))[0]!;
const eventRow = async (id: string) => (await db.db.select().from(bookingCalendarEvents).where(eq(bookingCalendarEvents.bookingId, id)))[0]!;
const events = (bookingId: string, type: string) =>
  db.db.select().from(outboxEvents).where(and(eq(outboxEvents.aggregateId, bookingId), eq(outboxEvents.type, type))).orderBy(asc(outboxEvents.id));
const setDeletedAction = (onEventDeleted: "CANCEL" | "FLAG") => db.db.insert(providerCalendarSettings).values({ providerId: world.provider.id, onEventDeleted });

async function shortSlotStarts() {
  const { slots } = decodePublicSlots(await callerFor(db.db, anonymous, () => MONDAY_0800).availability.slots({ providerId: world.provider.id, serviceId: world.services.short.id, from: MONDAY_0800, days: 3 }));
  return slots.filter((slot) => slot.mode === "IN_PERSON").map((slot) => new Date(slot.startsAt).toISOString());
}

describe("our event moved in Google", () => {
  it("to a free time: the booking follows as the provider's reschedule, the patient is told, the old time is offered again", async () => {
    const { booking, eventId } = await exported();
    expect(await shortSlotStarts()).not.toContain(TUESDAY_0900.toISOString());
    moveInGoogle(eventId, TUESDAY_1100, at(TUESDAY_1100, 30));

    expect(await sync()).toMatchObject({ outcome: "OK", kind: "INCREMENTAL", googleEdits: ["rescheduled"] });

    const moved = await bookingRow(booking.id);
    expect(moved).toMatchObject({ status: "CONFIRMED", startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 30), blockedStartsAt: TUESDAY_1100, blockedEndsAt: at(TUESDAY_1100, 30) });
    expect(moved.calendarSequence).toBe(booking.calendarSequence + 1);
    const [rescheduled, ...more] = await events(booking.id, "booking.rescheduled");
    expect(more).toEqual([]);
    expect(rescheduled?.payload).toMatchObject({
      actorRole: "PROVIDER",
      startsAt: TUESDAY_1100.toISOString(),
      previous: { startsAt: TUESDAY_0900.toISOString() },
      calendarSequence: booking.calendarSequence + 1,
    });
    expect(await eventRow(booking.id)).toMatchObject({ startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 30), conflict: null, state: "ACTIVE" });
    // Our event is never foreign busy time, wherever it sits.
    expect(await db.db.select().from(externalBusyIntervals).where(eq(externalBusyIntervals.providerId, world.provider.id))).toEqual([]);

    const slots = await shortSlotStarts();
    expect(slots).toContain(TUESDAY_0900.toISOString());
    expect(slots).not.toContain(TUESDAY_1100.toISOString());
    expect(slots).not.toContain(at(TUESDAY_1100, -15).toISOString());

    // The export then patches Google to the booking's times (already there): nothing more happens.
    expect(await sync()).not.toHaveProperty("googleEdits");
    expect(await events(booking.id, "booking.rescheduled")).toHaveLength(1);
  });

  it("keeps the booking's buffers around the provider's new times, length included", async () => {
    const { booking, eventId } = await exported(TUESDAY_0900, world.services.long);
    moveInGoogle(eventId, TUESDAY_1100, at(TUESDAY_1100, 60));
    expect(await sync()).toMatchObject({ googleEdits: ["rescheduled"] });
    expect(await bookingRow(booking.id)).toMatchObject({ startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 60), blockedStartsAt: at(TUESDAY_1100, -5), blockedEndsAt: at(TUESDAY_1100, 70) });
  });

  it("onto another booking (buffers included) or onto foreign busy time: flagged for the provider, booking unchanged", async () => {
    const other = await createConfirmedBooking(db.db, world, at(TUESDAY_1100, 40), world.services.long);
    const { booking, eventId } = await exported();
    // The other booking is 11:40-12:25 with a 5-minute buffer before: 11:10-11:40 reaches into that buffer only.
    moveInGoogle(eventId, at(TUESDAY_1100, 10), at(TUESDAY_1100, 40));
    expect(await sync()).toMatchObject({ googleEdits: ["flagged"] });
    expect(await bookingRow(booking.id)).toMatchObject({ startsAt: TUESDAY_0900, status: "CONFIRMED" });
    expect(await eventRow(booking.id)).toMatchObject({
      conflict: "moved_onto_busy_time",
      conflictStartsAt: at(TUESDAY_1100, 10),
      conflictEndsAt: at(TUESDAY_1100, 40),
      conflictAt: expect.any(Date),
      startsAt: TUESDAY_0900,
    });
    expect(await events(booking.id, "booking.rescheduled")).toEqual([]);
    expect(await bookingRow(other.id)).toMatchObject({ startsAt: at(TUESDAY_1100, 40) });

    // A foreign event at 14:00 is busy time: moving ours onto it is flagged too.
    const afternoon = at(TUESDAY_0900, 300);
    h.emulator.createEvent(PROVIDER, { summary: "Dentist", start: { dateTime: afternoon.toISOString() }, end: { dateTime: at(afternoon, 60).toISOString() } });
    moveInGoogle(eventId, at(afternoon, 30), at(afternoon, 60));
    expect(await sync()).toMatchObject({ googleEdits: ["flagged"] });
    expect(await eventRow(booking.id)).toMatchObject({ conflict: "moved_onto_busy_time", conflictStartsAt: at(afternoon, 30) });
    expect(await bookingRow(booking.id)).toMatchObject({ startsAt: TUESDAY_0900 });

    // Moved back to the booking's own time in Google: the conflict resolves itself.
    moveInGoogle(eventId, TUESDAY_0900, at(TUESDAY_0900, 30));
    expect(await sync()).toMatchObject({ googleEdits: ["in_step"] });
    expect(await eventRow(booking.id)).toMatchObject({ conflict: null, conflictAt: null });
  });

  it("our own patch (Google shows the booking's times, before the export recorded them) changes nothing", async () => {
    const { booking, eventId } = await exported();
    // The patient moved the booking; the export patched Google and has not yet written its row.
    await db.db.update(bookings).set({ startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 30), blockedStartsAt: TUESDAY_1100, blockedEndsAt: at(TUESDAY_1100, 30) }).where(eq(bookings.id, booking.id));
    await google.patchEvent({ accessToken: h.accessToken, calendarId: PROVIDER, eventId, startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 30), timeZone: "Europe/London" });
    expect(await sync()).toMatchObject({ googleEdits: ["in_step"] });
    expect(await bookingRow(booking.id)).toMatchObject({ startsAt: TUESDAY_1100, calendarSequence: booking.calendarSequence });
    expect(await events(booking.id, "booking.rescheduled")).toEqual([]);
    expect(await eventRow(booking.id)).toMatchObject({ startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 30) });
  });

  it("a full listing that finds our event where we last wrote it, while the booking moved on, leaves the booking alone", async () => {
    const { booking } = await exported();
    await db.db.update(bookings).set({ startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 30), blockedStartsAt: TUESDAY_1100, blockedEndsAt: at(TUESDAY_1100, 30) }).where(eq(bookings.id, booking.id));
    h.emulator.invalidateSyncTokens(PROVIDER);
    const result = await sync();
    expect(result).toMatchObject({ outcome: "RESYNC" });
    expect(result).not.toHaveProperty("googleEdits");
    expect(await bookingRow(booking.id)).toMatchObject({ startsAt: TUESDAY_1100 });
  });

  it("racing syncs apply the move once", async () => {
    const { booking, eventId } = await exported();
    moveInGoogle(eventId, TUESDAY_1100, at(TUESDAY_1100, 30));
    const results = await Promise.all([sync(), sync(), sync()]);
    expect(results.flatMap((result) => ("googleEdits" in result ? (result.googleEdits ?? []) : []))).toEqual(["rescheduled"]);
    expect(await events(booking.id, "booking.rescheduled")).toHaveLength(1);
    expect(await bookingRow(booking.id)).toMatchObject({ startsAt: TUESDAY_1100, calendarSequence: booking.calendarSequence + 1 });
  });

  it("made all-day, turned into a series, or moved into the past: flagged, booking unchanged", async () => {
    const first = await exported();
    h.emulator.patchEvent(PROVIDER, first.eventId, { start: { date: "2027-03-02" }, end: { date: "2027-03-03" } });
    expect(await sync()).toMatchObject({ googleEdits: ["flagged"] });
    expect(await eventRow(first.booking.id)).toMatchObject({ conflict: "unsupported_change", conflictStartsAt: null });
    expect(await bookingRow(first.booking.id)).toMatchObject({ startsAt: TUESDAY_0900, status: "CONFIRMED" });
    // The all-day version does not block the day as foreign busy time either: it is ours.
    expect(await db.db.select().from(externalBusyIntervals).where(eq(externalBusyIntervals.providerId, world.provider.id))).toEqual([]);

    const second = await exported(TUESDAY_1100);
    h.emulator.patchEvent(PROVIDER, second.eventId, { recurrence: ["RRULE:FREQ=WEEKLY;COUNT=3"] });
    const result = await sync();
    expect(result).toMatchObject({ googleEdits: ["flagged"] });
    expect(await eventRow(second.booking.id)).toMatchObject({ conflict: "unsupported_change" });

    const third = await exported(at(TUESDAY_0900, 24 * 60));
    moveInGoogle(third.eventId, at(MONDAY_0800, -HOUR / MINUTE), MONDAY_0800);
    expect(await sync()).toMatchObject({ googleEdits: ["flagged"] });
    expect(await eventRow(third.booking.id)).toMatchObject({ conflict: "unsupported_change" });
  });
});

describe("our event deleted in Google", () => {
  it("with the default (FLAG): the booking stays and is flagged for the provider, once", async () => {
    const { booking, eventId } = await exported();
    h.emulator.deleteEvent(PROVIDER, eventId);
    expect(await sync()).toMatchObject({ googleEdits: ["flagged"] });
    const flagged = await eventRow(booking.id);
    expect(flagged).toMatchObject({ conflict: "deleted_in_google", state: "ACTIVE", conflictAt: expect.any(Date) });
    expect(await bookingRow(booking.id)).toMatchObject({ status: "CONFIRMED" });
    expect(await events(booking.id, "booking.cancelled")).toEqual([]);

    // A full listing no longer mentions the event: still the same flag, with its first time.
    h.emulator.invalidateSyncTokens(PROVIDER);
    expect(await sync()).toMatchObject({ outcome: "RESYNC", googleEdits: ["ignored"] });
    expect((await eventRow(booking.id)).conflictAt).toEqual(flagged.conflictAt);
  });

  it("with CANCEL: the booking is cancelled as the provider and the patient is told why", async () => {
    await setDeletedAction("CANCEL");
    const { booking, eventId } = await exported();
    h.emulator.deleteEvent(PROVIDER, eventId);
    expect(await sync()).toMatchObject({ googleEdits: ["cancelled"] });
    expect(await bookingRow(booking.id)).toMatchObject({ status: "CANCELLED", cancelledBy: "PROVIDER", cancellationReason: DELETED_IN_GOOGLE_REASON });
    const [cancelled] = await events(booking.id, "booking.cancelled");
    expect(cancelled?.payload).toMatchObject({ actorRole: "PROVIDER", status: "CANCELLED", previousStatus: "CONFIRMED", hasReason: true });
    expect(await eventRow(booking.id)).toMatchObject({ state: "CANCELLED", conflict: null });
    expect(await shortSlotStarts()).toContain(TUESDAY_0900.toISOString());
  });

  it("while the sync token was dead: the full listing lacks our event, which counts as deleted", async () => {
    await setDeletedAction("CANCEL");
    const { booking, eventId } = await exported();
    h.emulator.deleteEvent(PROVIDER, eventId);
    h.emulator.invalidateSyncTokens(PROVIDER);
    expect(await sync()).toMatchObject({ outcome: "RESYNC", googleEdits: ["cancelled"] });
    expect(await bookingRow(booking.id)).toMatchObject({ status: "CANCELLED" });
  });

  it("a booking already cancelled or in the past is left alone", async () => {
    await setDeletedAction("CANCEL");
    const past = await exported(at(MONDAY_0800, -2 * 24 * 60));
    const ended = await exported(TUESDAY_1100);
    await db.db.update(bookings).set({ status: "CANCELLED", cancelledBy: "PATIENT", cancelledAt: MONDAY_0800 }).where(eq(bookings.id, ended.booking.id));
    h.emulator.deleteEvent(PROVIDER, past.eventId);
    h.emulator.deleteEvent(PROVIDER, ended.eventId);
    expect(await sync()).toMatchObject({ googleEdits: ["ignored", "ignored"] });
    expect(await bookingRow(past.booking.id)).toMatchObject({ status: "CONFIRMED" });
    expect(await bookingRow(ended.booking.id)).toMatchObject({ status: "CANCELLED", cancelledBy: "PATIENT" });
    expect(await events(past.booking.id, "booking.cancelled")).toEqual([]);
  });
});

describe("a calendar that only receives bookings", () => {
  it("is read for edits to our events, without keeping busy time or a token", async () => {
    await db.db.update(connectedCalendars).set({ blocksAvailability: false }).where(eq(connectedCalendars.id, calendar.id));
    const booking = await createConfirmedBooking(db.db, world, TUESDAY_0900);
    const eventId = await exportBooking(db.db, google, { accessToken: h.accessToken, calendar, booking });
    h.emulator.createEvent(PROVIDER, { summary: "Private", start: { dateTime: TUESDAY_1100.toISOString() }, end: { dateTime: at(TUESDAY_1100, 60).toISOString() } });
    expect(await sync()).toMatchObject({ outcome: "OK", kind: "FULL", changes: 0 });
    moveInGoogle(eventId, at(TUESDAY_0900, 30), at(TUESDAY_0900, 60));
    expect(await sync()).toMatchObject({ kind: "FULL", googleEdits: ["rescheduled"] });
    expect(await bookingRow(booking.id)).toMatchObject({ startsAt: at(TUESDAY_0900, 30) });
    expect(await db.db.select().from(externalBusyIntervals).where(eq(externalBusyIntervals.providerId, world.provider.id))).toEqual([]);
    const [row] = await db.db.select().from(connectedCalendars).where(eq(connectedCalendars.id, calendar.id));
    expect(row?.syncToken).toBeNull();
  });
});
