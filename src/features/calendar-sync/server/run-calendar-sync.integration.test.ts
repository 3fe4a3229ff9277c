import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTokenCipher } from "@/server/auth/token-crypto";
import { calendarConnections, calendarSyncRuns, connectedCalendars, externalBusyIntervals, outboxEvents } from "@/server/db/schema";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { clearEmulatorCalendar, connectTestCalendar, type ConnectedTestCalendar } from "@/test/connected-calendar";
import type { TestDatabase } from "@/test/db";
import { startCalendarTestbed, type CalendarTestbed } from "@/test/google-calendar";
import { PROVIDER, type GoogleHarness } from "../../../../local-cloud/google/test-helpers";
import { busySource } from "./calendar-sync-repository";
import { calendarSyncJobKey } from "./job-keys";
import { rateLimitBackoffMs, runCalendarSync } from "./run-calendar-sync";

// The calendar.sync job's failure rules against the local cloud, through the real
// @googleapis/calendar client: refused refresh (invalid_grant), 401, 403/429 rate limits with
// jittered backoff, and Google outages that must leave the last known busy time alone.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (days: number, hours = 9) => new Date(Math.ceil(Date.now() / DAY) * DAY + days * DAY + hours * HOUR);
const cipher = createTokenCipher({ writeKey: randomBytes(32).toString("base64") });

let testbed: CalendarTestbed;
let db: TestDatabase;
let h: GoogleHarness;
let google: GoogleCalendarIntegration;
let listCalls = 0;
/** The integration with its listing counted: "no call to Google" is then observable. */
let counted: GoogleCalendarIntegration;

beforeAll(async () => {
  testbed = await startCalendarTestbed();
  ({ db, h, google } = testbed);
  counted = { ...google, listEventChanges: (input) => ((listCalls += 1), google.listEventChanges(input)) };
});
afterAll(() => testbed?.close());

let cal: ConnectedTestCalendar;
let clock = Date.now();
const tick = (ms = 1_000) => new Date((clock += ms));

beforeEach(async () => {
  clearEmulatorCalendar(h);
  h.emulator.setQuota(undefined);
  cal = await connectTestCalendar(db.db, h, cipher);
  listCalls = 0;
});

const run = (now = tick(), random = () => 0.5) => runCalendarSync({ db: db.db, google: counted, cipher, calendarId: cal.calendarId, now, random });

const event = (day: number, summary = "Clinic") => h.emulator.createEvent(PROVIDER, { summary, start: { dateTime: at(day).toISOString() }, end: { dateTime: at(day, 10).toISOString() } });

async function busyIds(providerId = cal.providerId) {
  const rows = await db.db.select().from(externalBusyIntervals).where(eq(externalBusyIntervals.providerId, providerId)).orderBy(asc(externalBusyIntervals.startsAt));
  return rows.map((row) => row.externalId);
}
async function runs() {
  const rows = await db.db.select().from(calendarSyncRuns).where(eq(calendarSyncRuns.calendarId, cal.calendarId)).orderBy(asc(calendarSyncRuns.startedAt), asc(calendarSyncRuns.id));
  return rows.map((row) => `${row.outcome} ${row.error ?? ""}`.trim());
}
async function calendarRow() {
  const [row] = await db.db.select().from(connectedCalendars).where(eq(connectedCalendars.id, cal.calendarId));
  return row!;
}
async function pendingSync() {
  const result = await db.db.execute<{ run_at: string; queue_name: string | null }>(sql`SELECT run_at, queue_name FROM graphile_worker.jobs WHERE key = ${calendarSyncJobKey(cal.calendarId)}`);
  return result.rows.map((row) => ({ runAt: new Date(row.run_at), queue: row.queue_name }));
}

