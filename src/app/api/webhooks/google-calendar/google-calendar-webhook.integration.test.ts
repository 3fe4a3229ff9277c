import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { reconcileCalendars, runCalendarSync, watchCalendar } from "@/features/calendar-sync/server";
import { createTokenCipher } from "@/server/auth/token-crypto";
import { calendarSyncRuns, calendarWatchChannels, connectedCalendars, externalBusyIntervals } from "@/server/db/schema";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { hashChannelToken } from "@/server/integrations/google/verify-webhook";
import { createProductJobHandlers } from "@/server/jobs/product-jobs";
import { startJobWorker, type JobWorker } from "@/server/jobs/worker";
import { createLogger } from "@/server/logger/logger";
import { clearEmulatorCalendar, connectTestCalendar, type ConnectedTestCalendar } from "@/test/connected-calendar";
import { startCalendarTestbed, type CalendarTestbed } from "@/test/google-calendar";
import { startNotificationVendors, type NotificationVendors } from "@/test/notification-vendors";
import { capturingLogger } from "@/test/request-context";
import { PROVIDER } from "../../../../../local-cloud/google/test-helpers";
import { POST } from "./route";

// Google Calendar push end to end against the local cloud: the emulator posts its notifications
// to this route (through a loopback HTTP server), the route asks for one coalesced sync, and the
// real job worker imports the change. Forged, unknown, stopped and replayed notifications change
// nothing; channels are renewed with an overlap; reconciliation heals dropped notifications.

const state = vi.hoisted(() => ({
  db: undefined as unknown as import("@/test/db").TestDatabase,
  log: undefined as unknown as ReturnType<typeof import("@/test/request-context").capturingLogger>,
}));
vi.mock("server-only", () => ({}));
vi.mock("@/server/db", () => ({ getDatabase: () => state.db }));
vi.mock("@/server/logger", () => ({ getLogger: () => state.log.logger }));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (days: number, hours = 9) => new Date(Math.ceil(Date.now() / DAY) * DAY + days * DAY + hours * HOUR);
const cipher = createTokenCipher({ writeKey: randomBytes(32).toString("base64") });

let testbed: CalendarTestbed;
let google: GoogleCalendarIntegration;
let vendors: NotificationVendors;
let forwarder: http.Server;
let address: string;

beforeAll(async () => {
  testbed = await startCalendarTestbed();
  state.db = testbed.db;
  google = testbed.google;
  vendors = await startNotificationVendors();
  // Google posts to an address; here a loopback server hands each post to the route's POST.
  forwarder = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    req.resume();
    req.on("end", () => {
      void POST(new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: "POST", headers })).then((response) => res.writeHead(response.status).end());
    });
  });
  await new Promise<void>((resolve) => forwarder.listen(0, "127.0.0.1", resolve));
  address = `http://127.0.0.1:${(forwarder.address() as AddressInfo).port}/api/webhooks/google-calendar`;
});
afterAll(async () => {
  forwarder?.closeAllConnections();
  await new Promise<void>((resolve) => (forwarder ? forwarder.close(() => resolve()) : resolve()));
  await vendors?.close();
  await testbed?.close();
});

let cal: ConnectedTestCalendar;
beforeEach(async () => {
  state.log = capturingLogger();
  await testbed.h.emulator.notificationsSettled();
  clearEmulatorCalendar(testbed.h);
  await testbed.h.emulator.notificationsSettled();
  // Channels of earlier tests must not notify this test's route.
  for (const channel of testbed.h.emulator.snapshot().channels) if (channel.state === "live") testbed.h.emulator.expireChannel(channel.id);
  await testbed.db.db.execute(sql`DELETE FROM graphile_worker._private_jobs`);
  // Reconciliation looks at every calendar: only this test's connection exists.
  await testbed.db.db.execute(sql`DELETE FROM calendar_connections`);
  cal = await connectTestCalendar(testbed.db.db, testbed.h, cipher);
  state.log = capturingLogger();
});

const db = () => testbed.db.db;
const watch = (options: { now?: Date; ttlSeconds?: number; google?: GoogleCalendarIntegration } = {}) =>
  watchCalendar({ db: db(), google: options.google ?? google, cipher, calendarId: cal.calendarId, address, now: options.now ?? new Date(), ttlSeconds: options.ttlSeconds });
