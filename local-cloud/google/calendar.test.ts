import { calendar, type calendar_v3 } from "@googleapis/calendar";
import { OAuth2Client } from "google-auth-library";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type RunningEmulator } from "../lib/http";
import { createGoogleEmulator, type GoogleEmulator } from "./index";

const CLIENT_ID = "client.apps.googleusercontent.com";
const EMAIL = "owner@example.com";
const SCOPE = "https://www.googleapis.com/auth/calendar";

let running: RunningEmulator<GoogleEmulator>;
let api: calendar_v3.Calendar;

function sdk(accessToken: string) {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: accessToken });
  return calendar({ version: "v3", auth, rootUrl: `${running.url}/`, retry: false });
}

/** The SDK's error as Google's JSON envelope. */
async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  )) as { response?: { status: number; data: { error: { code: number; errors: { reason: string; domain: string }[] } } } };
  return { status: error.response?.status, reason: error.response?.data.error.errors[0]?.reason, domain: error.response?.data.error.errors[0]?.domain };
}

const timed = (iso: string) => ({ dateTime: iso });

beforeAll(async () => {
  running = await serve(
    createGoogleEmulator({
      clients: [{ clientId: CLIENT_ID, clientSecret: "secret", redirectUris: ["http://localhost/cb"] }],
      accounts: [{ email: EMAIL, name: "Owner Person", timeZone: "Europe/Berlin" }, { email: "other@example.com", name: "Other" }],
      now: () => Date.UTC(2031, 0, 1),
    }),
  );
  api = sdk(running.emulator.issueTokens({ clientId: CLIENT_ID, email: EMAIL, scopes: [SCOPE] }).accessToken);
});
afterAll(() => running.close());

