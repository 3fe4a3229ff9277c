import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CalendarEvent, EventChanges } from "./types";
import { PROVIDER, startGoogleForTests, type GoogleHarness } from "../../../../local-cloud/google/test-helpers";
import { createGoogleCalendarIntegration, type GoogleCalendarIntegration } from "./client";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Whole hours, a few days ahead of the real clock, so recurrences fall inside Google's expansion window. */
const at = (days: number, hours = 9) => new Date(Math.ceil(Date.now() / DAY) * DAY + days * DAY + hours * HOUR).toISOString();

let h: GoogleHarness;
let google: GoogleCalendarIntegration;

function changes(result: EventChanges) {
  if (result.outcome !== "CHANGES") throw new Error(`expected changes, got ${result.outcome}`);
  return result;
}

async function fullSync(calendarId = PROVIDER, pageSize?: number) {
  const events: CalendarEvent[] = [];
  const pages: { nextPageToken: string | null; nextSyncToken: string | null }[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const page = changes(await google.listEventChanges({ accessToken: h.accessToken, calendarId, pageToken, pageSize }));
    events.push(...page.events);
    pages.push({ nextPageToken: page.nextPageToken, nextSyncToken: page.nextSyncToken });
    if (!page.nextPageToken) return { events, pages, syncToken: page.nextSyncToken! };
    pageToken = page.nextPageToken;
  }
}

async function incremental(syncToken: string) {
  return changes(await google.listEventChanges({ accessToken: h.accessToken, calendarId: PROVIDER, syncToken }));
}

beforeAll(async () => {
  h = await startGoogleForTests();
  google = createGoogleCalendarIntegration(h.config);
});
afterAll(() => h.close());

describe("listEventChanges: full and incremental sync", () => {
  it("pages a full sync and gives nextSyncToken only on the last page", async () => {
    for (let i = 0; i < 5; i += 1) {
      h.emulator.createEvent(PROVIDER, { summary: `Block ${i}`, start: { dateTime: at(i + 1) }, end: { dateTime: at(i + 1, 10) } });
    }
    const { events, pages } = await fullSync(PROVIDER, 2);
    expect(events).toHaveLength(5);
    expect(pages).toHaveLength(3);
    expect(pages.slice(0, 2).every((p) => p.nextPageToken && p.nextSyncToken === null)).toBe(true);
    expect(pages[2]).toEqual({ nextPageToken: null, nextSyncToken: expect.any(String) });
  });

  it("returns moves, creations and deletions (as cancelled) since the token, then nothing", async () => {
    const first = await fullSync();
    const [moved, deleted] = first.events;
    h.emulator.moveEvent(PROVIDER, moved!.id, { start: { dateTime: at(20) }, end: { dateTime: at(20, 11) } });
    h.emulator.deleteEvent(PROVIDER, deleted!.id);
    const created = h.emulator.createEvent(PROVIDER, { summary: "New", start: { dateTime: at(21) }, end: { dateTime: at(21, 10) } });

    const delta = await incremental(first.syncToken);
    const byId = new Map(delta.events.map((e) => [e.id, e]));
    expect([...byId.keys()].sort()).toEqual([moved!.id, deleted!.id, created.id as string].sort());
    expect(byId.get(moved!.id)?.time).toMatchObject({ kind: "timed", startsAt: new Date(at(20)), endsAt: new Date(at(20, 11)) });
    expect(byId.get(deleted!.id)).toMatchObject({ status: "cancelled", time: null });
    expect(delta.nextSyncToken).toEqual(expect.any(String));
    expect((await incremental(delta.nextSyncToken!)).events).toEqual([]);
  });

  it("reports SYNC_TOKEN_INVALID when Google answers 410", async () => {
    const { syncToken } = await fullSync();
    h.emulator.invalidateSyncTokens(PROVIDER);
    expect(await google.listEventChanges({ accessToken: h.accessToken, calendarId: PROVIDER, syncToken })).toEqual({
      outcome: "SYNC_TOKEN_INVALID",
    });
    expect(await google.listEventChanges({ accessToken: h.accessToken, calendarId: PROVIDER, syncToken: "never-issued" })).toEqual({
      outcome: "SYNC_TOKEN_INVALID",
    });
    expect((await fullSync()).syncToken).toEqual(expect.any(String));
  });

  it("expands recurring events into instances with their exceptions", async () => {
    const series = h.emulator.createEvent(PROVIDER, {
      summary: "Ward round",
      start: { dateTime: at(30).replace("Z", ""), timeZone: "UTC" },
      end: { dateTime: at(30, 10).replace("Z", ""), timeZone: "UTC" },
      recurrence: ["RRULE:FREQ=DAILY;COUNT=4"],
    });
    const before = await fullSync();
    const instances = before.events.filter((e) => e.recurringEventId === series.id);
    expect(instances).toHaveLength(4);
    const [, second, third] = instances;
    h.emulator.moveEvent(PROVIDER, second!.id, { start: { dateTime: at(31, 14) }, end: { dateTime: at(31, 15) } });
    h.emulator.cancelEvent(PROVIDER, third!.id);

    const after = (await fullSync()).events.filter((e) => e.recurringEventId === series.id);
    expect(after.map((e) => e.id)).not.toContain(third!.id);
    const movedInstance = after.find((e) => e.id === second!.id);
    expect(movedInstance).toMatchObject({
      recurringEventId: series.id,
      originalStart: { kind: "timed", startsAt: new Date(at(31)) },
      time: { kind: "timed", startsAt: new Date(at(31, 14)) },
    });
    const delta = await incremental(before.syncToken);
    expect(delta.events.find((e) => e.id === third!.id)).toMatchObject({ status: "cancelled", recurringEventId: series.id });
    expect(delta.events.find((e) => e.id === second!.id)?.status).toBe("confirmed");
  });

  it("normalises all-day and free (transparent) events", async () => {
    const allDay = h.emulator.createEvent(PROVIDER, { summary: "Conference", start: { date: "2031-05-04" }, end: { date: "2031-05-06" } });
    const free = h.emulator.createEvent(PROVIDER, {
      summary: "Maybe lunch",
      transparency: "transparent",
      start: { dateTime: at(40, 12) },
      end: { dateTime: at(40, 13) },
    });
    const { events } = await fullSync();
    expect(events.find((e) => e.id === allDay.id)).toMatchObject({
      isBusy: true,
      time: { kind: "all-day", startDate: "2031-05-04", endDate: "2031-05-06" },
    });
    expect(events.find((e) => e.id === free.id)?.isBusy).toBe(false);
  });
});