const createEvent = (day: number, hours = 9) => testbed.h.emulator.createEvent(PROVIDER, { summary: "Busy", start: { dateTime: at(day, hours).toISOString() }, end: { dateTime: at(day, hours + 1).toISOString() } });
const settled = () => testbed.h.emulator.notificationsSettled();
const outcomes = () => state.log.lines().filter((line) => line.webhook === "google.calendar").map((line) => line.outcome);

async function syncJobs() {
  const result = await db().execute<{ key: string | null }>(sql`SELECT key FROM graphile_worker.jobs WHERE task_identifier = 'calendar.sync'`);
  return result.rows.map((row) => row.key);
}
async function busyIds() {
  const rows = await db().select({ id: externalBusyIntervals.externalId }).from(externalBusyIntervals).where(eq(externalBusyIntervals.providerId, cal.providerId));
  return rows.map((row) => row.id).sort();
}
async function syncRuns() {
  return db().select().from(calendarSyncRuns).where(eq(calendarSyncRuns.calendarId, cal.calendarId)).orderBy(asc(calendarSyncRuns.startedAt));
}
async function channelRows() {
  return db().select().from(calendarWatchChannels).where(eq(calendarWatchChannels.calendarId, cal.calendarId)).orderBy(asc(calendarWatchChannels.createdAt));
}

