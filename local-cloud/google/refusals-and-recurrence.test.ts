import { calendar, type calendar_v3 } from "@googleapis/calendar";
import { OAuth2Client } from "google-auth-library";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type RunningEmulator } from "../lib/http";
import { createGoogleEmulator, type GoogleEmulator } from "./index";
import { consentAs } from "./test-helpers";

/*
 * Contract tests with the real SDKs (@googleapis/calendar, google-auth-library) for what the app's
 * two-way calendar sync meets: granular consent and include_granted_scopes, the HTTPS rule for
 * watch addresses, syncToken with showDeleted=false, monthly/yearly rules, RDATE and
 * events.instances.
 */

const CLIENT_ID = "contract.apps.googleusercontent.com";
const CLIENT_SECRET = "GOCSPX-contract";
const REDIRECT_URI = "http://localhost:3000/api/integrations/google/callback";
const EMAIL = "dr.grace@example.com";
/** Consents only through the consent page in these tests, so earlier grants are exactly theirs. */
const CONSENTER = "dr.lin@example.com";
const BERLIN = "Europe/Berlin";
const CALENDAR = "https://www.googleapis.com/auth/calendar";
const EVENTS = "https://www.googleapis.com/auth/calendar.events";
const FREEBUSY = "https://www.googleapis.com/auth/calendar.freebusy";

let running: RunningEmulator<GoogleEmulator>;
let api: calendar_v3.Calendar;

function sdk(accessToken: string, target = running) {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: accessToken });
  return calendar({ version: "v3", auth, rootUrl: `${target.url}/`, retry: false });
}

function oauthClient() {
  return new OAuth2Client({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    endpoints: { oauth2AuthBaseUrl: `${running.url}/o/oauth2/v2/auth`, oauth2TokenUrl: `${running.url}/token` },
  });
}

type GoogleFailure = {
  status?: number;
  wwwAuthenticate?: string | null;
  error?: { code: number; message: string; errors: { reason: string; message: string; domain: string }[]; details?: unknown[] };
};

async function failure(promise: Promise<unknown>): Promise<GoogleFailure> {
  const error = (await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  )) as { response?: { status: number; headers: Headers; data: { error: GoogleFailure["error"] } } };
  return { status: error.response?.status, wwwAuthenticate: error.response?.headers.get("www-authenticate"), error: error.response?.data.error };
}

beforeAll(async () => {
  running = await serve(
    createGoogleEmulator({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
      accounts: [
        { email: EMAIL, name: "Grace Hopper", timeZone: BERLIN },
        { email: CONSENTER, name: "Lin Consent", timeZone: BERLIN },
      ],
      now: () => Date.UTC(2026, 0, 5, 8),
      push: { retryBaseDelayMs: 1, maxAttempts: 1, requestTimeoutMs: 500 },
    }),
  );
  api = sdk(running.emulator.issueTokens({ clientId: CLIENT_ID, email: EMAIL, scopes: [CALENDAR] }).accessToken);
});
afterAll(() => running.close());

