import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { calendarConnectionTokenContext, createTokenCipher } from "@/server/auth/token-crypto";
import { auditLog, bookings, calendarConnections, connectedCalendars, providers, services } from "@/server/db/schema";
import { buildService, createProvider, createUser } from "@/test/factories";
import { startCalendarTestbed, type CalendarTestbed } from "@/test/google-calendar";
import { CLIENT_ID, consentAs, PROVIDER } from "../../../../local-cloud/google/test-helpers";
import { completeCalendarConnection, type CompleteCalendarConnectionResult } from "./complete-calendar-connection";
import { CALENDAR_EVENTS_SCOPE, CALENDAR_LIST_SCOPE } from "./connect-scopes";
import { CONNECT_STATE_TTL_MS } from "./connect-state";
import { accessTokenFor } from "./connection-tokens";
import { startCalendarConnection } from "./start-calendar-connection";

// Connecting a Google account through the emulator's consent page with the real SDKs: the whole
// incremental authorization, refusals that store nothing, and a reconnect.

const SECRET = "integration-tests-only-secret-0123456789abcdef";
const REDIRECT_URI = "http://localhost:3000/api/calendar-connections/google/callback";

let testbed: CalendarTestbed;
const cipher = createTokenCipher({ writeKey: randomBytes(32).toString("base64") });
const db = () => testbed.db.db;

beforeAll(async () => {
  testbed = await startCalendarTestbed();
});
afterAll(() => testbed?.close());
beforeEach(async () => {
  await db().execute(sql`DELETE FROM graphile_worker._private_jobs`);
});

type Provider = Awaited<ReturnType<typeof createProvider>>;

async function newProvider(status: "APPROVED" | "PENDING" = "APPROVED"): Promise<Provider> {
  return createProvider(db(), { user: { email: `dr-${randomBytes(4).toString("hex")}@example.test` }, provider: { status, timeZone: "Europe/Lisbon" } });
}

const owner = (p: Provider) => ({ kind: "provider" as const, providerId: p.provider.id });

function start(p: Provider, now = new Date()) {
  return startCalendarConnection({ db: db(), google: testbed.google, secret: SECRET, redirectUri: REDIRECT_URI, user: { id: p.user.id, email: p.user.email }, owner: owner(p), now });
}

function complete(input: { userId: string | null; back: URL; cookieNonce: string | null; state?: string | null; now?: Date }): Promise<CompleteCalendarConnectionResult> {
  return completeCalendarConnection({
    db: db(),
    google: testbed.google,
    cipher,
    secret: SECRET,
    redirectUri: REDIRECT_URI,
    userId: input.userId,
    callback: { state: input.state === undefined ? input.back.searchParams.get("state") : input.state, code: input.back.searchParams.get("code"), error: input.back.searchParams.get("error") },
    cookieNonce: input.cookieNonce,
    now: input.now ?? new Date(),
  });
}

/** The whole round trip as the person does it: start, Google's consent page, the callback. */
async function connect(p: Provider, options: { untick?: string[] } = {}) {
  const started = await start(p);
  const back = await consentAs(testbed.h.running, started.authorizationUrl, PROVIDER, options);
  return complete({ userId: p.user.id, back, cookieNonce: started.nonce });
}

const connectionsOf = (p: Provider) => db().select().from(calendarConnections).where(eq(calendarConnections.providerId, p.provider.id));
async function calendarsOf(connectionId: string) {
  return db().select().from(connectedCalendars).where(eq(connectedCalendars.connectionId, connectionId));
}
async function jobs() {
  const result = await db().execute<{ key: string; task: string; payload: { calendarId: string } }>(
    // The public jobs view leaves out payloads.
    sql`SELECT j.key, t.identifier AS task, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id ORDER BY j.key`,
  );
  return result.rows;
}
/**
 * Google adds every scope granted before (include_granted_scopes): an account that once granted
 * calendar access keeps it, whatever is unticked later. Revoking a token of the grant forgets it all.
 */
