import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { calendarConnections, calendarSyncRuns, connectedCalendars, externalBusyIntervals } from "@/server/db/schema";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import type { TestDatabase } from "@/test/db";
import { startCalendarTestbed, type CalendarTestbed } from "@/test/google-calendar";
import { createProvider } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900 } from "@/test/scenarios/booking-world";
import { anonymous, callerFor } from "@/test/trpc";
import { PROVIDER, type GoogleHarness } from "../../../../local-cloud/google/test-helpers";
import { busySource } from "./calendar-sync-repository";
import { syncCalendar } from "./sync-calendar";
import { decodePublicSlots } from "@/features/availability";

// Import of busy time from Google against the local cloud, through the real @googleapis/calendar
// client: full then incremental sync, deletions, free and own events, all-day days in the
// calendar's zone, 410 (also in the middle of a page chain), and syncs racing on one calendar.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Whole hours a few days ahead of the real clock (the emulator expands recurrences from now). */
const at = (days: number, hours = 9) => new Date(Math.ceil(Date.now() / DAY) * DAY + days * DAY + hours * HOUR);
/** Each run a second after the previous one, so runs sort in the order they ran. */
let clock = Date.now();
const tick = () => new Date((clock += 1_000));

let db: TestDatabase;
let h: GoogleHarness;
let google: GoogleCalendarIntegration;

let testbed: CalendarTestbed;

beforeAll(async () => {
  testbed = await startCalendarTestbed();
  ({ db, h, google } = testbed);
});
afterAll(() => testbed?.close());

let providerId: string;
let calendarId: string;

beforeEach(async () => {
  // The emulator's account calendar is shared: each test starts with it emptied, and with a new
  // provider, connection and calendar row (so no sync token and no imported busy time).
  for (const event of h.emulator.snapshot().calendars.find((calendar) => calendar.id === PROVIDER)?.events ?? []) {
    if (event.status !== "cancelled") h.emulator.deleteEvent(PROVIDER, String(event.id));
  }
  const { provider } = await createProvider(db.db);
  providerId = provider.id;
  const [connection] = await db.db.insert(calendarConnections).values({ providerId, googleSubject: `sub-${provider.id}`, googleEmail: PROVIDER }).returning();
  const [calendar] = await db.db
    .insert(connectedCalendars)
    .values({ connectionId: connection!.id, googleCalendarId: PROVIDER, name: "Ada", timeZone: "Europe/Berlin", blocksAvailability: true })
    .returning();
  calendarId = calendar!.id;
});

const sync = (pageSize?: number) => syncCalendar({ db: db.db, google, calendarId, accessToken: h.accessToken, now: tick(), pageSize });

async function busy() {
  const rows = await db.db
    .select()
    .from(externalBusyIntervals)
    .where(and(eq(externalBusyIntervals.providerId, providerId), eq(externalBusyIntervals.source, busySource(calendarId))))
    .orderBy(asc(externalBusyIntervals.startsAt));
  return rows.map((row) => ({ id: row.externalId, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() }));
}

async function runs() {
  return db.db.select().from(calendarSyncRuns).where(eq(calendarSyncRuns.calendarId, calendarId)).orderBy(asc(calendarSyncRuns.startedAt), asc(calendarSyncRuns.id));
}

