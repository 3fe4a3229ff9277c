import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { readBody, serve, type RunningEmulator } from "../lib/http";
import {
  contentTemplatesEnv,
  createTwilioEmulator,
  DEMO_CONTENT_TEMPLATES,
  type TwilioEmulator,
  type TwilioEmulatorOptions,
} from "./index";

const ACCOUNT_SID = "AC" + "1".repeat(32);
const AUTH_TOKEN = "local-auth-token";
const SERVICE_SID = "MG" + "2".repeat(32);
const SMS_FROM = "+15005550006";
const WHATSAPP_FROM = "whatsapp:+14155238886";
const PATIENT = "+27820000001";

class EmulatorRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/[^/]+\.twilio\.com/, this.baseUrl) });
  }
}

let clock = Date.parse("2026-03-02T09:00:00Z");
let emulator: RunningEmulator<TwilioEmulator>;
let receiver: RunningEmulator;
let posts: { url: string; params: Record<string, string>; signature: string }[];
let client: twilio.Twilio;

async function start(options: Partial<TwilioEmulatorOptions> = {}) {
  emulator = await serve(
    createTwilioEmulator({
      accounts: [{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }],
      messagingServices: [{ sid: SERVICE_SID, from: [SMS_FROM, WHATSAPP_FROM], statusCallback: `${receiver.url}/api/webhooks/twilio/status` }],
      senders: [SMS_FROM, WHATSAPP_FROM],
      contentTemplates: [...DEMO_CONTENT_TEMPLATES],
      callbackDelays: false,
      now: () => clock,
      ...options,
    }),
  );
  client = twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient: new EmulatorRequestClient(emulator.url) });
}

async function restException(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof twilio.RestException)) throw new Error(`expected a RestException, got ${String(error)}`);
  return error;
}

function template(key: string): string {
  const found = DEMO_CONTENT_TEMPLATES.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`no demo template ${key}`);
  return found.sid;
}

function callbacksOf(sid: string) {
  return posts.filter((post) => post.params.MessageSid === sid);
}

beforeEach(async () => {
  clock = Date.parse("2026-03-02T09:00:00Z");
  posts = [];
  receiver = await serve({
    name: "receiver",
    async handle(req, res, url) {
      const params = Object.fromEntries(new URLSearchParams((await readBody(req)).toString("utf8")));
      posts.push({ url: url.href, params, signature: String(req.headers["x-twilio-signature"]) });
      res.writeHead(200, { "content-type": "text/xml" }).end("<Response/>");
    },
  });
  await start();
});

afterEach(async () => {
  await emulator.close();
  await receiver.close();
});

describe("the demo WhatsApp content templates", () => {
  it("has the seven English templates with fixed HX SIDs, and the env the app reads", () => {
    expect(DEMO_CONTENT_TEMPLATES.map((t) => t.key)).toEqual([
      "booking_requested",
      "booking_confirmed",
      "booking_declined",
      "booking_rescheduled",
      "booking_cancelled",
      "booking_reminder",
      "provider_notice",
    ]);
    for (const entry of DEMO_CONTENT_TEMPLATES) {
      expect(entry.sid).toMatch(/^HX[0-9a-f]{32}$/);
      expect(entry.language).toBe("en");
      expect(entry.body.match(/\{\{\d\}\}/g)).toEqual(["{{1}}", "{{2}}", "{{3}}"]);
    }
    expect(new Set(DEMO_CONTENT_TEMPLATES.map((t) => t.sid)).size).toBe(7);
    const env = JSON.parse(contentTemplatesEnv()) as Record<string, Record<string, string>>;
    expect(env.booking_confirmed).toEqual({ en: "HX67aeab07fc56c314ac1c2f04afb07bb2" });
    expect(Object.keys(env)).toHaveLength(7);
  });

  it.each([
    ["booking_requested", "Your request with Dr Ada Lovelace for Mon 2 Mar 2026, 11:00 (South Africa Standard Time) has been sent. We will message you when it is confirmed. Manage it: https://app/bookings/t"],
    ["booking_confirmed", "Your appointment with Dr Ada Lovelace on Mon 2 Mar 2026, 11:00 (South Africa Standard Time) is confirmed. Manage it: https://app/bookings/t"],
    ["booking_declined", "Dr Ada Lovelace could not accept your request for Mon 2 Mar 2026, 11:00 (South Africa Standard Time). Book another time: https://app/bookings/t"],
    ["booking_rescheduled", "Your appointment with Dr Ada Lovelace has moved to Mon 2 Mar 2026, 11:00 (South Africa Standard Time). Manage it: https://app/bookings/t"],
    ["booking_cancelled", "Your appointment with Dr Ada Lovelace on Mon 2 Mar 2026, 11:00 (South Africa Standard Time) was cancelled. Book again: https://app/bookings/t"],
    [
      "booking_reminder",
      "Reminder: your appointment with Dr Ada Lovelace is on Mon 2 Mar 2026, 11:00 (South Africa Standard Time). Reply 1 to confirm you will attend, or 2 to get your booking link. Manage it: https://app/bookings/t",
    ],
    ["provider_notice", "MedBookings: Dr Ada Lovelace for Mon 2 Mar 2026, 11:00 (South Africa Standard Time). Details: https://app/bookings/t"],
  ])("renders %s with its ContentVariables through a Messaging Service", async (key, body) => {
    const message = await client.messages.create({
      to: `whatsapp:${PATIENT}`,
      messagingServiceSid: SERVICE_SID,
      contentSid: template(key),
      contentVariables: JSON.stringify({ 1: "Dr Ada Lovelace", 2: "Mon 2 Mar 2026, 11:00 (South Africa Standard Time)", 3: "https://app/bookings/t" }),
    });
    expect(message.body).toBe(body);
    expect(message.status).toBe("accepted");
  });

  it("fails a template whose variables are missing with 63028, in the status callback", async () => {
    const message = await client.messages.create({
      to: `whatsapp:${PATIENT}`,
      messagingServiceSid: SERVICE_SID,
      contentSid: template("booking_confirmed"),
      contentVariables: JSON.stringify({ 1: "Dr Ada Lovelace", 2: "Mon 2 Mar" }),
    });
    await emulator.emulator.flushCallbacks();
    expect(callbacksOf(message.sid).at(-1)?.params).toMatchObject({ MessageStatus: "failed", ErrorCode: "63028" });
  });
});