function forgetEarlierGrants() {
  const { refreshToken } = testbed.h.emulator.issueTokens({ clientId: CLIENT_ID, email: PROVIDER, scopes: ["openid"], offline: true });
  testbed.h.emulator.revokeRefreshToken(refreshToken!);
}
const accountSub = () => testbed.h.emulator.listAccounts().find((account) => account.email === PROVIDER)!.sub;

describe("connecting a Google account", () => {
  it("asks Google for the calendar scopes with offline access, a fresh consent, the earlier grant kept, PKCE and the account preselected", async () => {
    const p = await newProvider();
    const url = new URL((await start(p)).authorizationUrl);
    const params = Object.fromEntries(url.searchParams);
    expect(`${url.origin}${url.pathname}`).toBe(`${testbed.h.running.url}/o/oauth2/v2/auth`);
    expect(params).toMatchObject({
      response_type: "code",
      redirect_uri: REDIRECT_URI,
      access_type: "offline",
      prompt: "consent",
      include_granted_scopes: "true",
      login_hint: p.user.email,
      code_challenge_method: "S256",
    });
    expect(params.scope!.split(" ").sort()).toEqual(["email", "openid", CALENDAR_LIST_SCOPE, CALENDAR_EVENTS_SCOPE].sort());
    expect(params.state).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(params.nonce).toEqual(expect.any(String));
  });

  it("stores the connection, its tokens encrypted, the account's calendars with first-connection defaults, and queues a sync and a push channel", async () => {
    const p = await newProvider();
    const result = await connect(p);
    expect(result).toMatchObject({ outcome: "connected", isNew: true, owner: owner(p) });
    if (result.outcome !== "connected") throw new Error("not connected");

    const [connection] = await connectionsOf(p);
    expect(connection).toMatchObject({ id: result.connectionId, googleSubject: accountSub(), googleEmail: PROVIDER, status: "ACTIVE", statusReason: null });
    expect(connection!.scopes).toEqual(expect.arrayContaining([CALENDAR_EVENTS_SCOPE, CALENDAR_LIST_SCOPE]));
    // Sealed, bound to this connection; the access token opens and works against Google.
    expect(connection!.accessToken).toMatch(/^v2\./);
    expect(connection!.refreshToken).toMatch(/^v2\./);
    const refreshToken = cipher.decrypt(connection!.refreshToken!, calendarConnectionTokenContext(connection!.id, "refresh_token"));
    expect(refreshToken).toMatch(/^1\/\//);
    const accessToken = await accessTokenFor({ db: db(), cipher, google: testbed.google, connectionId: connection!.id, now: new Date() });
    expect(await testbed.google.listCalendars({ accessToken })).toHaveLength(1);

    const calendars = await calendarsOf(connection!.id);
    expect(calendars).toEqual([
      expect.objectContaining({ googleCalendarId: PROVIDER, timeZone: "Europe/Berlin", canWrite: true, blocksAvailability: true, receivesBookings: true, syncToken: null }),
    ]);
    expect(await jobs()).toEqual([
      { key: `calendar-sync:${calendars[0]!.id}`, task: "calendar.sync", payload: { calendarId: calendars[0]!.id } },
      { key: `calendar-watch:${calendars[0]!.id}`, task: "calendar.watch", payload: { calendarId: calendars[0]!.id } },
    ]);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.subjectId, p.provider.id), eq(auditLog.action, "calendar.connected")));
    expect(audit?.details).toEqual({ connectionId: connection!.id, calendars: 1, watched: 1 });
    expect(JSON.stringify(audit)).not.toContain(refreshToken);
  });

  it.each([
    ["both calendar boxes", [CALENDAR_EVENTS_SCOPE, CALENDAR_LIST_SCOPE]],
    ["the events box", [CALENDAR_EVENTS_SCOPE]],
    ["the calendar-list box", [CALENDAR_LIST_SCOPE]],
  ])("stores nothing and asks to tick the boxes when the person unticks %s, and leaves their sign-in grant alone", async (_label, untick) => {
    const p = await newProvider();
    forgetEarlierGrants();
    expect(await connect(p, { untick })).toEqual({ outcome: "scopes-missing", reason: "calendar scopes not granted" });
    expect(await connectionsOf(p)).toEqual([]);
    expect(await jobs()).toEqual([]);
    // Not revoked: the identity part of the grant is still there.
    expect(testbed.h.emulator.snapshot().oauth.grants.some((grant) => grant.sub === accountSub())).toBe(true);
  });

  it("stores nothing for a changed state, another browser (no or another cookie), a late callback, or another signed-in user", async () => {
    const p = await newProvider();
    const stranger = await createUser(db());
    const started = await start(p);
    const back = await consentAs(testbed.h.running, started.authorizationUrl, PROVIDER);
    const state = back.searchParams.get("state")!;
    const [body, signature] = state.split(".");
    const payload = JSON.parse(Buffer.from(body!, "base64url").toString("utf8")) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...payload, u: stranger.id })).toString("base64url")}.${signature}`;
    const other = await start(p);

    expect(await complete({ userId: stranger.id, back, cookieNonce: started.nonce, state: forged })).toMatchObject({ outcome: "invalid-request" });
    expect(await complete({ userId: p.user.id, back, cookieNonce: null })).toMatchObject({ outcome: "invalid-request" });
    expect(await complete({ userId: p.user.id, back, cookieNonce: other.nonce })).toMatchObject({ outcome: "invalid-request" });
    expect(await complete({ userId: p.user.id, back, cookieNonce: started.nonce, now: new Date(Date.now() + CONNECT_STATE_TTL_MS + 1_000) })).toMatchObject({ outcome: "expired" });
    expect(await complete({ userId: stranger.id, back, cookieNonce: started.nonce })).toMatchObject({ outcome: "wrong-account" });
    expect(await complete({ userId: null, back, cookieNonce: started.nonce })).toMatchObject({ outcome: "wrong-account" });
    expect(await connectionsOf(p)).toEqual([]);
    expect(await jobs()).toEqual([]);
    // The code was never redeemed: the genuine callback still works.
    expect(await complete({ userId: p.user.id, back, cookieNonce: started.nonce })).toMatchObject({ outcome: "connected" });
  });

  it("stores nothing when the user no longer owns the provider profile, or the person cancelled on Google's page", async () => {
    const p = await newProvider();
    const started = await start(p);
    const back = await consentAs(testbed.h.running, started.authorizationUrl, PROVIDER);
    const denied = new URL(REDIRECT_URI);
    denied.searchParams.set("state", back.searchParams.get("state")!);
    denied.searchParams.set("error", "access_denied");
    expect(await complete({ userId: p.user.id, back: denied, cookieNonce: started.nonce })).toMatchObject({ outcome: "denied" });

    const successor = await createUser(db());
    await db().update(providers).set({ userId: successor.id }).where(eq(providers.id, p.provider.id));
    expect(await complete({ userId: p.user.id, back, cookieNonce: started.nonce })).toMatchObject({ outcome: "wrong-account" });
    expect(await connectionsOf(p)).toEqual([]);
  });

  it("refuses a redeemed code (Google burns it) without storing anything", async () => {
    const p = await newProvider();
    const started = await start(p);
    const back = await consentAs(testbed.h.running, started.authorizationUrl, PROVIDER);
    expect(await complete({ userId: p.user.id, back, cookieNonce: started.nonce })).toMatchObject({ outcome: "connected" });
    await db().delete(calendarConnections).where(eq(calendarConnections.providerId, p.provider.id));
    expect(await complete({ userId: p.user.id, back, cookieNonce: started.nonce })).toMatchObject({ outcome: "google-refused" });
    expect(await connectionsOf(p)).toEqual([]);
  });

  it("does not start for a provider who is not approved yet", async () => {
    const p = await newProvider("PENDING");
    await expect(start(p)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a reconnect after Google refused the tokens makes the same connection ACTIVE again, keeps the calendars' choices and stores the new tokens", async () => {
    const p = await newProvider();
    const first = await connect(p);
    if (first.outcome !== "connected") throw new Error("not connected");
    const [before] = await connectionsOf(p);
    const calendarId = first.calendarIds[0]!;
    await db().update(connectedCalendars).set({ blocksAvailability: false, receivesBookings: true }).where(eq(connectedCalendars.id, calendarId));
    testbed.h.emulator.revokeRefreshToken(cipher.decrypt(before!.refreshToken!, calendarConnectionTokenContext(before!.id, "refresh_token")));
    await db()
      .update(calendarConnections)
      .set({ status: "NEEDS_RECONNECT", statusReason: "invalid_grant", reconnectNoticeSentAt: new Date() })
      .where(eq(calendarConnections.id, before!.id));
    await db().execute(sql`DELETE FROM graphile_worker._private_jobs`);

    const again = await connect(p);
    expect(again).toMatchObject({ outcome: "connected", connectionId: before!.id, isNew: false });
    const [after] = await connectionsOf(p);
    expect(after).toMatchObject({ status: "ACTIVE", statusReason: null, reconnectNoticeSentAt: null });
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    const accessToken = await accessTokenFor({ db: db(), cipher, google: testbed.google, connectionId: after!.id, now: new Date(Date.now() + 2 * 3_600_000) });
    expect(await testbed.google.listCalendars({ accessToken })).toHaveLength(1);
    expect(await calendarsOf(after!.id)).toEqual([expect.objectContaining({ id: calendarId, blocksAvailability: false, receivesBookings: true })]);
    // Still read for edits made in Google (it receives bookings): sync and channel again.
    expect((await jobs()).map((job) => job.key)).toEqual([`calendar-sync:${calendarId}`, `calendar-watch:${calendarId}`]);
  });

  it("queues an export of each booking still to come, confirmed before the first connection or while the connection needed reconnecting", async () => {
    const p = await newProvider();
    const [service] = await db().insert(services).values(buildService({ providerId: p.provider.id })).returning();
    const confirmed = async (startsAt: Date, status: "CONFIRMED" | "COMPLETED" = "CONFIRMED") => {
      const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
      const [row] = await db()
        .insert(bookings)
        .values({ providerId: p.provider.id, serviceId: service!.id, mode: "ONLINE", startsAt, endsAt, blockedStartsAt: startsAt, blockedEndsAt: endsAt, status, guestName: "Gail Guest", guestEmail: "gail@example.test", patientTimeZone: "Europe/Lisbon" })
        .returning();
      return row!.id;
    };
    const upcoming = await confirmed(new Date(Date.now() + 2 * 86_400_000));
    await confirmed(new Date(Date.now() - 2 * 86_400_000), "COMPLETED");
    const exportKeys = async () => (await jobs()).filter((job) => job.task === "calendar.export").map((job) => job.key);

    const first = await connect(p);
    if (first.outcome !== "connected") throw new Error("not connected");
    expect(await exportKeys()).toEqual([`calendar-export:${upcoming}`]);

    await db().update(calendarConnections).set({ status: "NEEDS_RECONNECT", statusReason: "invalid_grant" }).where(eq(calendarConnections.id, first.connectionId));
    await db().execute(sql`DELETE FROM graphile_worker._private_jobs`);
    const later = await confirmed(new Date(Date.now() + 3 * 86_400_000));
    expect(await connect(p)).toMatchObject({ outcome: "connected", isNew: false });
    expect((await exportKeys()).sort()).toEqual([`calendar-export:${upcoming}`, `calendar-export:${later}`].sort());
  });

  it("a second account's primary calendar blocks availability but does not take bookings from the calendar that has them", async () => {
    const p = await newProvider();
    const first = await connect(p);
    if (first.outcome !== "connected") throw new Error("not connected");
    // The same Google account under another subject stands in for a second account (the emulator has one).
    await db().update(calendarConnections).set({ googleSubject: "another-account" }).where(eq(calendarConnections.id, first.connectionId));
    const second = await connect(p);
    if (second.outcome !== "connected") throw new Error("not connected");
    expect(second.isNew).toBe(true);
    expect(await calendarsOf(second.connectionId)).toEqual([expect.objectContaining({ blocksAvailability: true, receivesBookings: false })]);
    expect(await calendarsOf(first.connectionId)).toEqual([expect.objectContaining({ blocksAvailability: true, receivesBookings: true })]);
  });
});