describe("Calendar v3 emulator against @googleapis/calendar", () => {
  it("rejects query filters and showDeleted=false together with a syncToken, and orderBy=startTime without singleEvents", async () => {
    const { data } = await api.events.list({ calendarId: "primary" });
    const syncToken = data.nextSyncToken!;
    for (const extra of [
      { timeMin: "2031-01-01T00:00:00Z" },
      { timeMax: "2031-01-01T00:00:00Z" },
      { updatedMin: "2031-01-01T00:00:00Z" },
      { q: "x" },
      { orderBy: "updated" },
      { iCalUID: "a@google.com" },
      { privateExtendedProperty: ["bookingId=1"] },
      { showDeleted: false },
    ]) {
      expect(await failure(api.events.list({ calendarId: "primary", syncToken, ...extra }))).toMatchObject({
        status: 400,
        reason: "syncTokenWithRequestRestrictions",
      });
    }
    expect(await failure(api.events.list({ calendarId: "primary", orderBy: "startTime" }))).toMatchObject({ status: 400 });
  });

  it("validates client-chosen ids and answers 409 duplicate, also for a deleted event's id", async () => {
    const body = { start: timed("2031-01-02T09:00:00Z"), end: timed("2031-01-02T10:00:00Z") };
    expect(await failure(api.events.insert({ calendarId: EMAIL, requestBody: { ...body, id: "abc" } }))).toMatchObject({ status: 400, reason: "invalid" });
    expect(await failure(api.events.insert({ calendarId: EMAIL, requestBody: { ...body, id: "wxyz012345" } }))).toMatchObject({ status: 400 });
    await api.events.insert({ calendarId: EMAIL, requestBody: { ...body, id: "abcdef0123" } });
    expect(await failure(api.events.insert({ calendarId: EMAIL, requestBody: { ...body, id: "abcdef0123" } }))).toMatchObject({ status: 409, reason: "duplicate" });
    await api.events.delete({ calendarId: EMAIL, eventId: "abcdef0123" });
    expect(await failure(api.events.delete({ calendarId: EMAIL, eventId: "abcdef0123" }))).toMatchObject({ status: 410, reason: "deleted" });
    expect((await api.events.get({ calendarId: EMAIL, eventId: "abcdef0123" })).data.status).toBe("cancelled");
    expect(await failure(api.events.insert({ calendarId: EMAIL, requestBody: { ...body, id: "abcdef0123" } }))).toMatchObject({ status: 409 });
  });

  it("validates times: missing end, empty range, mixed date kinds, local time without zone", async () => {
    const insert = (requestBody: calendar_v3.Schema$Event) => failure(api.events.insert({ calendarId: EMAIL, requestBody }));
    expect(await insert({ start: timed("2031-01-02T09:00:00Z") })).toMatchObject({ status: 400, reason: "required" });
    expect(await insert({ start: timed("2031-01-02T09:00:00Z"), end: timed("2031-01-02T09:00:00Z") })).toMatchObject({ reason: "timeRangeEmpty" });
    expect(await insert({ start: { date: "2031-01-02" }, end: timed("2031-01-02T09:00:00Z") })).toMatchObject({ status: 400 });
    expect(await insert({ start: timed("2031-01-02T09:00:00"), end: timed("2031-01-02T10:00:00") })).toMatchObject({ reason: "required" });
    const local = await api.events.insert({
      calendarId: EMAIL,
      requestBody: { start: { dateTime: "2031-07-02T09:00:00", timeZone: "Europe/Berlin" }, end: { dateTime: "2031-07-02T10:00:00", timeZone: "Europe/Berlin" } },
    });
    expect(local.data.start).toEqual({ dateTime: "2031-07-02T09:00:00+02:00", timeZone: "Europe/Berlin" });
  });

  it("honours conferenceData only with conferenceDataVersion=1 and ignores a repeated requestId", async () => {
    const createRequest = { requestId: "req-1", conferenceSolutionKey: { type: "hangoutsMeet" } };
    const body = { start: timed("2031-01-03T09:00:00Z"), end: timed("2031-01-03T10:00:00Z"), conferenceData: { createRequest } };
    const ignored = await api.events.insert({ calendarId: EMAIL, requestBody: body });
    expect(ignored.data.conferenceData).toBeUndefined();
    const created = await api.events.insert({ calendarId: EMAIL, conferenceDataVersion: 1, requestBody: body });
    expect(created.data.conferenceData?.createRequest?.status?.statusCode).toBe("pending");
    running.emulator.advanceTime(2000);
    const ready = await api.events.get({ calendarId: EMAIL, eventId: created.data.id! });
    const link = ready.data.hangoutLink;
    expect(link).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(ready.data.conferenceData?.entryPoints?.[0]).toMatchObject({ entryPointType: "video", uri: link });
    const repeated = await api.events.patch({
      calendarId: EMAIL,
      eventId: created.data.id!,
      conferenceDataVersion: 1,
      requestBody: { conferenceData: { createRequest } },
    });
    expect(repeated.data.hangoutLink).toBe(link);
  });

  it("supports update (PUT), If-Match preconditions and sequence", async () => {
    const created = await api.events.insert({ calendarId: EMAIL, requestBody: { summary: "a", location: "x", start: timed("2031-01-04T09:00:00Z"), end: timed("2031-01-04T10:00:00Z") } });
    const eventId = created.data.id!;
    const updated = await api.events.update({ calendarId: EMAIL, eventId, requestBody: { summary: "b", start: timed("2031-01-04T11:00:00Z"), end: timed("2031-01-04T12:00:00Z") } });
    expect(updated.data).toMatchObject({ summary: "b", sequence: 1 });
    expect(updated.data.location).toBeUndefined();
    expect(updated.data.etag).not.toBe(created.data.etag);
    const stale = api.events.patch({ calendarId: EMAIL, eventId, requestBody: { summary: "c" } }, { headers: { "If-Match": created.data.etag! } });
    expect(await failure(stale)).toMatchObject({ status: 412, reason: "conditionNotMet" });
  });

  it("lists with timeMin/timeMax, orderBy=startTime and showDeleted", async () => {
    const make = (day: string) => api.events.insert({ calendarId: EMAIL, requestBody: { summary: `order-${day}`, start: timed(`2031-02-${day}T09:00:00Z`), end: timed(`2031-02-${day}T10:00:00Z`) } });
    const late = await make("20");
    await make("10");
    await make("15");
    await api.events.delete({ calendarId: EMAIL, eventId: late.data.id! });
    const list = (extra: calendar_v3.Params$Resource$Events$List) =>
      api.events.list({ calendarId: EMAIL, singleEvents: true, timeMin: "2031-02-01T00:00:00Z", timeMax: "2031-03-01T00:00:00Z", ...extra });
    const ordered = await list({ orderBy: "startTime" });
    expect(ordered.data.items?.map((e) => e.summary)).toEqual(["order-10", "order-15"]);
    const withDeleted = await list({ showDeleted: true, orderBy: "startTime" });
    expect(withDeleted.data.items?.map((e) => e.status)).toEqual(["confirmed", "confirmed", "cancelled"]);
  });

  it("lists cancelled instances of a series without singleEvents, as Google documents", async () => {
    const series = running.emulator.createEvent(EMAIL, {
      start: { dateTime: "2031-04-01T09:00:00", timeZone: "Europe/Berlin" },
      end: { dateTime: "2031-04-01T10:00:00", timeZone: "Europe/Berlin" },
      recurrence: ["RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4"],
    });
    const instances = await api.events.list({ calendarId: EMAIL, singleEvents: true, timeMin: "2031-04-01T00:00:00Z", timeMax: "2031-05-01T00:00:00Z" });
    const ids = instances.data.items!.filter((e) => e.recurringEventId === series.id).map((e) => e.id!);
    expect(ids).toHaveLength(4);
    running.emulator.deleteEvent(EMAIL, ids[1]!);
    const raw = await api.events.list({ calendarId: EMAIL, timeMin: "2031-04-01T00:00:00Z", timeMax: "2031-05-01T00:00:00Z" });
    expect(raw.data.items?.find((e) => e.id === series.id)?.recurrence).toEqual(["RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4"]);
    expect(raw.data.items?.find((e) => e.id === ids[1])).toMatchObject({ status: "cancelled", recurringEventId: series.id });
  });

  it("answers auth failures like Google: 401 with WWW-Authenticate, 403 for missing scopes, 404 for others' calendars", async () => {
    const response = await fetch(`${running.url}/calendar/v3/users/me/calendarList`, { headers: { authorization: "Bearer ya29.nope" } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("invalid_token");
    expect(await response.json()).toMatchObject({ error: { code: 401, status: "UNAUTHENTICATED", errors: [{ reason: "authError" }] } });
    const emailOnly = sdk(running.emulator.issueTokens({ clientId: CLIENT_ID, email: EMAIL, scopes: ["email"] }).accessToken);
    expect(await failure(emailOnly.events.list({ calendarId: EMAIL }))).toMatchObject({ status: 403, reason: "insufficientPermissions" });
    expect(await failure(api.events.list({ calendarId: "other@example.com" }))).toMatchObject({ status: 404, reason: "notFound" });
  });

  it("answers channels.stop of an unknown channel with 404 and rejects duplicate channel ids", async () => {
    expect(await failure(api.channels.stop({ requestBody: { id: "nope", resourceId: "nope" } }))).toMatchObject({ status: 404 });
    const requestBody = { id: "channel-1", type: "web_hook", address: "http://127.0.0.1:9/hook" };
    const channel = await api.events.watch({ calendarId: EMAIL, requestBody });
    expect(channel.data).toMatchObject({ kind: "api#channel", id: "channel-1", expiration: String(Date.UTC(2031, 0, 1) + 2000 + 604_800_000) });
    expect(await failure(api.events.watch({ calendarId: EMAIL, requestBody }))).toMatchObject({ status: 400 });
    await api.channels.stop({ requestBody: { id: "channel-1", resourceId: channel.data.resourceId } });
  });

  it("injects faults and quotas, also through the /__control HTTP API", async () => {
    const control = (path: string, body: unknown) =>
      fetch(`${running.url}/__control/${path}`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json());
    await control("calendar/faults", { operation: "events.get", status: 500, count: 2 });
    const get = () => api.events.get({ calendarId: EMAIL, eventId: "abcdef0123" });
    expect(await failure(get())).toMatchObject({ status: 500, reason: "backendError" });
    expect(await failure(get())).toMatchObject({ status: 500 });
    expect((await get()).status).toBe(200);
    await control("calendar/quota", { perUserPerMinute: 0, status: 429 });
    expect(await failure(get())).toMatchObject({ status: 429, reason: "rateLimitExceeded", domain: "usageLimits" });
    await control("calendar/quota", { perUserPerMinute: null });
    const created = await control("calendar/events/create", { email: EMAIL, event: { summary: "via control", start: { date: "2031-05-01" }, end: { date: "2031-05-02" } } });
    expect(created).toMatchObject({ summary: "via control", start: { date: "2031-05-01" } });
    const snapshot = await (await fetch(`${running.url}/__control/snapshot`)).json();
    expect(snapshot.calendars.find((c: { id: string }) => c.id === EMAIL).events.some((e: { id: string }) => e.id === created.id)).toBe(true);
    expect(JSON.stringify(snapshot)).not.toMatch(/ya29\.|1\/\/[A-Za-z0-9_-]{20}/);
    expect(await control("calendar/faults", { operation: "nope", status: 500 })).toMatchObject({ error: expect.stringContaining("operation") });
  });
});