describe("importing busy time from Google", () => {
  it("lists everything first (paged), then only the changes: moves, new events and deletions", async () => {
    const events = [1, 2, 3, 4, 5].map((day) =>
      h.emulator.createEvent(PROVIDER, { summary: `Clinic ${day}`, start: { dateTime: at(day).toISOString() }, end: { dateTime: at(day, 10).toISOString() } }),
    );
    expect(await sync(2)).toEqual({ outcome: "OK", kind: "FULL", pages: 3, changes: 5 });
    expect(await busy()).toHaveLength(5);
    const [calendar] = await db.db.select().from(connectedCalendars).where(eq(connectedCalendars.id, calendarId));
    expect(calendar?.syncToken).toEqual(expect.any(String));

    h.emulator.moveEvent(PROVIDER, String(events[0]!.id), { start: { dateTime: at(6).toISOString() }, end: { dateTime: at(6, 11).toISOString() } });
    h.emulator.deleteEvent(PROVIDER, String(events[1]!.id));
    const added = h.emulator.createEvent(PROVIDER, { summary: "New", start: { dateTime: at(7).toISOString() }, end: { dateTime: at(7, 10).toISOString() } });
    const result = await sync();
    expect(result).toMatchObject({ outcome: "OK", kind: "INCREMENTAL", changes: 3 });
    const after = await busy();
    expect(after.map((row) => row.id).sort()).toEqual([events[0]!.id, events[2]!.id, events[3]!.id, events[4]!.id, added.id].map(String).sort());
    expect(after.find((row) => row.id === events[0]!.id)).toMatchObject({ startsAt: at(6).toISOString(), endsAt: at(6, 11).toISOString() });

    expect(await sync()).toMatchObject({ outcome: "OK", kind: "INCREMENTAL", changes: 0 });
    expect((await runs()).map((run) => `${run.kind} ${run.outcome}`)).toEqual(["FULL OK", "INCREMENTAL OK", "INCREMENTAL OK"]);
  });

  it("a full listing reads a bounded window: events that ended more than a day ago are not imported, later changes still are", async () => {
    h.emulator.createEvent(PROVIDER, { summary: "Last week", start: { dateTime: at(-7).toISOString() }, end: { dateTime: at(-7, 10).toISOString() } });
    const current = h.emulator.createEvent(PROVIDER, { summary: "Next week", start: { dateTime: at(7).toISOString() }, end: { dateTime: at(7, 10).toISOString() } });
    expect(await sync()).toMatchObject({ outcome: "OK", kind: "FULL", changes: 1 });
    expect(await busy()).toEqual([{ id: String(current.id), startsAt: at(7).toISOString(), endsAt: at(7, 10).toISOString() }]);
    h.emulator.moveEvent(PROVIDER, String(current.id), { start: { dateTime: at(8).toISOString() }, end: { dateTime: at(8, 10).toISOString() } });
    expect(await sync()).toMatchObject({ outcome: "OK", kind: "INCREMENTAL", changes: 1 });
    expect(await busy()).toEqual([{ id: String(current.id), startsAt: at(8).toISOString(), endsAt: at(8, 10).toISOString() }]);
  });

  it("ignores events marked free and MedBookings' own events, and frees time when an event becomes free", async () => {
    h.emulator.createEvent(PROVIDER, { summary: "Lunch (free)", transparency: "transparent", start: { dateTime: at(2, 12).toISOString() }, end: { dateTime: at(2, 13).toISOString() } });
    h.emulator.createEvent(PROVIDER, {
      summary: "MedBookings appointment",
      start: { dateTime: at(2, 14).toISOString() },
      end: { dateTime: at(2, 15).toISOString() },
      extendedProperties: { private: { bookingId: "00000000-0000-4000-8000-000000000009" } },
    });
    const meeting = h.emulator.createEvent(PROVIDER, { summary: "Meeting", start: { dateTime: at(2, 16).toISOString() }, end: { dateTime: at(2, 17).toISOString() } });
    await sync();
    expect((await busy()).map((row) => row.id)).toEqual([String(meeting.id)]);

    h.emulator.patchEvent(PROVIDER, String(meeting.id), { transparency: "transparent" });
    await sync();
    expect(await busy()).toEqual([]);
  });

  it("blocks the whole local days of an all-day event in the calendar's zone, across a DST change", async () => {
    // Europe/Berlin leaves summer time on 2031-10-26: that day has 25 hours.
    const event = h.emulator.createEvent(PROVIDER, { summary: "Congress", start: { date: "2031-10-25" }, end: { date: "2031-10-27" } });
    await sync();
    expect(await busy()).toEqual([{ id: String(event.id), startsAt: "2031-10-24T22:00:00.000Z", endsAt: "2031-10-26T23:00:00.000Z" }]);
  });

  it("a recurring series with an EXDATE, an RDATE and a moved instance blocks exactly its occurrences, across DST", async () => {
    // Mondays 09:00 in Berlin from 17 March 2031, four times; Berlin moves to summer time on 30 March.
    const zone = "Europe/Berlin";
    const series = h.emulator.createEvent(PROVIDER, {
      summary: "Ward round",
      start: { dateTime: "2031-03-17T09:00:00+01:00", timeZone: zone },
      end: { dateTime: "2031-03-17T10:00:00+01:00", timeZone: zone },
      recurrence: ["RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE;TZID=Europe/Berlin:20310324T090000", "RDATE;TZID=Europe/Berlin:20310320T090000"],
    });
    const id = String(series.id);
    h.emulator.moveEvent(PROVIDER, `${id}_20310331T070000Z`, { start: { dateTime: "2031-03-31T14:00:00+02:00", timeZone: zone }, end: { dateTime: "2031-03-31T15:00:00+02:00", timeZone: zone } });
    await sync();
    const times = async () => (await busy()).map((row) => `${row.startsAt} ${row.endsAt}`);
    expect(await times()).toEqual([
      "2031-03-17T08:00:00.000Z 2031-03-17T09:00:00.000Z",
      "2031-03-20T08:00:00.000Z 2031-03-20T09:00:00.000Z",
      "2031-03-31T12:00:00.000Z 2031-03-31T13:00:00.000Z",
      "2031-04-07T07:00:00.000Z 2031-04-07T08:00:00.000Z",
    ]);

    // One occurrence deleted in Google: an incremental sync frees exactly that one.
    h.emulator.deleteEvent(PROVIDER, `${id}_20310407T070000Z`);
    expect(await sync()).toMatchObject({ outcome: "OK", kind: "INCREMENTAL" });
    expect(await times()).toEqual([
      "2031-03-17T08:00:00.000Z 2031-03-17T09:00:00.000Z",
      "2031-03-20T08:00:00.000Z 2031-03-20T09:00:00.000Z",
      "2031-03-31T12:00:00.000Z 2031-03-31T13:00:00.000Z",
    ]);
    // Deleting the series cancels its moved instance too (the next test starts from an empty calendar).
    h.emulator.deleteEvent(PROVIDER, id);
    await sync();
    expect(await busy()).toEqual([]);
  });

  it("on 410 wipes what it had and lists everything again", async () => {
    const kept = h.emulator.createEvent(PROVIDER, { summary: "Kept", start: { dateTime: at(3).toISOString() }, end: { dateTime: at(3, 10).toISOString() } });
    const gone = h.emulator.createEvent(PROVIDER, { summary: "Gone", start: { dateTime: at(4).toISOString() }, end: { dateTime: at(4, 10).toISOString() } });
    await sync();
    // Deleted while the token was invalidated: a full listing does not even mention it.
    h.emulator.deleteEvent(PROVIDER, String(gone.id));
    h.emulator.invalidateSyncTokens(PROVIDER);
    expect(await sync()).toMatchObject({ outcome: "RESYNC", kind: "FULL" });
    expect((await busy()).map((row) => row.id)).toEqual([String(kept.id)]);
    expect((await runs()).map((run) => `${run.kind} ${run.outcome}`)).toEqual(["FULL OK", "FULL RESYNC"]);
  });

  it("a 410 in the middle of a page chain stores nothing from the dead chain and starts over", async () => {
    for (const day of [1, 2, 3, 4]) h.emulator.createEvent(PROVIDER, { summary: `S${day}`, start: { dateTime: at(day).toISOString() }, end: { dateTime: at(day, 10).toISOString() } });
    await sync();
    for (const day of [5, 6, 7]) h.emulator.createEvent(PROVIDER, { summary: `N${day}`, start: { dateTime: at(day).toISOString() }, end: { dateTime: at(day, 10).toISOString() } });
    // The first incremental page is served, the second one answers 410.
    const realList = google.listEventChanges.bind(google);
    let calls = 0;
    const flaky: typeof google = {
      ...google,
      listEventChanges: async (input) => {
        calls += 1;
        if (calls === 2) return { outcome: "SYNC_TOKEN_INVALID" };
        return realList(input);
      },
    };
    const result = await syncCalendar({ db: db.db, google: flaky, calendarId, accessToken: h.accessToken, now: tick(), pageSize: 2 });
    expect(result).toMatchObject({ outcome: "RESYNC", kind: "FULL", changes: 7 });
    expect(await busy()).toHaveLength(7);
  });

  it("keeps the last good state and records the failure when Google fails midway", async () => {
    for (const day of [1, 2, 3]) h.emulator.createEvent(PROVIDER, { summary: `F${day}`, start: { dateTime: at(day).toISOString() }, end: { dateTime: at(day, 10).toISOString() } });
    await sync();
    const before = await busy();
    h.emulator.createEvent(PROVIDER, { summary: "Later", start: { dateTime: at(8).toISOString() }, end: { dateTime: at(8, 10).toISOString() } });
    h.emulator.failNext("events.list", { status: 503 });
    await expect(sync()).rejects.toMatchObject({ code: "INTEGRATION_UNAVAILABLE" });
    expect(await busy()).toEqual(before);
    expect((await runs()).at(-1)).toMatchObject({ outcome: "FAILED", error: expect.stringContaining("503") });
    // The next run picks the change up from the stored token.
    expect(await sync()).toMatchObject({ outcome: "OK", kind: "INCREMENTAL", changes: 1 });
  });

  it("two syncs at once apply the changes once and leave one token", async () => {
    for (const day of [1, 2]) h.emulator.createEvent(PROVIDER, { summary: `R${day}`, start: { dateTime: at(day).toISOString() }, end: { dateTime: at(day, 10).toISOString() } });
    await sync();
    const moved = h.emulator.createEvent(PROVIDER, { summary: "Race", start: { dateTime: at(9).toISOString() }, end: { dateTime: at(9, 10).toISOString() } });
    const results = await Promise.all([sync(), sync(), sync()]);
    expect(results.every((result) => result.outcome === "OK")).toBe(true);
    expect((await busy()).map((row) => row.id)).toContain(String(moved.id));
    expect(await busy()).toHaveLength(3);
  });

  it("a calendar that does not block availability has its imported busy time removed", async () => {
    h.emulator.createEvent(PROVIDER, { summary: "B", start: { dateTime: at(2).toISOString() }, end: { dateTime: at(2, 10).toISOString() } });
    await sync();
    expect(await busy()).toHaveLength(1);
    await db.db.update(connectedCalendars).set({ blocksAvailability: false }).where(eq(connectedCalendars.id, calendarId));
    expect(await sync()).toEqual({ outcome: "NOT_BLOCKING", changes: 1 });
    expect(await busy()).toEqual([]);
  });
});

