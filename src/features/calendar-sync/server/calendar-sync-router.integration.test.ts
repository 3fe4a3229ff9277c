import { randomBytes, randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTokenCipher } from "@/server/auth/token-crypto";
import { bookings, calendarConnections, calendarSyncRuns, calendarWatchChannels, connectedCalendars, externalBusyIntervals, providerCalendarSettings, services } from "@/server/db/schema";
import { createGoogleCalendarIntegration } from "@/server/integrations/google/client";
import { buildService, createProvider, createUser } from "@/test/factories";
import { startCalendarTestbed, type CalendarTestbed } from "@/test/google-calendar";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import { CALENDAR_SCOPE, CLIENT_ID, PROVIDER, rejection } from "../../../../local-cloud/google/test-helpers";
import { busySource } from "./calendar-sync-repository";
import { storeConnectionTokens } from "./connection-tokens";
import type { CalendarGoogleDeps } from "./google-deps";

// The calendarSync router through createCaller, against PostgreSQL and the Google emulator:
// who may call what, bad input, choices, "sync now", settings and disconnect.

const state = vi.hoisted(() => ({ deps: undefined as unknown as import("./google-deps").CalendarGoogleDeps }));
vi.mock("./google-deps", () => ({ getCalendarGoogleDeps: () => Promise.resolve(state.deps) }));

let testbed: CalendarTestbed;
const cipher = createTokenCipher({ writeKey: randomBytes(32).toString("base64") });
const db = () => testbed.db.db;
const NOW = new Date();
const as = (actor: TestActor, at: Date = NOW) => callerFor(db(), actor, () => at);

beforeAll(async () => {
  testbed = await startCalendarTestbed();
  state.deps = { google: testbed.google, cipher };
});
afterAll(() => testbed?.close());
beforeEach(async () => {
  state.deps = { google: testbed.google, cipher };
  await db().execute(sql`DELETE FROM graphile_worker._private_jobs`);
});