describe("the calendar.sync job", () => {
  it("syncs with the stored token, then on a revoked grant marks the connection, removes its busy time everywhere and tells the provider once", async () => {
    const first = event(1);
    expect(await run()).toMatchObject({ outcome: "SYNCED", sync: { outcome: "OK", kind: "FULL", changes: 1 } });
    expect(await busyIds()).toEqual([String(first.id)]);
    // A second calendar of the same account, and another provider's busy time that must stay.
    const [second] = await db.db.insert(connectedCalendars).values({ connectionId: cal.connectionId, googleCalendarId: "team@example.com", name: "Team", timeZone: "UTC", blocksAvailability: true, syncToken: "t" }).returning();
    await db.db.insert(externalBusyIntervals).values({ providerId: cal.providerId, source: busySource(second!.id), externalId: "team-1", startsAt: at(2), endsAt: at(2, 10) });
    const other = await connectTestCalendar(db.db, h, cipher);
    await db.db.insert(externalBusyIntervals).values({ providerId: other.providerId, source: busySource(other.calendarId), externalId: "other-1", startsAt: at(3), endsAt: at(3, 10) });

    // The provider revoked MedBookings in their Google account; the stored access token lapses.
    expect(h.emulator.revokeRefreshToken(cal.tokens.refreshToken)).toBe(true);
    await db.db.update(calendarConnections).set({ accessTokenExpiresAt: new Date(clock - HOUR) }).where(eq(calendarConnections.id, cal.connectionId));
    event(4);
    expect(await run()).toEqual({ outcome: "NEEDS_RECONNECT", noticeQueued: true });

    const [connection] = await db.db.select().from(calendarConnections).where(eq(calendarConnections.id, cal.connectionId));
    expect(connection).toMatchObject({ status: "NEEDS_RECONNECT", statusReason: "invalid_grant", reconnectNoticeSentAt: expect.any(Date) });
    expect(await busyIds()).toEqual([]);
    expect(await busyIds(other.providerId)).toEqual(["other-1"]);
    const tokens = await db.db.select({ syncToken: connectedCalendars.syncToken }).from(connectedCalendars).where(eq(connectedCalendars.connectionId, cal.connectionId));
    expect(tokens.map((row) => row.syncToken)).toEqual([null, null]);
    expect(await runs()).toEqual(["OK", "NEEDS_RECONNECT PRECONDITION_FAILED google"]);

    // Later runs (a notification, "sync now") neither ask Google nor tell the provider again.
    listCalls = 0;
    expect(await run()).toEqual({ outcome: "NEEDS_RECONNECT", noticeQueued: false });
    expect(listCalls).toBe(0);
    const events = await db.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, "calendar.connection_needs_reconnect"), eq(outboxEvents.aggregateId, cal.connectionId)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ aggregateType: "calendar_connection", payload: { providerId: cal.providerId } });
  });

  it("on 401 refreshes the token once and syncs again", async () => {
    const created = event(1);
    const [before] = await db.db.select({ accessToken: calendarConnections.accessToken }).from(calendarConnections).where(eq(calendarConnections.id, cal.connectionId));
    // Google drops the access token although its stored expiry is an hour away.
    h.emulator.expireAccessTokens();
    expect(await run()).toMatchObject({ outcome: "SYNCED", sync: { outcome: "OK", changes: 1 } });
    expect(await busyIds()).toEqual([String(created.id)]);
    // Both runs are recorded at the job's one clock reading, so their order is not asserted.
    expect((await runs()).sort()).toEqual(["FAILED UNAUTHORIZED google 401 authError", "OK"]);
    const [after] = await db.db.select({ accessToken: calendarConnections.accessToken, status: calendarConnections.status }).from(calendarConnections).where(eq(calendarConnections.id, cal.connectionId));
    expect(after!.accessToken).not.toBe(before!.accessToken);
    expect(after!.status).toBe("ACTIVE");
  });

  it("on 429 and 403 rate limits backs off with growing jittered delays, does not sync before the end, and resets after a good run", async () => {
    const start = tick();
    h.emulator.failNext("events.list", { status: 429 });
    expect(await run(start, () => 0.5)).toEqual({ outcome: "RATE_LIMITED", until: new Date(start.getTime() + 15_000) });
    expect(await calendarRow()).toMatchObject({ backoffUntil: new Date(start.getTime() + 15_000), rateLimitedRuns: 1 });
    expect(await pendingSync()).toEqual([{ runAt: new Date(start.getTime() + 15_000), queue: calendarSyncJobKey(cal.calendarId) }]);

    // A notification-triggered run inside the backoff asks nothing of Google and keeps the job at the end.
    listCalls = 0;
    expect(await run(new Date(start.getTime() + 5_000))).toEqual({ outcome: "DEFERRED", until: new Date(start.getTime() + 15_000) });
    expect(listCalls).toBe(0);
    expect(await pendingSync()).toEqual([{ runAt: new Date(start.getTime() + 15_000), queue: calendarSyncJobKey(cal.calendarId) }]);

    // Rate limited again (403 rateLimitExceeded, as Google also answers): the ceiling doubles.
    h.emulator.failNext("events.list", { status: 403, reason: "rateLimitExceeded" });
    const second = new Date(start.getTime() + 15_000);
    expect(await run(second, () => 0.25)).toEqual({ outcome: "RATE_LIMITED", until: new Date(second.getTime() + 15_000) });
    expect(await calendarRow()).toMatchObject({ rateLimitedRuns: 2 });

    const created = event(1);
    expect(await run(new Date(second.getTime() + 15_000))).toMatchObject({ outcome: "SYNCED" });
    expect(await busyIds()).toEqual([String(created.id)]);
    expect(await calendarRow()).toMatchObject({ backoffUntil: null, rateLimitedRuns: 0 });
    expect(await runs()).toEqual(["FAILED RATE_LIMITED google 429 rateLimitExceeded", "FAILED RATE_LIMITED google 403 rateLimitExceeded", "OK"]);
  });

  it("a Google outage (5xx) is thrown for the queue to retry and leaves the last known busy time", async () => {
    const kept = event(1);
    await run();
    event(2);
    h.emulator.failNext("events.list", { status: 503 });
    await expect(run()).rejects.toMatchObject({ code: "INTEGRATION_UNAVAILABLE", details: { status: 503, retryable: true } });
    expect(await busyIds()).toEqual([String(kept.id)]);
    expect((await runs()).at(-1)).toBe("FAILED INTEGRATION_UNAVAILABLE google 503 backendError");
    expect(await calendarRow()).toMatchObject({ backoffUntil: null, rateLimitedRuns: 0 });
    expect(await run()).toMatchObject({ outcome: "SYNCED", sync: { changes: 1 } });
    expect(await busyIds()).toHaveLength(2);
  });

  it("skips a calendar that no longer exists", async () => {
    await db.db.delete(calendarConnections).where(eq(calendarConnections.id, cal.connectionId));
    expect(await run()).toEqual({ outcome: "SKIPPED" });
    expect(listCalls).toBe(0);
  });
});

describe("rateLimitBackoffMs", () => {
  it("is uniform between a second and a ceiling that doubles from 30 s up to 30 min", () => {
    expect(rateLimitBackoffMs(0, () => 0)).toBe(1_000);
    expect(rateLimitBackoffMs(0, () => 0.999)).toBe(29_970);
    expect(rateLimitBackoffMs(1, () => 0.5)).toBe(30_000);
    expect(rateLimitBackoffMs(3, () => 0.5)).toBe(120_000);
    expect(rateLimitBackoffMs(30, () => 0.5)).toBe(15 * 60_000);
  });
});