async function eventually<T>(read: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function startWorker(workerGoogle = google): Promise<JobWorker> {
  return startJobWorker({
    connectionString: testbed.db.url,
    db: db(),
    handlers: createProductJobHandlers({ ...vendors.deps, google: workerGoogle, tokenCipher: cipher, calendarPushAddress: address }).handlers,
    logger: createLogger({ level: "silent" }),
    concurrency: 4,
    pollIntervalMs: 100,
    periodicJobs: [],
  });
}

describe("push notifications from Google", () => {
  it("a burst of changes leaves one pending sync for the calendar, which the worker runs once and imports them all", async () => {
    const watched = await watch();
    expect(watched).toMatchObject({ outcome: "WATCHED", opened: true, stopped: 0 });
    await settled();
    const events = [1, 2, 3, 4, 5].map((day) => createEvent(day));
    await settled();
    // Google posts them concurrently: one arriving after a higher number is dropped as a replay,
    // which loses nothing (the sync it would ask for reads every change anyway).
    const answered = outcomes().filter((outcome) => outcome !== "unknown-channel" && outcome !== "initialised");
    expect(answered).toHaveLength(5);
    expect(new Set(answered)).toEqual(new Set(answered.includes("replay") ? ["sync-queued", "replay"] : ["sync-queued"]));
    expect(await syncJobs()).toEqual([`calendar-sync:${cal.calendarId}`]);

    const worker = await startWorker();
    try {
      await eventually(async () => (await busyIds()).length === 5 && (await syncJobs()).length === 0);
    } finally {
      await worker.stop();
    }
    expect(await busyIds()).toEqual(events.map((event) => String(event.id)).sort());
    expect((await syncRuns()).map((run) => run.outcome)).toEqual(["OK"]);
  });

  it("notifications arriving while syncs run: one sync at a time per calendar, and no change is lost", async () => {
    await watch();
    await settled();
    // Each listing takes a little while, so notifications keep arriving while a sync runs.
    const slow: GoogleCalendarIntegration = { ...google, listEventChanges: async (input) => (await new Promise((resolve) => setTimeout(resolve, 40)), google.listEventChanges(input)) };
    const worker = await startWorker(slow);
    const created: string[] = [];
    try {
      for (let burst = 0; burst < 4; burst += 1) {
        for (let i = 0; i < 5; i += 1) created.push(String(createEvent(burst * 5 + i + 1, 8 + i).id));
        await settled();
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      await eventually(async () => (await busyIds()).length === 20 && (await syncJobs()).length === 0);
    } finally {
      await worker.stop();
    }
    expect(await busyIds()).toEqual(created.sort());
    const runs = await syncRuns();
    expect(runs.every((run) => run.outcome === "OK")).toBe(true);
    // Several syncs ran (so their order means something), far fewer than the 20 notifications.
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThan(20);
    // Never two at once: each run finished before the next one started.
    for (let i = 1; i < runs.length; i += 1) expect(runs[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!.getTime());
  });
});

describe("the webhook route", () => {
  const TOKEN = randomBytes(32).toString("base64url");
  let channelId: string;

  beforeEach(async () => {
    channelId = randomUUID();
    await db().insert(calendarWatchChannels).values({ id: channelId, calendarId: cal.calendarId, resourceId: "resource-1", tokenHash: hashChannelToken(TOKEN), expiresAt: new Date(Date.now() + DAY) });
  });

  const post = (headers: Record<string, string | undefined>) => {
    const defined = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return POST(new Request("http://127.0.0.1:3000/api/webhooks/google-calendar", { method: "POST", headers: defined }));
  };
  const notify = (messageNumber: number, overrides: Record<string, string | undefined> = {}) =>
    post({
      "X-Goog-Channel-ID": channelId,
      "X-Goog-Channel-Token": TOKEN,
      "X-Goog-Resource-ID": "resource-1",
      "X-Goog-Resource-State": "exists",
      "X-Goog-Message-Number": String(messageNumber),
      "X-Goog-Resource-URI": "https://www.googleapis.com/calendar/v3/calendars/x/events",
      ...overrides,
    });
  async function channel() {
    const [row] = await db().select().from(calendarWatchChannels).where(eq(calendarWatchChannels.id, channelId));
    return row!;
  }

  it("`sync` initialises the channel without a sync; a change asks for one; replays and older numbers are dropped", async () => {
    expect((await notify(1, { "X-Goog-Resource-State": "sync" })).status).toBe(200);
    expect((await channel()).lastMessageNumber).toBe(1);
    expect(await syncJobs()).toEqual([]);

    expect((await notify(7)).status).toBe(200);
    expect((await channel()).lastMessageNumber).toBe(7);
    expect(await syncJobs()).toEqual([`calendar-sync:${cal.calendarId}`]);

    await db().execute(sql`DELETE FROM graphile_worker._private_jobs`);
    expect((await notify(7)).status).toBe(200);
    expect((await notify(5, { "X-Goog-Resource-State": "not_exists" })).status).toBe(200);
    expect((await channel()).lastMessageNumber).toBe(7);
    expect(await syncJobs()).toEqual([]);
    expect(outcomes()).toEqual(["initialised", "sync-queued", "replay", "replay"]);
  });

  it("a forged token, a wrong resource, an unknown, stopped or lapsed channel and malformed headers get 200 and change nothing", async () => {
    await notify(1, { "X-Goog-Resource-State": "sync" });
    const before = await channel();
    const answers = [
      await notify(2, { "X-Goog-Channel-Token": "forged" }),
      await notify(3, { "X-Goog-Channel-Token": undefined }),
      await notify(4, { "X-Goog-Channel-Token": TOKEN.slice(0, -1) }),
      await notify(5, { "X-Goog-Resource-ID": "resource-2" }),
      await notify(6, { "X-Goog-Channel-ID": randomUUID() }),
      await notify(7, { "X-Goog-Channel-ID": "not-a-uuid" }),
      await notify(8, { "X-Goog-Message-Number": "eight" }),
      await notify(9, { "X-Goog-Resource-State": "deleted" }),
      await post({}),
    ];
    await db().update(calendarWatchChannels).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(calendarWatchChannels.id, channelId));
    answers.push(await notify(10));
    await db().update(calendarWatchChannels).set({ expiresAt: new Date(Date.now() + DAY), stoppedAt: new Date() }).where(eq(calendarWatchChannels.id, channelId));
    answers.push(await notify(11));

    expect(answers.map((answer) => answer.status)).toEqual(Array(11).fill(200));
    expect(await channel()).toMatchObject({ lastMessageNumber: before.lastMessageNumber });
    expect(await syncJobs()).toEqual([]);
    expect(outcomes()).toEqual([
      "initialised",
      "bad-token",
      "bad-token",
      "bad-token",
      "wrong-resource",
      "unknown-channel",
      "unknown-channel",
      "malformed",
      "malformed",
      "malformed",
      "expired-channel",
      "stopped-channel",
    ]);
    expect(state.log.text()).not.toContain(TOKEN);
  });

  it("drops notifications for a connection that needs reconnecting", async () => {
    await db().execute(sql`UPDATE calendar_connections SET status = 'NEEDS_RECONNECT' WHERE id = ${cal.connectionId}`);
    expect((await notify(3)).status).toBe(200);
    expect(await syncJobs()).toEqual([]);
    expect((await channel()).lastMessageNumber).toBeNull();
    expect(outcomes()).toEqual(["connection-needs-reconnect"]);
  });
});

describe("channel renewal and reconciliation", () => {
  it("renews a channel near expiry: the new one is live before the old one is stopped, and notifications on either are accepted", async () => {
    const first = await watch({ ttlSeconds: 3_600 });
    expect(first).toMatchObject({ outcome: "WATCHED", opened: true });
    await settled();
    // An hour left is inside the renewal margin: the next watch opens a new channel.
    let seenAtStop: { dbActive: string[]; emulatorLive: string[] } | undefined;
    const observed: GoogleCalendarIntegration = {
      ...google,
      stopChannel: async (input) => {
        const rows = await db().select().from(calendarWatchChannels).where(and(eq(calendarWatchChannels.calendarId, cal.calendarId), isNull(calendarWatchChannels.stoppedAt)));
        seenAtStop = { dbActive: rows.map((row) => row.id).sort(), emulatorLive: testbed.h.emulator.snapshot().channels.filter((c) => c.state === "live").map((c) => c.id).sort() };
        // A change during the overlap notifies both channels.
        createEvent(1);
        await settled();
        return google.stopChannel(input);
      },
    };
    await db().execute(sql`DELETE FROM graphile_worker._private_jobs`);
    const renewed = await watch({ google: observed });
    expect(renewed).toMatchObject({ outcome: "WATCHED", opened: true, stopped: 1 });
    if (renewed.outcome !== "WATCHED" || first.outcome !== "WATCHED") throw new Error("unreachable");
    const both = [first.channelId, renewed.channelId].sort();
    expect(seenAtStop).toEqual({ dbActive: both, emulatorLive: both });
    expect(outcomes().filter((outcome) => outcome === "sync-queued")).toHaveLength(2);
    expect(await syncJobs()).toEqual([`calendar-sync:${cal.calendarId}`]);

    const rows = await channelRows();
    expect(rows.map((row) => [row.id, row.stoppedAt === null])).toEqual([
      [first.channelId, false],
      [renewed.channelId, true],
    ]);
    expect(Object.fromEntries(testbed.h.emulator.snapshot().channels.filter((c) => both.includes(c.id)).map((c) => [c.id, c.state]))).toEqual({
      [first.channelId]: "stopped",
      [renewed.channelId]: "live",
    });
    // Only the stored tokens' hashes: the row has no token Google could be sent.
    expect(rows.every((row) => /^[A-Za-z0-9_-]{43}$/.test(row.tokenHash))).toBe(true);

    // Afterwards only the new channel notifies; running the watch again changes nothing.
    state.log = capturingLogger();
    createEvent(2);
    await settled();
    expect(outcomes()).toEqual(["sync-queued"]);
    expect(await watch()).toMatchObject({ outcome: "WATCHED", opened: false, stopped: 0, channelId: renewed.channelId });
  });

  it("a dropped notification is healed by reconciliation once the calendar has not synced for 15 minutes", async () => {
    await watch();
    await settled();
    const syncedAt = new Date();
    await runCalendarSync({ db: db(), google, cipher, calendarId: cal.calendarId, now: syncedAt, random: () => 0.5 });
    await db().execute(sql`DELETE FROM graphile_worker._private_jobs`);

    testbed.h.emulator.dropNextNotifications(1);
    const missed = createEvent(3);
    await settled();
    expect(await syncJobs()).toEqual([]);
    expect(await busyIds()).toEqual([]);

    expect(await reconcileCalendars({ db: db(), now: new Date(syncedAt.getTime() + 10 * 60_000) })).toMatchObject({ syncs: 0, watches: 0 });
    expect(await syncJobs()).toEqual([]);
    expect(await reconcileCalendars({ db: db(), now: new Date(syncedAt.getTime() + 16 * 60_000) })).toMatchObject({ syncs: 1, watches: 0 });
    expect(await syncJobs()).toEqual([`calendar-sync:${cal.calendarId}`]);
    await runCalendarSync({ db: db(), google, cipher, calendarId: cal.calendarId, now: new Date(syncedAt.getTime() + 16 * 60_000), random: () => 0.5 });
    expect(await busyIds()).toEqual([String(missed.id)]);
    const [row] = await db().select({ lastSyncedAt: connectedCalendars.lastSyncedAt }).from(connectedCalendars).where(eq(connectedCalendars.id, cal.calendarId));
    expect(row!.lastSyncedAt).toEqual(new Date(syncedAt.getTime() + 16 * 60_000));
  });
});