describe("imported busy time and the public slots", () => {
  it("a Google event removes the times it covers; deleting it in Google offers them again", async () => {
    const world = await createBookingWorld(db.db);
    const [connection] = await db.db.insert(calendarConnections).values({ providerId: world.provider.id, googleSubject: "sub-world", googleEmail: PROVIDER }).returning();
    const [calendar] = await db.db
      .insert(connectedCalendars)
      .values({ connectionId: connection!.id, googleCalendarId: PROVIDER, name: "Ada", timeZone: "Europe/London", blocksAvailability: true })
      .returning();
    const slotStarts = async () => {
      const { slots } = decodePublicSlots(await callerFor(db.db, anonymous, () => MONDAY_0800).availability.slots({ providerId: world.provider.id, serviceId: world.services.short.id, from: MONDAY_0800, days: 3 }));
      return slots.map((slot) => new Date(slot.startsAt).toISOString());
    };
    const nine = TUESDAY_0900.toISOString();
    expect(await slotStarts()).toContain(nine);

    const event = h.emulator.createEvent(PROVIDER, { summary: "School run", start: { dateTime: nine }, end: { dateTime: new Date(TUESDAY_0900.getTime() + HOUR).toISOString() } });
    await syncCalendar({ db: db.db, google, calendarId: calendar!.id, accessToken: h.accessToken, now: tick() });
    const during = await slotStarts();
    expect(during).not.toContain(nine);
    expect(during).not.toContain(new Date(TUESDAY_0900.getTime() + 30 * 60_000).toISOString());
    expect(during).toContain(new Date(TUESDAY_0900.getTime() + HOUR).toISOString());

    h.emulator.deleteEvent(PROVIDER, String(event.id));
    await syncCalendar({ db: db.db, google, calendarId: calendar!.id, accessToken: h.accessToken, now: tick() });
    expect(await slotStarts()).toContain(nine);
  });
});
