import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bookingCalendarEvents, bookings, externalBusyIntervals, outboxEvents, providers } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { createConfirmedBooking, googleEventIdOf } from "@/test/scenarios/exported-booking";
import { anonymous, asUser, callerFor } from "@/test/trpc";
import { DELETED_IN_GOOGLE_REASON } from "./apply-google-edits";

// The provider's side of Google-side conflicts: listing them and settling each, through the
// app router as the provider, another provider, a patient and nobody.

const MINUTE = 60_000;
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MINUTE);
const TUESDAY_1100 = at(TUESDAY_0900, 120);

let db: TestDatabase;
let world: BookingWorld;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());
beforeEach(async () => {
  world = await createBookingWorld(db.db);
});

const asProvider = () => callerFor(db.db, asUser(world.providerUser), () => MONDAY_0800);

/** A confirmed booking whose exported event was flagged by a sync. */
async function flagged(kind: "deleted_in_google" | "moved_onto_busy_time" | "unsupported_change", google?: { startsAt: Date; endsAt: Date }, startsAt = TUESDAY_0900) {
  const booking = await createConfirmedBooking(db.db, world, startsAt);
  await db.db.insert(bookingCalendarEvents).values({
    bookingId: booking.id,
    googleCalendarId: `cal-${world.provider.id}@example.test`,
    googleEventId: googleEventIdOf(booking.id),
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    conflict: kind,
    conflictStartsAt: google?.startsAt ?? null,
    conflictEndsAt: google?.endsAt ?? null,
    conflictAt: MONDAY_0800,
  });
  return booking;
}

const eventRow = async (id: string) => (await db.db.select().from(bookingCalendarEvents).where(eq(bookingCalendarEvents.bookingId, id)))[0];
const bookingRow = async (id: string) => (await db.db.select().from(bookings).where(eq(bookings.id, id)))[0]!;
async function exportJobs(bookingId: string) {
  const result = await db.db.execute<{ key: string; payload: { bookingId: string } }>(
    sql`SELECT j.key, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
        WHERE t.identifier = 'calendar.export' AND j.key = ${`calendar-export:${bookingId}`}`,
  );
  return result.rows;
}
const outbox = (bookingId: string, type: string) => db.db.select().from(outboxEvents).where(and(eq(outboxEvents.aggregateId, bookingId), eq(outboxEvents.type, type)));