describe("numbers that cannot receive the channel", () => {
  it.each([
    ["+15005550001", 21211],
    ["+15005550002", 21612],
    ["+15005550003", 21408],
    ["+15005550004", 21610],
    ["+15005550009", 21614],
  ])("refuses SMS to the test number %s with %i", async (to, code) => {
    const error = await restException(client.messages.create({ to, from: SMS_FROM, body: "Your code is 123456" }));
    expect(error.status).toBe(400);
    expect(error.code).toBe(code);
    expect(error.moreInfo).toBe(`https://www.twilio.com/docs/errors/${code}`);
  });

  it.each([
    ["+15005550001", 21212],
    ["+15005550007", 21606],
    ["+15005550008", 21611],
  ])("refuses the test From %s with %i", async (from, code) => {
    expect((await restException(client.messages.create({ to: PATIENT, from, body: "x" }))).code).toBe(code);
  });

  it("refuses WhatsApp to an invalid number at once", async () => {
    const error = await restException(client.messages.create({ to: "whatsapp:+15005550001", from: WHATSAPP_FROM, contentSid: template("booking_confirmed") }));
    expect(error.code).toBe(21211);
  });

  it.each(["+15005550009", "+15005550010"])("accepts WhatsApp to %s (no WhatsApp) and fails it with 63003", async (number) => {
    const message = await client.messages.create({
      to: `whatsapp:${number}`,
      messagingServiceSid: SERVICE_SID,
      contentSid: template("booking_confirmed"),
      contentVariables: JSON.stringify({ 1: "a", 2: "b", 3: "c" }),
      statusCallback: `${receiver.url}/api/webhooks/twilio/status?ref=job_1`,
    });
    expect(message.status).toBe("accepted");
    await emulator.emulator.flushCallbacks();

    expect(callbacksOf(message.sid).map((post) => post.params.MessageStatus)).toEqual(["queued", "failed"]);
    const failed = callbacksOf(message.sid).at(-1);
    expect(failed?.params).toMatchObject({ ErrorCode: "63003", ChannelPrefix: "whatsapp" });
    expect(twilio.validateRequest(AUTH_TOKEN, failed?.signature ?? "", failed?.url ?? "", failed?.params ?? {})).toBe(true);
    expect(await client.messages(message.sid).fetch()).toMatchObject({ status: "failed", errorCode: 63003, errorMessage: "Channel could not find To address" });
  });

  it("sends SMS to +15005550010, which only lacks WhatsApp", async () => {
    expect((await client.messages.create({ to: "+15005550010", from: SMS_FROM, body: "x" })).status).toBe("queued");
  });

  it("marks more landlines and numbers without WhatsApp, in code and over HTTP", async () => {
    emulator.emulator.markLandline("+27110000000");
    const response = await fetch(`${emulator.url}/__control/not-on-whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ number: "whatsapp:+27820000099" }),
    });
    expect(response.status).toBe(200);

    expect((await restException(client.messages.create({ to: "+27110000000", from: SMS_FROM, body: "x" }))).code).toBe(21614);
    const whatsapp = await client.messages.create({ to: "whatsapp:+27820000099", from: WHATSAPP_FROM, contentSid: template("booking_reminder"), contentVariables: JSON.stringify({ 1: "a", 2: "b", 3: "c" }) });
    await emulator.emulator.flushCallbacks();
    expect((await client.messages(whatsapp.sid).fetch()).errorCode).toBe(63003);
    expect(emulator.emulator.snapshot().notOnWhatsApp).toEqual(["+15005550009", "+15005550010", "+27110000000", "+27820000099"]);
  });
});

describe("Messages.json list filters and paging", () => {
  async function sendAt(iso: string, to: string, body: string) {
    clock = Date.parse(iso);
    const message = await client.messages.create({ to, from: SMS_FROM, body });
    await emulator.emulator.flushCallbacks();
    return message;
  }

  it("filters by To and DateSent> as client.messages.list({ to, dateSentAfter }) sends them", async () => {
    await sendAt("2026-03-01T23:59:59Z", PATIENT, "old");
    await sendAt("2026-03-02T09:00:00Z", PATIENT, "at nine");
    await sendAt("2026-03-02T10:00:00Z", "+27820000002", "someone else");
    await sendAt("2026-03-02T11:00:00Z", PATIENT, "at eleven");
    clock = Date.parse("2026-03-02T12:00:00Z");
    await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "queued, not sent yet" });

    const after = await client.messages.list({ to: PATIENT, dateSentAfter: new Date("2026-03-02T09:00:00Z") });
    expect(after.map((message) => message.body)).toEqual(["at eleven", "at nine"]);
    const before = await client.messages.list({ dateSentBefore: new Date("2026-03-02T09:00:00Z") });
    expect(before.map((message) => message.body)).toEqual(["at nine", "old"]);
    const window = await client.messages.list({ dateSentAfter: new Date("2026-03-02T09:30:00Z"), dateSentBefore: new Date("2026-03-02T10:30:00Z") });
    expect(window.map((message) => message.body)).toEqual(["someone else"]);
    expect((await client.messages.list({ from: SMS_FROM, to: "+27820000002" })).map((m) => m.body)).toEqual(["someone else"]);
  });

  it("reads a bare DateSent as that GMT day and a bare DateSent< as midnight", async () => {
    await sendAt("2026-03-01T23:59:59Z", PATIENT, "first of March");
    await sendAt("2026-03-02T00:00:00Z", PATIENT, "second of March");
    const page = await client.request({
      method: "get",
      uri: `${emulator.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?DateSent=2026-03-01`,
    });
    expect((page.body as { messages: { body: string }[] }).messages.map((m) => m.body)).toEqual(["first of March"]);
    const midnight = await client.request({
      method: "get",
      uri: `${emulator.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?${encodeURIComponent("DateSent<")}=2026-03-02`,
    });
    expect((midnight.body as { messages: { body: string }[] }).messages.map((m) => m.body)).toEqual(["second of March", "first of March"]);
  });

  it("pages with PageToken, so messages sent between pages do not shift the next page", async () => {
    for (let index = 1; index <= 5; index += 1) await sendAt(`2026-03-02T09:0${index}:00Z`, PATIENT, `m${index}`);

    const first = await client.messages.page({ to: PATIENT, pageSize: 2 });
    expect(first.instances.map((m) => m.body)).toEqual(["m5", "m4"]);
    expect(first.nextPageUrl).toContain("PageToken=PA");
    await sendAt("2026-03-02T09:30:00Z", PATIENT, "new while paging");
    const second = await first.nextPage();
    expect(second?.instances.map((m) => m.body)).toEqual(["m3", "m2"]);
    const third = await second?.nextPage();
    expect(third?.instances.map((m) => m.body)).toEqual(["m1"]);
    expect(third?.nextPageUrl).toBeUndefined();

    expect((await client.messages.list({ to: PATIENT, pageSize: 2 })).map((m) => m.body)).toEqual(["new while paging", "m5", "m4", "m3", "m2", "m1"]);
  });

  it("answers 20422 naming a malformed DateSent or PageToken", async () => {
    const response = await fetch(`${emulator.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?${encodeURIComponent("DateSent>")}=yesterday`, {
      headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 20422, message: expect.stringContaining("DateSent> must be a GMT date") });
    const token = await restException(client.messages.page({ pageToken: "PAnope" }));
    expect(token.code).toBe(20422);
  });
});

describe("chaos and per-reference accounting for the benchmark", () => {
  const statusCallback = (ref: string) => `${receiver.url}/api/webhooks/twilio/status?ref=${ref}`;

  it("answers 429 (20429) with Retry-After while set, counting nothing, then recovers", async () => {
    emulator.emulator.setChaos({ fraction: 1, status: 429, durationMs: 5_000, retryAfterSeconds: 2 });
    const error = await restException(client.messages.create({ to: PATIENT, from: SMS_FROM, body: "x", statusCallback: statusCallback("job_1") }));
    expect(error.status).toBe(429);
    expect(error.code).toBe(20429);
    const raw = await fetch(`${emulator.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, {
      headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}` },
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("2");
    expect(emulator.emulator.acceptedByReference().size).toBe(0);

    clock += 5_000;
    await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "x", statusCallback: statusCallback("job_1") });
    expect(emulator.emulator.acceptedByReference()).toEqual(new Map([["job_1", 1]]));
  });

  it("answers 503 (20503) and 500 (20500); wrong credentials still get 401 first", async () => {
    emulator.emulator.setChaos({ fraction: 1, status: 503, durationMs: 5_000 });
    expect((await restException(client.messages.create({ to: PATIENT, from: SMS_FROM, body: "x" }))).code).toBe(20503);
    const intruder = twilio(ACCOUNT_SID, "wrong", { httpClient: new EmulatorRequestClient(emulator.url) });
    expect((await restException(intruder.messages.list())).code).toBe(20003);
    emulator.emulator.setChaos({ fraction: 1, status: 500, durationMs: 5_000 });
    expect((await restException(client.messages.list())).code).toBe(20500);
  });

  it("refuses about the given fraction, reproducibly with a seed", async () => {
    const run = async () => {
      emulator.emulator.reset();
      emulator.emulator.setChaos({ fraction: 0.3, status: 429, durationMs: 60_000, seed: 11 });
      const codes: (number | string)[] = [];
      for (let index = 0; index < 40; index += 1) {
        codes.push(
          await client.messages
            .create({ to: PATIENT, from: SMS_FROM, body: "x", statusCallback: statusCallback(`job_${index}`) })
            .then((m) => m.status, (e: { code: number }) => e.code),
        );
      }
      return codes;
    };
    const first = await run();
    const refused = first.filter((code) => code === 20429).length;
    expect(refused).toBeGreaterThan(3);
    expect(refused).toBeLessThan(25);
    expect(emulator.emulator.acceptedByReference().size).toBe(40 - refused);
    expect(await run()).toEqual(first);
  });

  it("counts accepted messages by the StatusCallback's ref, over HTTP too", async () => {
    await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "a", statusCallback: statusCallback("job_1") });
    await client.messages.create({ to: `whatsapp:${PATIENT}`, messagingServiceSid: SERVICE_SID, contentSid: template("booking_confirmed"), contentVariables: JSON.stringify({ 1: "a", 2: "b", 3: "c" }), statusCallback: statusCallback("job_1") });
    await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "b", statusCallback: statusCallback("job_2") });
    await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "no ref" });
    await restException(client.messages.create({ to: "+15005550009", from: SMS_FROM, body: "landline", statusCallback: statusCallback("job_3") }));

    expect(emulator.emulator.acceptedByReference()).toEqual(new Map([["job_1", 2], ["job_2", 1]]));
    expect(await (await fetch(`${emulator.url}/__control/accepted-by-reference`)).json()).toEqual({ job_1: 2, job_2: 1 });
  });

  it("is driven over the control endpoint", async () => {
    const control = (body: unknown) =>
      fetch(`${emulator.url}/__control/chaos`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(await (await control({ fraction: 1, status: 503, durationMs: 1_000, retryAfterSeconds: 4 })).json()).toMatchObject({ active: true, status: 503 });
    expect((await restException(client.messages.list())).status).toBe(503);
    expect(await (await control({ fraction: 0 })).json()).toMatchObject({ active: false, refused: 1 });
    expect(await client.messages.list()).toEqual([]);
    expect((await control({ fraction: 0.5, status: 429 })).status).toBe(400);
  });
});

describe("a Messaging Service's own Status Callback URL", () => {
  it("receives the callbacks of its messages sent without a StatusCallback", async () => {
    const message = await client.messages.create({ to: PATIENT, messagingServiceSid: SERVICE_SID, body: "Your code is 123456" });
    await emulator.emulator.flushCallbacks();
    const callbacks = callbacksOf(message.sid);
    expect(callbacks.map((post) => post.params.MessageStatus)).toEqual(["queued", "sent", "delivered"]);
    expect(callbacks[0]?.url).toBe(`${receiver.url}/api/webhooks/twilio/status`);
  });
});