describe("granular consent: unticked scopes are not granted", () => {
  async function connect(scope: string[], options: { untick?: string[]; extra?: Record<string, string> } = {}) {
    const client = oauthClient();
    const url = client.generateAuthUrl({ scope, access_type: "offline", ...options.extra });
    const redirect = await consentAs(running, url, CONSENTER, { untick: options.untick });
    const code = redirect.searchParams.get("code");
    if (!code) return { redirect, tokens: undefined };
    const { tokens } = await client.getToken(code);
    return { redirect, tokens };
  }

  it("shows one labelled checkbox per non-sign-in scope, none for openid/email, none for a single scope", async () => {
    const html = await (await fetch(oauthClient().generateAuthUrl({ scope: ["openid", "email", CALENDAR, EVENTS] }))).text();
    const boxes = [...html.matchAll(/<input type="checkbox" id="([^"]+)" name="scope" value="([^"]+)" checked>/g)];
    expect(boxes.map((m) => m[2])).toEqual([CALENDAR, EVENTS]);
    for (const [, id] of boxes) expect(html).toMatch(new RegExp(`<label for="${id}">[^<]+</label>`));
    expect(html).toContain("<fieldset>");
    expect(html).toMatch(/<legend>[^<]+<\/legend>/);
    const single = await (await fetch(oauthClient().generateAuthUrl({ scope: [CALENDAR] }))).text();
    expect(single).not.toContain('type="checkbox"');
  });

  it("grants only the ticked scopes: the token's scope omits the unticked one and calls needing it get 403", async () => {
    const { redirect, tokens } = await connect(["openid", "email", CALENDAR, FREEBUSY], { untick: [CALENDAR] });
    expect(redirect.searchParams.get("scope")).toBe(`openid email ${FREEBUSY}`);
    expect(tokens?.scope).toBe(`openid email ${FREEBUSY}`);
    const limited = sdk(tokens!.access_token!);
    const busy = await limited.freebusy.query({
      requestBody: { timeMin: "2026-01-05T00:00:00Z", timeMax: "2026-01-06T00:00:00Z", items: [{ id: CONSENTER }] },
    });
    expect(busy.status).toBe(200);
    const refused = await failure(limited.events.list({ calendarId: "primary" }));
    expect(refused.status).toBe(403);
    expect(refused.error).toMatchObject({
      code: 403,
      message: "Request had insufficient authentication scopes.",
      errors: [{ reason: "insufficientPermissions", domain: "global", message: "Insufficient Permission" }],
      details: [{ reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT", metadata: { method: "calendar.v3.Events.List" } }],
    });
    expect(refused.wwwAuthenticate).toContain('error="insufficient_scope"');
    // A refreshed token carries the same, narrower grant.
    const refresher = oauthClient();
    refresher.setCredentials({ refresh_token: tokens!.refresh_token! });
    const { credentials } = await refresher.refreshAccessToken();
    expect(credentials.scope).toBe(`openid email ${FREEBUSY}`);
  });

  it("include_granted_scopes=true adds what the account granted this client before; without it, only this request's scopes", async () => {
    const incremental = await connect([EVENTS], { extra: { include_granted_scopes: "true" } });
    expect(incremental.tokens?.scope?.split(" ").sort()).toEqual(["email", "openid", EVENTS, FREEBUSY].sort());
    expect((await sdk(incremental.tokens!.access_token!).events.list({ calendarId: "primary" })).status).toBe(200);
    const alone = await connect([EVENTS]);
    expect(alone.tokens?.scope).toBe(EVENTS);
  });

  it("refuses with access_denied when every requested scope is unticked", async () => {
    const { redirect } = await connect([CALENDAR, EVENTS], { untick: [CALENDAR, EVENTS] });
    expect(redirect.searchParams.get("error")).toBe("access_denied");
    expect(redirect.searchParams.get("code")).toBeNull();
  });
});

describe("events.watch addresses", () => {
  const watch = (address: string, target = api) =>
    target.events.watch({ calendarId: "primary", requestBody: { id: crypto.randomUUID(), type: "web_hook", address } });

  it("refuses a non-HTTPS address with Google's 400 push.webhookUrlNotHttps", async () => {
    for (const address of ["http://example.com/hook", "http://127.0.0.1.nip.io/hook", "http://10.0.0.5/hook"]) {
      const refused = await failure(watch(address));
      expect(refused).toMatchObject({
        status: 400,
        error: { code: 400, errors: [{ reason: "push.webhookUrlNotHttps", domain: "global", message: `WebHook callback must be HTTPS: ${address}` }] },
      });
    }
    expect(await failure(watch("not a url"))).toMatchObject({ status: 400, error: { errors: [{ reason: "push.webhookUrlNoHostOrAddress" }] } });
  });

  it("accepts HTTPS anywhere and plain HTTP only on loopback (127.0.0.1, [::1], localhost)", async () => {
    for (const address of ["https://127.0.0.1:9/hook", "http://127.0.0.1:9/hook", "http://[::1]:9/hook", "http://localhost:9/hook"]) {
      expect((await watch(address)).data).toMatchObject({ kind: "api#channel" });
    }
    await running.emulator.notificationsSettled();
  });

  it("refuses loopback HTTP too when the emulator runs strictly as Google (push.allowLoopbackHttp: false)", async () => {
    const strict = await serve(
      createGoogleEmulator({
        clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
        accounts: [{ email: EMAIL, name: "Grace Hopper" }],
        push: { allowLoopbackHttp: false },
      }),
    );
    try {
      const strictApi = sdk(strict.emulator.issueTokens({ clientId: CLIENT_ID, email: EMAIL, scopes: [CALENDAR] }).accessToken, strict);
      expect(await failure(watch("http://127.0.0.1:9/hook", strictApi))).toMatchObject({ status: 400, error: { errors: [{ reason: "push.webhookUrlNotHttps" }] } });
    } finally {
      await strict.close();
    }
  });
});

describe("events.list with a syncToken", () => {
  it("answers showDeleted=false with 400 syncTokenWithRequestRestrictions and accepts showDeleted=true", async () => {
    const { data } = await api.events.list({ calendarId: "primary", singleEvents: true });
    const syncToken = data.nextSyncToken!;
    expect(await failure(api.events.list({ calendarId: "primary", singleEvents: true, syncToken, showDeleted: false }))).toMatchObject({
      status: 400,
      error: { errors: [{ reason: "syncTokenWithRequestRestrictions", message: "Sync token cannot be used with other request restrictions." }] },
    });
    const withDeleted = await api.events.list({ calendarId: "primary", singleEvents: true, syncToken, showDeleted: true });
    expect(withDeleted.status).toBe(200);
  });
});

describe("monthly and yearly rules, RDATE and events.instances", () => {
  const local = (dateTime: string) => ({ dateTime, timeZone: BERLIN });

  it("expands a monthly 2TU rule with RDATE and EXDATE in the event's zone across DST, in list and instances", async () => {
    const { data: series } = await api.events.insert({
      calendarId: "primary",
      requestBody: {
        summary: "Board meeting",
        start: local("2026-02-10T18:00:00"),
        end: local("2026-02-10T19:00:00"),
        recurrence: ["RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=4", "RDATE;TZID=Europe/Berlin:20260325T180000", "EXDATE;TZID=Europe/Berlin:20260414T180000"],
      },
    });
    const expected = ["2026-02-10T18:00:00+01:00", "2026-03-10T18:00:00+01:00", "2026-03-25T18:00:00+01:00", "2026-05-12T18:00:00+02:00"];
    const listed = await api.events.list({
      calendarId: "primary",
      singleEvents: true,
      orderBy: "startTime",
      timeMin: "2026-02-01T00:00:00Z",
      timeMax: "2026-07-01T00:00:00Z",
      q: "Board",
    });
    expect(listed.data.items?.map((e) => e.start?.dateTime)).toEqual(expected);

    const first = await api.events.instances({ calendarId: "primary", eventId: series.id!, maxResults: 3 });
    expect(first.data.kind).toBe("calendar#events");
    expect(first.data.nextPageToken).toEqual(expect.any(String));
    expect(first.data).not.toHaveProperty("nextSyncToken");
    const second = await api.events.instances({ calendarId: "primary", eventId: series.id!, maxResults: 3, pageToken: first.data.nextPageToken! });
    expect(second.data.nextPageToken).toBeUndefined();
    const all = [...first.data.items!, ...second.data.items!];
    expect(all.map((e) => e.start?.dateTime)).toEqual(expected);
    expect(all[3]).toMatchObject({
      id: `${series.id}_20260512T160000Z`,
      recurringEventId: series.id,
      originalStartTime: { dateTime: "2026-05-12T18:00:00+02:00", timeZone: BERLIN },
      end: { dateTime: "2026-05-12T19:00:00+02:00", timeZone: BERLIN },
      summary: "Board meeting",
    });
    expect(all[3]).not.toHaveProperty("recurrence");
    expect((await api.events.get({ calendarId: "primary", eventId: `${series.id}_20260325T170000Z` })).data.start?.dateTime).toBe(
      "2026-03-25T18:00:00+01:00",
    );

    const window = await api.events.instances({
      calendarId: "primary",
      eventId: series.id!,
      timeMin: "2026-03-01T00:00:00Z",
      timeMax: "2026-04-01T00:00:00Z",
    });
    expect(window.data.items?.map((e) => e.id)).toEqual([`${series.id}_20260310T170000Z`, `${series.id}_20260325T170000Z`]);
    const one = await api.events.instances({ calendarId: "primary", eventId: series.id!, originalStart: "2026-05-12T18:00:00+02:00" });
    expect(one.data.items?.map((e) => e.id)).toEqual([`${series.id}_20260512T160000Z`]);
  });

  it("lists a moved instance as an exception and hides a cancelled one unless showDeleted", async () => {
    const { data: series } = await api.events.insert({
      calendarId: "primary",
      requestBody: { start: local("2026-01-30T09:00:00"), end: local("2026-01-30T09:30:00"), recurrence: ["RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3"] },
    });
    const ids = (await api.events.instances({ calendarId: "primary", eventId: series.id! })).data.items!.map((e) => e.id!);
    expect(ids).toEqual([`${series.id}_20260130T080000Z`, `${series.id}_20260227T080000Z`, `${series.id}_20260327T080000Z`]);
    await api.events.patch({ calendarId: "primary", eventId: ids[1]!, requestBody: { start: local("2026-02-26T10:00:00"), end: local("2026-02-26T10:30:00") } });
    await api.events.delete({ calendarId: "primary", eventId: ids[2]! });
    const after = await api.events.instances({ calendarId: "primary", eventId: series.id! });
    expect(after.data.items?.map((e) => [e.id, e.start?.dateTime, e.originalStartTime?.dateTime])).toEqual([
      [ids[0], "2026-01-30T09:00:00+01:00", "2026-01-30T09:00:00+01:00"],
      [ids[1], "2026-02-26T10:00:00+01:00", "2026-02-27T09:00:00+01:00"],
    ]);
    const withDeleted = await api.events.instances({ calendarId: "primary", eventId: series.id!, showDeleted: true });
    expect(withDeleted.data.items?.map((e) => e.status)).toEqual(["confirmed", "confirmed", "cancelled"]);
  });

  it("expands yearly rules (BYMONTH + ordinal BYDAY, and an all-day anniversary with VALUE=DATE RDATE) with date instance ids", async () => {
    const { data: timed } = await api.events.insert({
      calendarId: "primary",
      requestBody: { start: local("2026-03-29T10:00:00"), end: local("2026-03-29T11:00:00"), recurrence: ["RRULE:FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU;COUNT=3"] },
    });
    const timedInstances = await api.events.instances({ calendarId: "primary", eventId: timed.id! });
    expect(timedInstances.data.items?.map((e) => e.start?.dateTime)).toEqual([
      "2026-03-29T10:00:00+02:00",
      "2026-10-25T10:00:00+01:00",
      "2027-03-28T10:00:00+02:00",
    ]);

    const { data: allDay } = await api.events.insert({
      calendarId: "primary",
      requestBody: {
        start: { date: "2026-06-01" },
        end: { date: "2026-06-02" },
        recurrence: ["RRULE:FREQ=YEARLY;UNTIL=20280601", "RDATE;VALUE=DATE:20270115"],
      },
    });
    const allDayInstances = await api.events.instances({ calendarId: "primary", eventId: allDay.id!, timeMax: "2030-01-01T00:00:00Z" });
    expect(allDayInstances.data.items?.map((e) => [e.id, e.start?.date, e.end?.date, e.originalStartTime?.date])).toEqual([
      [`${allDay.id}_20260601`, "2026-06-01", "2026-06-02", "2026-06-01"],
      [`${allDay.id}_20270115`, "2027-01-15", "2027-01-16", "2027-01-15"],
      [`${allDay.id}_20270601`, "2027-06-01", "2027-06-02", "2027-06-01"],
      [`${allDay.id}_20280601`, "2028-06-01", "2028-06-02", "2028-06-01"],
    ]);
  });

  it("answers instances of an unknown event with 404, of a single event with an empty page, and needs an events scope", async () => {
    expect(await failure(api.events.instances({ calendarId: "primary", eventId: "unknown0000" }))).toMatchObject({ status: 404 });
    const { data: single } = await api.events.insert({
      calendarId: "primary",
      requestBody: { start: local("2026-01-20T09:00:00"), end: local("2026-01-20T10:00:00") },
    });
    expect((await api.events.instances({ calendarId: "primary", eventId: single.id! })).data.items).toEqual([]);
    const freeBusyOnly = sdk(running.emulator.issueTokens({ clientId: CLIENT_ID, email: EMAIL, scopes: [FREEBUSY] }).accessToken);
    expect(await failure(freeBusyOnly.events.instances({ calendarId: "primary", eventId: single.id! }))).toMatchObject({
      status: 403,
      error: { details: [{ reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT", metadata: { method: "calendar.v3.Events.Instances" } }] },
    });
  });
});
