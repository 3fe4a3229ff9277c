import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALENDAR_SCOPE, CLIENT_ID, PROVIDER, rejection, startGoogleForTests, type GoogleHarness } from "../../../../local-cloud/google/test-helpers";
import { createGoogleCalendarIntegration, type GoogleCalendarIntegration } from "./client";

let h: GoogleHarness;
let google: GoogleCalendarIntegration;

beforeAll(async () => {
  h = await startGoogleForTests();
  google = createGoogleCalendarIntegration(h.config);
});
afterAll(() => h.close());

describe("tokens, errors and quotas", () => {
  it("lists the primary calendar with its time zone", async () => {
    expect(await google.listCalendars({ accessToken: h.accessToken })).toEqual([
      { id: PROVIDER, name: PROVIDER, timeZone: "Europe/Berlin", isPrimary: true, canWrite: true },
    ]);
  });

  it("maps an expired access token to a retryable UNAUTHORIZED, and a refresh fixes it", async () => {
    h.emulator.expireAccessTokens();
    const error = await rejection(google.listCalendars({ accessToken: h.accessToken }));
    expect(error).toMatchObject({ code: "UNAUTHORIZED", details: { status: 401, reconnectRequired: false, retryable: true } });
    const grant = await google.refreshAccessToken({ refreshToken: h.refreshToken });
    expect(grant.scopes).toContain(CALENDAR_SCOPE);
    expect(grant.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    expect(await google.listCalendars({ accessToken: grant.accessToken })).toHaveLength(1);
    h.accessToken = grant.accessToken;
  });

  it("maps a revoked refresh token (invalid_grant) to UNAUTHORIZED asking for reconnection", async () => {
    const tokens = h.emulator.issueTokens({ clientId: CLIENT_ID, email: PROVIDER, scopes: [CALENDAR_SCOPE], offline: true });
    h.emulator.revokeRefreshToken(tokens.refreshToken!);
    const error = await rejection(google.refreshAccessToken({ refreshToken: tokens.refreshToken! }));
    expect(error).toMatchObject({
      code: "UNAUTHORIZED",
      message: expect.stringMatching(/reconnect/i),
      details: { reason: "invalid_grant", reconnectRequired: true, retryable: false },
    });
    const { inspect } = await import("node:util");
    expect(inspect(error, { depth: 20 })).not.toContain(tokens.refreshToken!);
  });

  it.each([403, 429] as const)("maps %i rateLimitExceeded to a retryable RATE_LIMITED", async (status) => {
    h.emulator.setQuota({ perUserPerMinute: 2, status });
    const call = () => google.listEventChanges({ accessToken: h.accessToken, calendarId: PROVIDER });
    await call();
    await call();
    expect(await rejection(call())).toMatchObject({
      code: "RATE_LIMITED",
      details: { status, reason: "rateLimitExceeded", retryable: true },
    });
    h.emulator.advanceTime(60_000);
    expect((await call()).outcome).toBe("CHANGES");
    h.emulator.setQuota(undefined);
  });

  it("maps a 5xx to a retryable INTEGRATION_UNAVAILABLE", async () => {
    h.emulator.failNext("events.insert", { status: 503 });
    const error = await rejection(
      google.insertEvent({
        accessToken: h.accessToken,
        calendarId: PROVIDER,
        eventId: "abcdef0123",
        bookingId: "b",
        title: "t",
        startsAt: new Date("2031-01-01T09:00:00Z"),
        endsAt: new Date("2031-01-01T10:00:00Z"),
        timeZone: "UTC",
      }),
    );
    expect(error).toMatchObject({ code: "INTEGRATION_UNAVAILABLE", details: { status: 503, retryable: true } });
  });

  it("maps an unreachable Google to a retryable INTEGRATION_UNAVAILABLE", async () => {
    const offline = createGoogleCalendarIntegration({ ...h.config, apiRootUrl: "http://127.0.0.1:1" });
    expect(await rejection(offline.listCalendars({ accessToken: h.accessToken }))).toMatchObject({
      code: "INTEGRATION_UNAVAILABLE",
      details: { status: null, retryable: true },
    });
  });

  it("answers freeBusy with opaque events only, merged, all-day as the local day", async () => {
    const create = (event: Record<string, unknown>) => h.emulator.createEvent(PROVIDER, event);
    create({ start: { dateTime: "2031-03-03T09:00:00+01:00" }, end: { dateTime: "2031-03-03T10:00:00+01:00" } });
    create({ start: { dateTime: "2031-03-03T09:30:00+01:00" }, end: { dateTime: "2031-03-03T11:00:00+01:00" } });
    create({ transparency: "transparent", start: { dateTime: "2031-03-03T12:00:00+01:00" }, end: { dateTime: "2031-03-03T13:00:00+01:00" } });
    create({ start: { date: "2031-03-04" }, end: { date: "2031-03-05" } });
    const [busy, unknown] = await google.freeBusy({
      accessToken: h.accessToken,
      calendarIds: [PROVIDER, "someone-else@example.com"],
      from: new Date("2031-03-03T00:00:00+01:00"),
      to: new Date("2031-03-05T00:00:00+01:00"),
    });
    expect(busy).toEqual({
      calendarId: PROVIDER,
      error: null,
      busy: [
        { startsAt: new Date("2031-03-03T08:00:00Z"), endsAt: new Date("2031-03-03T10:00:00Z") },
        { startsAt: new Date("2031-03-03T23:00:00Z"), endsAt: new Date("2031-03-04T23:00:00Z") },
      ],
    });
    expect(unknown).toEqual({ calendarId: "someone-else@example.com", error: "notFound", busy: [] });
  });
});
