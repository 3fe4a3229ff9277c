import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTokenCipher } from "@/server/auth/token-crypto";
import { calendarConnections, calendarSyncRuns, calendarWatchChannels, connectedCalendars, externalBusyIntervals, outboxEvents } from "@/server/db/schema";
import { clearEmulatorCalendar, connectTestCalendar } from "@/test/connected-calendar";
import { startCalendarTestbed, type CalendarTestbed } from "@/test/google-calendar";
import { busySource } from "./calendar-sync-repository";
import { accessTokenFor } from "./connection-tokens";
import { reconcileCalendars } from "./reconcile-calendars";
import { watchCalendar } from "./watch-calendar";

// The calendar.reconcile cron: which calendars get a watch (open, renew, stop) or a sync job,
// that running it twice queues nothing twice, and the purge of old sync runs and dead channels.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const cipher = createTokenCipher({ writeKey: randomBytes(32).toString("base64") });
const NOW = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);

let testbed: CalendarTestbed;
beforeAll(async () => {
  testbed = await startCalendarTestbed();
});
afterAll(() => testbed?.close());
beforeEach(async () => {
  clearEmulatorCalendar(testbed.h);
  await testbed.db.db.execute(sql`DELETE FROM graphile_worker._private_jobs`);
  await testbed.db.db.execute(sql`DELETE FROM calendar_connections`);
});

const db = () => testbed.db.db;

async function calendar(values: Partial<typeof connectedCalendars.$inferInsert> = {}, channelExpiresAt?: Date) {
  const cal = await connectTestCalendar(db(), testbed.h, cipher, { blocksAvailability: values.blocksAvailability, receivesBookings: values.receivesBookings });
  if (Object.keys(values).length > 0) await db().update(connectedCalendars).set(values).where(eq(connectedCalendars.id, cal.calendarId));
  if (channelExpiresAt) await db().insert(calendarWatchChannels).values({ id: randomUUID(), calendarId: cal.calendarId, resourceId: "r", tokenHash: "h", expiresAt: channelExpiresAt });
  return cal;
}

async function jobs() {
  const result = await db().execute<{ task_identifier: string; key: string }>(sql`SELECT task_identifier, key FROM graphile_worker.jobs ORDER BY key`);
  return result.rows.map((row) => row.key);
}