describe("calendarEdits.conflicts", () => {
  it("lists the provider's flagged bookings with both times, the kind, the zone and the actions", async () => {
    const deleted = await flagged("deleted_in_google");
    const moved = await flagged("moved_onto_busy_time", { startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 30) }, at(TUESDAY_0900, 30));
    // Not listed: resolved, cancelled, or another provider's.
    const clean = await createConfirmedBooking(db.db, world, at(TUESDAY_0900, 60));
    await db.db.insert(bookingCalendarEvents).values({ bookingId: clean.id, googleCalendarId: "x", googleEventId: googleEventIdOf(clean.id), startsAt: clean.startsAt, endsAt: clean.endsAt });
    const gone = await flagged("deleted_in_google", undefined, at(TUESDAY_0900, 90));
    await db.db.update(bookings).set({ status: "CANCELLED", cancelledBy: "PATIENT", cancelledAt: MONDAY_0800 }).where(eq(bookings.id, gone.id));

    const list = await asProvider().calendarEdits.conflicts();
    expect(list.map((c) => c.bookingId).sort()).toEqual([deleted.id, moved.id].sort());
    expect(list.find((c) => c.bookingId === moved.id)).toMatchObject({
      kind: "moved_onto_busy_time",
      startsAt: at(TUESDAY_0900, 30),
      googleStartsAt: TUESDAY_1100,
      googleEndsAt: at(TUESDAY_1100, 30),
      timeZone: "Europe/London",
      serviceName: "Short",
      actions: ["move", "keep", "cancel"],
    });
    expect(list.find((c) => c.bookingId === deleted.id)).toMatchObject({ kind: "deleted_in_google", googleStartsAt: null, actions: ["restore", "cancel"] });

    const other = callerFor(db.db, asUser(world.otherProviderUser), () => MONDAY_0800);
    expect(await other.calendarEdits.conflicts()).toEqual([]);
  });

  it("needs a signed-in provider", async () => {
    await expect(callerFor(db.db, anonymous).calendarEdits.conflicts()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(db.db, asUser(world.patient)).calendarEdits.conflicts()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("calendarEdits.resolve", () => {
  it("deleted in Google → restore: the conflict and the row go, and one export job writes the event again", async () => {
    const booking = await flagged("deleted_in_google");
    const result = await asProvider().calendarEdits.resolve({ bookingId: booking.id, action: "restore" });
    expect(result).toMatchObject({ bookingId: booking.id, action: "restore", status: "CONFIRMED", startsAt: TUESDAY_0900 });
    expect(await eventRow(booking.id)).toBeUndefined();
    expect(await exportJobs(booking.id)).toEqual([{ key: `calendar-export:${booking.id}`, payload: { bookingId: booking.id } }]);
    expect(await asProvider().calendarEdits.conflicts()).toEqual([]);
    // Settled once: a second try finds nothing to settle.
    await expect(asProvider().calendarEdits.resolve({ bookingId: booking.id, action: "restore" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("deleted in Google → cancel: cancelled as the provider, the patient told why, the event marked gone", async () => {
    const booking = await flagged("deleted_in_google");
    expect(await asProvider().calendarEdits.resolve({ bookingId: booking.id, action: "cancel" })).toMatchObject({ status: "CANCELLED" });
    expect(await bookingRow(booking.id)).toMatchObject({ status: "CANCELLED", cancelledBy: "PROVIDER", cancellationReason: DELETED_IN_GOOGLE_REASON });
    const [event] = await outbox(booking.id, "booking.cancelled");
    expect(event?.payload).toMatchObject({ actorRole: "PROVIDER", hasReason: true });
    expect(await eventRow(booking.id)).toMatchObject({ state: "CANCELLED", conflict: null });
  });

  it("moved onto busy time → keep: the row records Google's times so the export patches the event back", async () => {
    const booking = await flagged("moved_onto_busy_time", { startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 30) });
    await asProvider().calendarEdits.resolve({ bookingId: booking.id, action: "keep" });
    expect(await bookingRow(booking.id)).toMatchObject({ startsAt: TUESDAY_0900, status: "CONFIRMED" });
    expect(await eventRow(booking.id)).toMatchObject({ conflict: null, conflictAt: null, startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 30), state: "ACTIVE" });
    expect(await exportJobs(booking.id)).toHaveLength(1);
  });

  it("changed to all-day → keep: the row goes so the export adopts the event and patches it back", async () => {
    const booking = await flagged("unsupported_change");
    await asProvider().calendarEdits.resolve({ bookingId: booking.id, action: "keep" });
    expect(await eventRow(booking.id)).toBeUndefined();
    expect(await exportJobs(booking.id)).toHaveLength(1);
  });

  it("moved onto busy time → move: rescheduled once the time is free; while it is still taken, a clear SLOT_TAKEN and the conflict stays", async () => {
    const booking = await flagged("moved_onto_busy_time", { startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 30) });
    await db.db.insert(externalBusyIntervals).values({ providerId: world.provider.id, source: "google:other", externalId: "dentist", startsAt: at(TUESDAY_1100, 15), endsAt: at(TUESDAY_1100, 45) });
    const error: unknown = await asProvider().calendarEdits.resolve({ bookingId: booking.id, action: "move" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/still taken/), cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });
    expect(await bookingRow(booking.id)).toMatchObject({ startsAt: TUESDAY_0900 });
    expect(await eventRow(booking.id)).toMatchObject({ conflict: "moved_onto_busy_time" });

    await db.db.delete(externalBusyIntervals).where(eq(externalBusyIntervals.providerId, world.provider.id));
    expect(await asProvider().calendarEdits.resolve({ bookingId: booking.id, action: "move" })).toMatchObject({ startsAt: TUESDAY_1100, endsAt: at(TUESDAY_1100, 30), status: "CONFIRMED" });
    expect(await bookingRow(booking.id)).toMatchObject({ startsAt: TUESDAY_1100, blockedStartsAt: TUESDAY_1100 });
    const [moved] = await outbox(booking.id, "booking.rescheduled");
    expect(moved?.payload).toMatchObject({ actorRole: "PROVIDER", previous: { startsAt: TUESDAY_0900.toISOString() } });
    expect(await eventRow(booking.id)).toMatchObject({ conflict: null, startsAt: TUESDAY_1100 });
  });

  it("move is refused when another booking holds the time", async () => {
    await createConfirmedBooking(db.db, world, TUESDAY_1100);
    const booking = await flagged("moved_onto_busy_time", { startsAt: at(TUESDAY_1100, 15), endsAt: at(TUESDAY_1100, 45) });
    await expect(asProvider().calendarEdits.resolve({ bookingId: booking.id, action: "move" })).rejects.toMatchObject({ cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });
    expect(await bookingRow(booking.id)).toMatchObject({ startsAt: TUESDAY_0900 });
  });

  it("another provider's booking, a booking without a conflict, or a stranger: NOT_FOUND / refused, nothing changes", async () => {
    const booking = await flagged("deleted_in_google");
    const other = callerFor(db.db, asUser(world.otherProviderUser), () => MONDAY_0800);
    await expect(other.calendarEdits.resolve({ bookingId: booking.id, action: "cancel" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(asProvider().calendarEdits.resolve({ bookingId: "00000000-0000-4000-8000-000000000000", action: "cancel" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(db.db, asUser(world.patient), () => MONDAY_0800).calendarEdits.resolve({ bookingId: booking.id, action: "cancel" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(db.db, anonymous).calendarEdits.resolve({ bookingId: booking.id, action: "cancel" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await bookingRow(booking.id)).toMatchObject({ status: "CONFIRMED" });
    expect(await eventRow(booking.id)).toMatchObject({ conflict: "deleted_in_google" });
  });

  it("bad input names the field: an unknown action, an action the conflict does not offer, a malformed id", async () => {
    const booking = await flagged("deleted_in_google");
    const fieldErrors = async (input: unknown) => {
      const error: unknown = await asProvider()
        .calendarEdits.resolve(input as never)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "BAD_REQUEST" });
      return error;
    };
    expect(await fieldErrors({ bookingId: booking.id, action: "delete" })).toMatchObject({ message: expect.stringMatching(/action must be one of/) });
    expect(await fieldErrors({ bookingId: "nope", action: "cancel" })).toMatchObject({ message: expect.stringMatching(/bookingId must be a booking id/) });
    expect(await fieldErrors({ bookingId: booking.id, action: "move" })).toMatchObject({
      message: expect.stringMatching(/choose "restore" or "cancel"/),
      cause: expect.objectContaining({ code: "VALIDATION", details: expect.objectContaining({ fieldErrors: { action: [expect.any(String)] } }) }),
    });
    expect(await eventRow(booking.id)).toMatchObject({ conflict: "deleted_in_google" });
  });

  it("a provider who is not approved may look but not act", async () => {
    const booking = await flagged("deleted_in_google");
    await db.db.update(providers).set({ status: "SUSPENDED" }).where(eq(providers.id, world.provider.id));
    expect(await asProvider().calendarEdits.conflicts()).toHaveLength(1);
    await expect(asProvider().calendarEdits.resolve({ bookingId: booking.id, action: "cancel" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