async function failure(promise: Promise<unknown>): Promise<{ code: string; appCode?: string; message: string; fields: Record<string, string[]> }> {
  const error = await rejection(promise);
  if (!(error instanceof TRPCError)) throw error;
  const cause = error.cause as { code?: string; issues?: { path: PropertyKey[]; message: string }[]; details?: { fieldErrors?: Record<string, string[]> } } | undefined;
  const fields: Record<string, string[]> = {};
  for (const issue of cause?.issues ?? []) (fields[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return { code: error.code, appCode: cause?.code, message: error.message, fields: cause?.details?.fieldErrors ?? fields };
}

type Provider = Awaited<ReturnType<typeof createProvider>>;

/** A provider with one Google account connected as the connect flow leaves it (the emulator's calendar). */
async function connected(options: { status?: "APPROVED" | "PENDING"; blocks?: boolean; receives?: boolean; canWrite?: boolean; provider?: Provider } = {}) {
  const p = options.provider ?? (await createProvider(db(), { provider: { status: options.status ?? "APPROVED", timeZone: "Europe/Lisbon" } }));
  const issued = testbed.h.emulator.issueTokens({ clientId: CLIENT_ID, email: PROVIDER, scopes: ["openid", "email", CALENDAR_SCOPE], offline: true });
  const [connection] = await db()
    .insert(calendarConnections)
    .values({ providerId: p.provider.id, googleSubject: `sub-${randomUUID()}`, googleEmail: PROVIDER })
    .returning();
  await storeConnectionTokens(db(), cipher, connection!.id, { accessToken: issued.accessToken, expiresAt: new Date(Date.now() + 3_600_000), refreshToken: issued.refreshToken, scopes: [CALENDAR_SCOPE] });
  const [calendar] = await db()
    .insert(connectedCalendars)
    .values({
      connectionId: connection!.id,
      googleCalendarId: PROVIDER,
      name: "Ada",
      timeZone: "Europe/Berlin",
      canWrite: options.canWrite ?? true,
      blocksAvailability: options.blocks ?? true,
      receivesBookings: options.receives ?? false,
      syncToken: "token-1",
    })
    .returning();
  return { p, user: asUser(p.user), connectionId: connection!.id, calendarId: calendar!.id, tokens: issued };
}

async function addBusy(providerId: string, calendarId: string) {
  await db().insert(externalBusyIntervals).values({ providerId, source: busySource(calendarId), externalId: "evt-1", startsAt: new Date("2030-01-07T09:00:00Z"), endsAt: new Date("2030-01-07T10:00:00Z") });
}
const busyOf = (calendarId: string) => db().select().from(externalBusyIntervals).where(eq(externalBusyIntervals.source, busySource(calendarId)));

/** A real push channel at the emulator, recorded as the watch job records it. */
async function openChannel(calendarId: string, accessToken: string) {
  const channel = await testbed.google.watchCalendar({ accessToken, calendarId: PROVIDER, channelId: randomUUID(), address: "http://127.0.0.1:9/api/webhooks/google-calendar", token: randomBytes(32).toString("hex") });
  await db().insert(calendarWatchChannels).values({ id: channel.channelId, calendarId, resourceId: channel.resourceId, tokenHash: "x", expiresAt: channel.expiresAt });
  return channel.channelId;
}
const emulatorChannel = (id: string) => testbed.h.emulator.snapshot().channels.find((channel) => channel.id === id);

async function jobKeys() {
  const result = await db().execute<{ key: string; run_at: string }>(sql`SELECT key, run_at FROM graphile_worker.jobs ORDER BY key`);
  return result.rows;
}

describe("who may use the calendarSync procedures", () => {
  /** Every procedure, as calls not yet made. */
  const calls = (ids: { calendarId: string; connectionId: string }) => (actor: TestActor) => [
    () => as(actor).calendarSync.overview(),
    () => as(actor).calendarSync.settings(),
    () => as(actor).calendarSync.updateCalendar({ calendarId: ids.calendarId, blocksAvailability: false, receivesBookings: false }),
    () => as(actor).calendarSync.syncNow({ calendarId: ids.calendarId }),
    () => as(actor).calendarSync.updateSettings({ onEventDeleted: "CANCEL", invitePatient: true }),
    () => as(actor).calendarSync.disconnect({ connectionId: ids.connectionId }),
  ];

  it("refuses visitors (UNAUTHORIZED) and signed-in people without a provider profile (FORBIDDEN)", async () => {
    const mine = await connected();
    const stranger = await createUser(db());
    for (const call of calls(mine)(anonymous)) expect((await failure(call())).code).toBe("UNAUTHORIZED");
    for (const call of calls(mine)(asUser(stranger))) expect((await failure(call())).code).toBe("FORBIDDEN");
    expect(await busyOf(mine.calendarId)).toEqual([]);
    expect(await db().select().from(calendarConnections).where(eq(calendarConnections.id, mine.connectionId))).toHaveLength(1);
  });

  it("answers NOT_FOUND to another provider for my calendar and connection ids, and changes nothing", async () => {
    const mine = await connected();
    await addBusy(mine.p.provider.id, mine.calendarId);
    const other = await connected();
    // One call at a time, each awaited: a promise made before its turn would reject unobserved.
    for (const call of [
      () => as(other.user).calendarSync.updateCalendar({ calendarId: mine.calendarId, blocksAvailability: false, receivesBookings: false }),
      () => as(other.user).calendarSync.syncNow({ calendarId: mine.calendarId }),
      () => as(other.user).calendarSync.disconnect({ connectionId: mine.connectionId }),
    ]) {
      expect(await failure(call())).toMatchObject({ code: "NOT_FOUND", appCode: "NOT_FOUND" });
    }
    expect(await busyOf(mine.calendarId)).toHaveLength(1);
    expect(await jobKeys()).toEqual([]);
    const [row] = await db().select().from(connectedCalendars).where(eq(connectedCalendars.id, mine.calendarId));
    expect(row).toMatchObject({ blocksAvailability: true, syncToken: "token-1" });
    // Their own overview does not show mine.
    expect((await as(other.user).calendarSync.overview()).connections.map((c) => c.id)).toEqual([other.connectionId]);
  });

  it("names the field of bad input", async () => {
    const mine = await connected();
    const bad = (input: unknown) => input as never;
    expect((await failure(as(mine.user).calendarSync.updateCalendar(bad({ calendarId: "nope", blocksAvailability: "yes" })))).fields).toEqual({
      calendarId: ["calendarId must be the id of one of your connected calendars"],
      blocksAvailability: ["blocksAvailability must be true or false"],
      receivesBookings: ["receivesBookings must be true or false"],
    });
    expect((await failure(as(mine.user).calendarSync.syncNow(bad({})))).fields).toHaveProperty("calendarId");
    expect((await failure(as(mine.user).calendarSync.disconnect(bad({ connectionId: 42 })))).fields).toHaveProperty("connectionId");
    expect(await failure(as(mine.user).calendarSync.updateSettings(bad({ onEventDeleted: "DELETE", invitePatient: true })))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { onEventDeleted: ["onEventDeleted must be CANCEL or FLAG"] },
    });
  });

  it("lets a provider who is not approved read and disconnect, but not change choices, sync or settings", async () => {
    const pending = await connected({ status: "PENDING" });
    expect((await as(pending.user).calendarSync.overview()).canEdit).toBe(false);
    for (const call of calls(pending)(pending.user).slice(2, 5)) expect((await failure(call())).code).toBe("FORBIDDEN");
    expect(await as(pending.user).calendarSync.disconnect({ connectionId: pending.connectionId })).toMatchObject({ connectionId: pending.connectionId });
  });
});

describe("the overview", () => {
  it("shows each connection and calendar with choices and the ten newest runs, in the provider's zone, without tokens", async () => {
    const mine = await connected({ receives: true });
    const runs = Array.from({ length: 12 }, (_, i) => ({
      calendarId: mine.calendarId,
      kind: i === 0 ? ("FULL" as const) : ("INCREMENTAL" as const),
      startedAt: new Date(NOW.getTime() - (12 - i) * 60_000),
      finishedAt: i === 11 ? null : new Date(NOW.getTime() - (12 - i) * 60_000 + 1_500),
      pages: 1,
      changes: i,
      outcome: i === 11 ? null : i === 10 ? ("FAILED" as const) : ("OK" as const),
      error: i === 10 ? "INTEGRATION_UNAVAILABLE google 503" : null,
    }));
    await db().insert(calendarSyncRuns).values(runs);
    const overview = await as(mine.user).calendarSync.overview();
    expect(overview).toMatchObject({ timeZone: "Europe/Lisbon", needsReconnect: false, canEdit: true });
    expect(overview.connections).toEqual([
      expect.objectContaining({
        id: mine.connectionId,
        email: PROVIDER,
        status: "ACTIVE",
        calendars: [expect.objectContaining({ id: mine.calendarId, isPrimary: true, blocksAvailability: true, receivesBookings: true, canWrite: true, timeZone: "Europe/Berlin" })],
      }),
    ]);
    const shown = overview.connections[0]!.calendars[0]!.runs;
    expect(shown.map((run) => run.changes)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    expect(shown[0]).toMatchObject({ outcome: null, durationMs: null });
    expect(shown[1]).toMatchObject({ outcome: "FAILED", error: "INTEGRATION_UNAVAILABLE google 503", durationMs: 1_500 });
    expect(JSON.stringify(overview)).not.toMatch(/v2\.|ya29|1\/\//);

    await db().update(calendarConnections).set({ status: "NEEDS_RECONNECT", statusReason: "invalid_grant" }).where(eq(calendarConnections.id, mine.connectionId));
    expect(await as(mine.user).calendarSync.overview()).toMatchObject({ needsReconnect: true, connections: [{ status: "NEEDS_RECONNECT", statusReason: "invalid_grant" }] });
  });
});

describe("choosing what a calendar is for", () => {
  it("lets one calendar of the provider receive bookings: choosing another clears it, and only a writable one may", async () => {
    const first = await connected({ receives: true });
    const second = await connected({ provider: first.p, receives: false });
    const readOnly = await connected({ provider: first.p, canWrite: false });
    await as(first.user).calendarSync.updateCalendar({ calendarId: second.calendarId, blocksAvailability: true, receivesBookings: true });
    const receiving = await db().select({ id: connectedCalendars.id }).from(connectedCalendars).where(eq(connectedCalendars.receivesBookings, true));
    expect(receiving.map((row) => row.id).filter((id) => [first.calendarId, second.calendarId, readOnly.calendarId].includes(id))).toEqual([second.calendarId]);
    expect(await failure(as(first.user).calendarSync.updateCalendar({ calendarId: readOnly.calendarId, blocksAvailability: true, receivesBookings: true }))).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "VALIDATION",
      fields: { receivesBookings: [expect.stringContaining("receivesBookings needs a calendar you can edit")] },
    });
  });

  it("a calendar chosen to receive bookings gets the provider's bookings still to come (queued exports); keeping it receiving queues none", async () => {
    const mine = await connected({ receives: false });
    const [service] = await db().insert(services).values(buildService({ providerId: mine.p.provider.id })).returning();
    const startsAt = new Date(NOW.getTime() + 2 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    const [booking] = await db()
      .insert(bookings)
      .values({ providerId: mine.p.provider.id, serviceId: service!.id, mode: "ONLINE", startsAt, endsAt, blockedStartsAt: startsAt, blockedEndsAt: endsAt, status: "CONFIRMED", guestName: "Gail Guest", guestEmail: "gail@example.test", patientTimeZone: "Europe/Lisbon" })
      .returning();
    const exportKeys = async () => (await jobKeys()).map((job) => job.key).filter((key) => key.startsWith("calendar-export:"));
    await as(mine.user).calendarSync.updateCalendar({ calendarId: mine.calendarId, blocksAvailability: true, receivesBookings: true });
    expect(await exportKeys()).toEqual([`calendar-export:${booking!.id}`]);
    await db().execute(sql`DELETE FROM graphile_worker._private_jobs`);
    await as(mine.user).calendarSync.updateCalendar({ calendarId: mine.calendarId, blocksAvailability: false, receivesBookings: true });
    expect(await exportKeys()).toEqual([]);
  });

  it("turning blocking off drops the imported busy time and the sync token, and stops the channels of a calendar no longer read", async () => {
    const mine = await connected();
    await addBusy(mine.p.provider.id, mine.calendarId);
    const channelId = await openChannel(mine.calendarId, mine.tokens.accessToken);
    expect(emulatorChannel(channelId)?.state).toBe("live");
    expect(await as(mine.user).calendarSync.updateCalendar({ calendarId: mine.calendarId, blocksAvailability: false, receivesBookings: false })).toEqual({
      calendarId: mine.calendarId,
      blocksAvailability: false,
      receivesBookings: false,
    });
    expect(await busyOf(mine.calendarId)).toEqual([]);
    const [row] = await db().select().from(connectedCalendars).where(eq(connectedCalendars.id, mine.calendarId));
    expect(row).toMatchObject({ blocksAvailability: false, syncToken: null });
    const [channel] = await db().select().from(calendarWatchChannels).where(eq(calendarWatchChannels.id, channelId));
    expect(channel?.stoppedAt).toEqual(NOW);
    expect(emulatorChannel(channelId)?.state).toBe("stopped");

    await as(mine.user).calendarSync.updateCalendar({ calendarId: mine.calendarId, blocksAvailability: true, receivesBookings: false });
    expect((await jobKeys()).map((job) => job.key)).toEqual([`calendar-sync:${mine.calendarId}`, `calendar-watch:${mine.calendarId}`]);
  });

  it("keeps the channel of a calendar that still receives bookings (its edits in Google flow back), and only re-syncs it", async () => {
    const mine = await connected({ receives: true });
    const channelId = await openChannel(mine.calendarId, mine.tokens.accessToken);
    await as(mine.user).calendarSync.updateCalendar({ calendarId: mine.calendarId, blocksAvailability: false, receivesBookings: true });
    expect(emulatorChannel(channelId)?.state).toBe("live");
    expect((await jobKeys()).map((job) => job.key)).toEqual([`calendar-sync:${mine.calendarId}`]);
  });
});

describe("sync now", () => {
  it("queues one sync, refuses another within 30 s of the last run, waits out Google's backoff, and needs a live connection", async () => {
    const mine = await connected();
    expect(await as(mine.user).calendarSync.syncNow({ calendarId: mine.calendarId })).toEqual({ calendarId: mine.calendarId, runAt: NOW });
    expect((await jobKeys()).map((job) => job.key)).toEqual([`calendar-sync:${mine.calendarId}`]);

    await db().insert(calendarSyncRuns).values({ calendarId: mine.calendarId, kind: "INCREMENTAL", startedAt: new Date(NOW.getTime() - 10_000) });
    expect(await failure(as(mine.user).calendarSync.syncNow({ calendarId: mine.calendarId }))).toMatchObject({ appCode: "RATE_LIMITED", message: expect.stringContaining("20 seconds") });
    const later = new Date(NOW.getTime() + 25_000);
    const backoffUntil = new Date(NOW.getTime() + 600_000);
    await db().update(connectedCalendars).set({ backoffUntil }).where(eq(connectedCalendars.id, mine.calendarId));
    await db().execute(sql`DELETE FROM graphile_worker._private_jobs`);
    expect(await as(mine.user, later).calendarSync.syncNow({ calendarId: mine.calendarId })).toEqual({ calendarId: mine.calendarId, runAt: backoffUntil });
    expect(new Date((await jobKeys())[0]!.run_at)).toEqual(backoffUntil);

    await db().update(calendarConnections).set({ status: "NEEDS_RECONNECT" }).where(eq(calendarConnections.id, mine.connectionId));
    expect(await failure(as(mine.user, later).calendarSync.syncNow({ calendarId: mine.calendarId }))).toMatchObject({ appCode: "PRECONDITION_FAILED", message: expect.stringMatching(/reconnect/i) });
  });
});

describe("calendar settings", () => {
  it("reads the defaults, then what the provider saved", async () => {
    const mine = await connected();
    expect(await as(mine.user).calendarSync.settings()).toEqual({ onEventDeleted: "FLAG", invitePatient: false, isDefault: true });
    expect(await as(mine.user).calendarSync.updateSettings({ onEventDeleted: "CANCEL", invitePatient: true })).toEqual({ onEventDeleted: "CANCEL", invitePatient: true, isDefault: false });
    expect(await as(mine.user).calendarSync.settings()).toEqual({ onEventDeleted: "CANCEL", invitePatient: true, isDefault: false });
    const [row] = await db().select().from(providerCalendarSettings).where(eq(providerCalendarSettings.providerId, mine.p.provider.id));
    expect(row).toMatchObject({ onEventDeleted: "CANCEL", invitePatient: true });
  });
});

describe("disconnecting", () => {
  it("revokes the grant at Google, stops its channels, removes its busy time and deletes the connection with its calendars", async () => {
    const mine = await connected();
    await addBusy(mine.p.provider.id, mine.calendarId);
    const channelId = await openChannel(mine.calendarId, mine.tokens.accessToken);
    await as(mine.user).calendarSync.syncNow({ calendarId: mine.calendarId });

    expect(await as(mine.user).calendarSync.disconnect({ connectionId: mine.connectionId })).toEqual({ connectionId: mine.connectionId, revokedAtGoogle: true });
    expect(emulatorChannel(channelId)?.state).toBe("stopped");
    expect(await rejection(testbed.google.refreshAccessToken({ refreshToken: mine.tokens.refreshToken! }))).toMatchObject({ details: { reason: "invalid_grant" } });
    expect(await busyOf(mine.calendarId)).toEqual([]);
    expect(await db().select().from(calendarConnections).where(eq(calendarConnections.id, mine.connectionId))).toEqual([]);
    expect(await db().select().from(connectedCalendars).where(eq(connectedCalendars.id, mine.calendarId))).toEqual([]);
    expect(await db().select().from(calendarWatchChannels).where(eq(calendarWatchChannels.calendarId, mine.calendarId))).toEqual([]);
    expect(await jobKeys()).toEqual([]);
    expect(await failure(as(mine.user).calendarSync.disconnect({ connectionId: mine.connectionId }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("still removes everything here when Google cannot be reached, and says the access was not revoked", async () => {
    const mine = await connected();
    await addBusy(mine.p.provider.id, mine.calendarId);
    const offline = "http://127.0.0.1:1";
    state.deps = { google: createGoogleCalendarIntegration({ ...testbed.h.config, oauthBaseUrl: offline, apiRootUrl: offline }), cipher } satisfies CalendarGoogleDeps;
    expect(await as(mine.user).calendarSync.disconnect({ connectionId: mine.connectionId })).toEqual({ connectionId: mine.connectionId, revokedAtGoogle: false });
    expect(await busyOf(mine.calendarId)).toEqual([]);
    expect(await db().select().from(calendarConnections).where(and(eq(calendarConnections.id, mine.connectionId)))).toEqual([]);
    // Google still honours the grant: the provider is told to remove it there.
    expect((await testbed.google.refreshAccessToken({ refreshToken: mine.tokens.refreshToken! })).accessToken).toEqual(expect.any(String));
  });
});