describe("reconcileCalendars", () => {
  it("watches calendars without a lasting channel, syncs those push left quiet, and leaves the rest alone", async () => {
    const fresh = await calendar({ lastSyncedAt: new Date(NOW.getTime() - 5 * MINUTE) }, new Date(NOW.getTime() + 5 * DAY));
    const quiet = await calendar({ lastSyncedAt: new Date(NOW.getTime() - 20 * MINUTE) }, new Date(NOW.getTime() + 5 * DAY));
    const neverWatched = await calendar({ lastSyncedAt: null });
    const expiring = await calendar({ lastSyncedAt: new Date(NOW.getTime() - MINUTE) }, new Date(NOW.getTime() + 2 * HOUR));
    const lapsed = await calendar({ lastSyncedAt: new Date(NOW.getTime() - MINUTE) }, new Date(NOW.getTime() - HOUR));
    const backingOff = await calendar({ lastSyncedAt: new Date(NOW.getTime() - HOUR), backoffUntil: new Date(NOW.getTime() + 5 * MINUTE) }, new Date(NOW.getTime() + 5 * DAY));
    const bookingsOnly = await calendar({ blocksAvailability: false, receivesBookings: true, lastSyncedAt: null }, new Date(NOW.getTime() + 5 * DAY));
    const unticked = await calendar({ blocksAvailability: false, receivesBookings: false, lastSyncedAt: null }, new Date(NOW.getTime() + 5 * DAY));
    const untickedNoChannel = await calendar({ blocksAvailability: false, receivesBookings: false, lastSyncedAt: null });
    const disconnected = await calendar({ lastSyncedAt: null }, new Date(NOW.getTime() + 5 * DAY));
    // Its episode already ran (the provider was told): nothing for the cron to do.
    await db().update(calendarConnections).set({ status: "NEEDS_RECONNECT", reconnectNoticeSentAt: NOW }).where(eq(calendarConnections.id, disconnected.connectionId));

    const sync = (c: { calendarId: string }) => `calendar-sync:${c.calendarId}`;
    const watch = (c: { calendarId: string }) => `calendar-watch:${c.calendarId}`;
    const expected = [sync(quiet), sync(neverWatched), watch(neverWatched), watch(expiring), watch(lapsed), sync(bookingsOnly), watch(unticked)].sort();

    expect(await reconcileCalendars({ db: db(), now: NOW })).toMatchObject({ watches: 4, syncs: 3 });
    expect(await jobs()).toEqual(expected);
    // Running again (a second worker, the next period) adds nothing: the jobs are keyed.
    await reconcileCalendars({ db: db(), now: NOW });
    expect(await jobs()).toEqual(expected);
    for (const untouched of [fresh, backingOff, untickedNoChannel, disconnected]) {
      expect((await jobs()).filter((key) => key.endsWith(untouched.calendarId))).toEqual([]);
    }
  });

  it("keeps each calendar's last 50 runs and, beyond 30 days, only its latest; forgets channels dead for a day", async () => {
    const busy = await calendar();
    const idle = await calendar();
    await db().insert(calendarSyncRuns).values(
      Array.from({ length: 60 }, (_, i) => ({ calendarId: busy.calendarId, kind: "INCREMENTAL" as const, startedAt: new Date(NOW.getTime() - i * HOUR), outcome: "OK" as const })),
    );
    await db().insert(calendarSyncRuns).values([40, 35, 2].map((days) => ({ calendarId: idle.calendarId, kind: "INCREMENTAL" as const, startedAt: new Date(NOW.getTime() - days * DAY), outcome: "OK" as const })));
    const channels = [
      { id: randomUUID(), calendarId: busy.calendarId, resourceId: "r", tokenHash: "h", expiresAt: new Date(NOW.getTime() + DAY), stoppedAt: new Date(NOW.getTime() - 2 * DAY) },
      { id: randomUUID(), calendarId: busy.calendarId, resourceId: "r", tokenHash: "h", expiresAt: new Date(NOW.getTime() - 2 * DAY) },
      { id: randomUUID(), calendarId: busy.calendarId, resourceId: "r", tokenHash: "h", expiresAt: new Date(NOW.getTime() + DAY), stoppedAt: new Date(NOW.getTime() - HOUR) },
      { id: randomUUID(), calendarId: busy.calendarId, resourceId: "r", tokenHash: "h", expiresAt: new Date(NOW.getTime() + 3 * DAY) },
    ];
    await db().insert(calendarWatchChannels).values(channels);

    expect(await reconcileCalendars({ db: db(), now: NOW })).toMatchObject({ purgedRuns: 10 + 2, purgedChannels: 2 });
    const kept = async (calendarId: string) =>
      (await db().select({ startedAt: calendarSyncRuns.startedAt }).from(calendarSyncRuns).where(eq(calendarSyncRuns.calendarId, calendarId)).orderBy(asc(calendarSyncRuns.startedAt))).map((row) => row.startedAt);
    expect(await kept(busy.calendarId)).toEqual(Array.from({ length: 50 }, (_, i) => new Date(NOW.getTime() - (49 - i) * HOUR)));
    expect(await kept(idle.calendarId)).toEqual([new Date(NOW.getTime() - 2 * DAY)]);
    const left = await db().select({ id: calendarWatchChannels.id }).from(calendarWatchChannels);
    expect(left.map((row) => row.id).sort()).toEqual([channels[2]!.id, channels[3]!.id].sort());
  });

  it("a connection whose refresh Google refused outside a sync (an export, a Meet poll) enters its episode: busy time removed, the provider told once", async () => {
    const cal = await connectTestCalendar(db(), testbed.h, cipher, { accessTokenExpiresAt: new Date(NOW.getTime() - MINUTE) });
    await db().insert(externalBusyIntervals).values({ providerId: cal.providerId, source: busySource(cal.calendarId), externalId: "evt-1", startsAt: new Date(NOW.getTime() + DAY), endsAt: new Date(NOW.getTime() + DAY + HOUR) });
    testbed.h.emulator.revokeRefreshToken(cal.tokens.refreshToken);
    // What an export or a Meet poll calls first; it marks the connection and goes on.
    await expect(accessTokenFor({ db: db(), cipher, google: testbed.google, connectionId: cal.connectionId, now: NOW })).rejects.toMatchObject({ details: { reconnectRequired: true } });
    const notices = () => db().select().from(outboxEvents).where(and(eq(outboxEvents.type, "calendar.connection_needs_reconnect"), eq(outboxEvents.aggregateId, cal.connectionId)));
    const busy = () => db().select().from(externalBusyIntervals).where(eq(externalBusyIntervals.source, busySource(cal.calendarId)));
    expect(await busy()).toHaveLength(1);

    expect(await reconcileCalendars({ db: db(), now: NOW })).toMatchObject({ episodes: 1 });
    expect(await busy()).toEqual([]);
    expect(await notices()).toHaveLength(1);
    const [connection] = await db().select().from(calendarConnections).where(eq(calendarConnections.id, cal.connectionId));
    expect(connection).toMatchObject({ status: "NEEDS_RECONNECT", statusReason: "invalid_grant", reconnectNoticeSentAt: NOW });
    expect(await reconcileCalendars({ db: db(), now: NOW })).toMatchObject({ episodes: 0 });
    expect(await notices()).toHaveLength(1);
  });

  it("a watch job for a calendar no longer wanted stops its channel at Google", async () => {
    const cal = await calendar();
    const address = "http://127.0.0.1:9/api/webhooks/google-calendar";
    const opened = await watchCalendar({ db: db(), google: testbed.google, cipher, calendarId: cal.calendarId, address, now: new Date() });
    expect(opened).toMatchObject({ outcome: "WATCHED", opened: true });
    await db().update(connectedCalendars).set({ blocksAvailability: false }).where(eq(connectedCalendars.id, cal.calendarId));
    expect(await reconcileCalendars({ db: db(), now: new Date() })).toMatchObject({ watches: 1, syncs: 0 });
    expect(await watchCalendar({ db: db(), google: testbed.google, cipher, calendarId: cal.calendarId, address, now: new Date() })).toEqual({ outcome: "UNWATCHED", stopped: 1 });
    if (opened.outcome !== "WATCHED") throw new Error("unreachable");
    expect(testbed.h.emulator.snapshot().channels.find((channel) => channel.id === opened.channelId)?.state).toBe("stopped");
    const [row] = await db().select().from(calendarWatchChannels).where(eq(calendarWatchChannels.id, opened.channelId));
    expect(row!.stoppedAt).not.toBeNull();
  });
});
