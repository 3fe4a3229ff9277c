import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { readBody, serve, type RunningEmulator } from "../lib/http";
import { createTwilioEmulator, type TwilioEmulator, type TwilioEmulatorOptions } from "./index";

const ACCOUNT_SID = "AC" + "1".repeat(32);
const AUTH_TOKEN = "local-auth-token";
const SERVICE_SID = "MG" + "2".repeat(32);
const TEMPLATE_SID = "HX" + "3".repeat(32);
const SMS_FROM = "+15550001000";
const WHATSAPP_FROM = "whatsapp:+15550002000";
const PATIENT = "+27820000001";
const PATIENT_WHATSAPP = `whatsapp:${PATIENT}`;

/** The documented way to point the SDK elsewhere: an httpClient that rewrites the API host. */
class EmulatorRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/[^/]+\.twilio\.com/, this.baseUrl) });
  }
}

interface ReceivedPost {
  url: string;
  params: Record<string, string>;
  signature: string;
}

async function startReceiver() {
  const posts: ReceivedPost[] = [];
  const running = await serve({
    name: "receiver",
    async handle(req, res, url) {
      const params = Object.fromEntries(new URLSearchParams((await readBody(req)).toString("utf8")));
      posts.push({ url: url.href, params, signature: String(req.headers["x-twilio-signature"]) });
      res.writeHead(200, { "content-type": "text/xml" }).end("<Response/>");
    },
  });
  return { posts, url: running.url, close: () => running.close() };
}

let clock = Date.parse("2026-03-02T09:00:00Z");
let emulator: RunningEmulator<TwilioEmulator>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let client: twilio.Twilio;
let statusCallback: string;

async function start(options: Partial<TwilioEmulatorOptions> = {}) {
  emulator = await serve(
    createTwilioEmulator({
      accounts: [{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }],
      messagingServices: [{ sid: SERVICE_SID, from: [SMS_FROM, WHATSAPP_FROM] }],
      senders: [SMS_FROM, WHATSAPP_FROM, "whatsapp:+15550003000"],
      contentTemplates: [{ sid: TEMPLATE_SID, body: "Your appointment is on {{1}} at {{2}}. Manage: {{3}}" }],
      inboundWebhookUrl: `${receiver.url}/api/webhooks/twilio/inbound`,
      callbackDelays: false,
      now: () => clock,
      ...options,
    }),
  );
  client = twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient: new EmulatorRequestClient(emulator.url) });
}

async function restart(options: Partial<TwilioEmulatorOptions>) {
  await emulator.close();
  await start(options);
}

async function restException(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof twilio.RestException)) throw new Error(`expected a RestException, got ${String(error)}`);
  return error;
}

function isSigned(post: ReceivedPost, token = AUTH_TOKEN) {
  return twilio.validateRequest(token, post.signature, post.url, post.params);
}

function statuses(sid: string) {
  return receiver.posts.filter((post) => post.params.MessageSid === sid).map((post) => post.params.MessageStatus);
}

beforeEach(async () => {
  clock = Date.parse("2026-03-02T09:00:00Z");
  receiver = await startReceiver();
  statusCallback = `${receiver.url}/api/webhooks/twilio/status?tenant=a`;
  await start();
});

afterEach(async () => {
  await emulator.close();
  await receiver.close();
});

describe("Messages.json with the twilio SDK", () => {
  it("creates an SMS as queued with Twilio's resource shape and fetches it", async () => {
    const message = await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "Your booking is confirmed" });

    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message).toMatchObject({
      status: "queued",
      accountSid: ACCOUNT_SID,
      to: PATIENT,
      from: SMS_FROM,
      direction: "outbound-api",
      numSegments: "1",
      price: null,
      errorCode: null,
      uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${message.sid}.json`,
    });
    expect(message.dateCreated.toISOString()).toBe("2026-03-02T09:00:00.000Z");

    const fetched = await client.messages(message.sid).fetch();
    expect(fetched.body).toBe("Your booking is confirmed");
  });

  it("counts segments for long and non-GSM bodies", async () => {
    const long = await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "a".repeat(161) });
    const unicode = await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "🦷".repeat(40) });
    expect(long.numSegments).toBe("2");
    expect(unicode.numSegments).toBe("2");
  });

  it("answers 401 with code 20003 for wrong credentials", async () => {
    const intruder = twilio(ACCOUNT_SID, "wrong", { httpClient: new EmulatorRequestClient(emulator.url) });
    const error = await restException(intruder.messages.create({ to: PATIENT, from: SMS_FROM, body: "x" }));
    expect(error.status).toBe(401);
    expect(error.code).toBe(20003);
  });

  it.each([
    ["an invalid To", { to: "12345", from: SMS_FROM, body: "x" }, 21211],
    ["no body", { to: PATIENT, from: SMS_FROM }, 21602],
    ["a From we do not own", { to: PATIENT, from: "+15559999999", body: "x" }, 21659],
    ["a WhatsApp-only sender for SMS", { to: PATIENT, from: "+15550003000", body: "x" }, 21606],
    ["an unknown WhatsApp sender", { to: PATIENT_WHATSAPP, from: "whatsapp:+15559999999", body: "x" }, 63007],
    ["a channel mismatch", { to: PATIENT_WHATSAPP, from: SMS_FROM, body: "x" }, 21910],
    ["an unknown Messaging Service", { to: PATIENT, messagingServiceSid: "MG" + "9".repeat(32), body: "x" }, 21701],
    ["an unknown ContentSid", { to: PATIENT_WHATSAPP, from: WHATSAPP_FROM, contentSid: "HX" + "0".repeat(32) }, 21655],
  ])("rejects %s with RestException code %i", async (_case, params, code) => {
    const error = await restException(client.messages.create(params as never));
    expect(error.status).toBe(400);
    expect(error.code).toBe(code);
    expect(error.moreInfo).toBe(`https://www.twilio.com/docs/errors/${code}`);
  });

  it.each([
    ["not JSON", "{"],
    ["more than 100 variables", JSON.stringify(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [String(i), "v"])))],
    ["a key over 16 characters", JSON.stringify({ abcdefghijklmnopq: "v" })],
    ["a value over 1600 characters", JSON.stringify({ 1: "v".repeat(1601) })],
  ])("rejects ContentVariables with %s as 21656", async (_case, contentVariables) => {
    const error = await restException(
      client.messages.create({ to: PATIENT_WHATSAPP, messagingServiceSid: SERVICE_SID, contentSid: TEMPLATE_SID, contentVariables }),
    );
    expect(error.code).toBe(21656);
  });

  it("lists messages newest first, following next_page_uri through the rewritten host", async () => {
    for (const body of ["one", "two", "three"]) await client.messages.create({ to: PATIENT, from: SMS_FROM, body });
    await client.messages.create({ to: "+27820000002", from: SMS_FROM, body: "other" });

    const listed = await client.messages.list({ to: PATIENT, pageSize: 2 });
    expect(listed.map((message) => message.body)).toEqual(["three", "two", "one"]);
  });
});

describe("WhatsApp 24-hour window and SMS opt-out", () => {
  it("sends free-form WhatsApp inside the window opened by the patient's message", async () => {
    await emulator.emulator.inbound({ from: PATIENT_WHATSAPP, to: WHATSAPP_FROM, body: "Hi" });
    clock += 23 * 60 * 60 * 1000;

    const message = await client.messages.create({
      to: PATIENT_WHATSAPP,
      from: WHATSAPP_FROM,
      body: "How can we help?",
      mediaUrl: ["https://medbookings.local/map.png"],
      statusCallback,
    });
    await emulator.emulator.flushCallbacks();

    expect(message.numMedia).toBe("1");
    expect(statuses(message.sid)).toEqual(["sent", "delivered", "read"]);
  });

  it("accepts a free-form WhatsApp outside the window, then fails it with 63016", async () => {
    await emulator.emulator.inbound({ from: PATIENT_WHATSAPP, to: WHATSAPP_FROM, body: "Hi" });
    clock += 24 * 60 * 60 * 1000;

    const message = await client.messages.create({ to: PATIENT_WHATSAPP, from: WHATSAPP_FROM, body: "Hello", statusCallback });
    expect(message.status).toBe("queued");
    await emulator.emulator.flushCallbacks();

    const callback = receiver.posts.find((post) => post.params.MessageSid === message.sid);
    expect(callback?.params).toMatchObject({ MessageStatus: "failed", ErrorCode: "63016", ChannelPrefix: "whatsapp" });
    const fetched = await client.messages(message.sid).fetch();
    expect(fetched).toMatchObject({ status: "failed", errorCode: 63016 });
  });

  it("rejects it with RestException 63016 when configured to", async () => {
    await restart({ outsideWindow: "reject" });
    const error = await restException(client.messages.create({ to: PATIENT_WHATSAPP, from: WHATSAPP_FROM, body: "Hello" }));
    expect(error.code).toBe(63016);
  });

  it("sends an approved template outside the window through a Messaging Service", async () => {
    const message = await client.messages.create({
      to: PATIENT_WHATSAPP,
      messagingServiceSid: SERVICE_SID,
      contentSid: TEMPLATE_SID,
      contentVariables: JSON.stringify({ 1: "3 March", 2: "10:00", 3: "https://medbookings.local/m/abc" }),
      statusCallback,
    });
    expect(message.status).toBe("accepted");
    expect(message.from).toBeNull();
    expect(message.body).toBe("Your appointment is on 3 March at 10:00. Manage: https://medbookings.local/m/abc");

    await emulator.emulator.flushCallbacks();
    expect(statuses(message.sid)).toEqual(["queued", "sent", "delivered", "read"]);
    const callback = receiver.posts.find((post) => post.params.MessageSid === message.sid);
    expect(callback?.params).toMatchObject({ From: WHATSAPP_FROM, MessagingServiceSid: SERVICE_SID });
    expect((await client.messages(message.sid).fetch()).status).toBe("read");
  });

  it("fails a template with missing variables with 63028", async () => {
    const message = await client.messages.create({
      to: PATIENT_WHATSAPP,
      messagingServiceSid: SERVICE_SID,
      contentSid: TEMPLATE_SID,
      contentVariables: JSON.stringify({ 1: "3 March" }),
    });
    await emulator.emulator.flushCallbacks();
    expect((await client.messages(message.sid).fetch()).errorCode).toBe(63028);
  });

  it("refuses SMS to a patient who sent STOP with 21610, until START", async () => {
    const stop = await emulator.emulator.inbound({ from: PATIENT, to: SMS_FROM, body: "stop" });
    expect(stop.webhook?.params).toMatchObject({ Body: "stop", OptOutType: "STOP" });

    const error = await restException(client.messages.create({ to: PATIENT, from: SMS_FROM, body: "Reminder" }));
    expect(error.code).toBe(21610);

    await emulator.emulator.inbound({ from: PATIENT, to: SMS_FROM, body: "START" });
    const message = await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "Reminder" });
    expect(message.status).toBe("queued");
  });
});

describe("status callbacks", () => {
  it("posts sent then delivered for SMS, form-encoded and signed for validateRequest", async () => {
    const message = await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "Hi", statusCallback });
    await emulator.emulator.flushCallbacks();

    expect(statuses(message.sid)).toEqual(["sent", "delivered"]);
    for (const post of receiver.posts) {
      expect(post.url).toBe(statusCallback);
      expect(post.params).toMatchObject({
        AccountSid: ACCOUNT_SID,
        ApiVersion: "2010-04-01",
        From: SMS_FROM,
        To: PATIENT,
        SmsSid: message.sid,
        SmsStatus: post.params.MessageStatus,
      });
      expect(post.params.ChannelPrefix).toBeUndefined();
      expect(isSigned(post)).toBe(true);
    }
  });

  it("rejects forged or altered callbacks", async () => {
    await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "Hi", statusCallback });
    await emulator.emulator.flushCallbacks();
    const post = receiver.posts[0] as ReceivedPost;

    expect(isSigned(post, "another-token")).toBe(false);
    expect(isSigned({ ...post, params: { ...post.params, MessageStatus: "delivered" } })).toBe(false);
    expect(isSigned({ ...post, url: statusCallback.replace("tenant=a", "tenant=b") })).toBe(false);
    expect(isSigned({ ...post, signature: "forged" })).toBe(false);
  });

  it("fails the next messages with the given error code", async () => {
    emulator.emulator.failNext(1, 30007);
    const failed = await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "Hi", statusCallback });
    const fine = await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "Hi", statusCallback });
    await emulator.emulator.flushCallbacks();

    expect(statuses(failed.sid)).toEqual(["failed"]);
    expect(receiver.posts.find((post) => post.params.MessageSid === failed.sid)?.params.ErrorCode).toBe("30007");
    expect(statuses(fine.sid)).toEqual(["sent", "delivered"]);
  });

  it("ends messages to an undeliverable number as undelivered", async () => {
    emulator.emulator.undeliverable(PATIENT);
    const message = await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "Hi", statusCallback });
    await emulator.emulator.flushCallbacks();

    expect(statuses(message.sid)).toEqual(["sent", "undelivered"]);
    expect((await client.messages(message.sid).fetch()).errorCode).toBe(30003);
  });

  it("can deliver callbacks out of order while the resource only moves forward", async () => {
    emulator.emulator.setCallbackOrder("reversed");
    const message = await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "Hi", statusCallback });
    await emulator.emulator.flushCallbacks();

    expect(statuses(message.sid)).toEqual(["delivered", "sent"]);
    expect((await client.messages(message.sid).fetch()).status).toBe("delivered");
  });

  it("progresses on its own after the configured delays", async () => {
    await restart({ callbackDelays: { sent: 1, delivered: 2 } });
    const message = await client.messages.create({ to: PATIENT, from: SMS_FROM, body: "Hi", statusCallback });
    await expect.poll(() => statuses(message.sid), { interval: 5 }).toEqual(["sent", "delivered"]);
  });
});

describe("inbound messages", () => {
  it("posts a WhatsApp quick reply with Twilio's fields, signed", async () => {
    const { sid } = await emulator.emulator.inbound({
      from: PATIENT_WHATSAPP,
      to: WHATSAPP_FROM,
      buttonPayload: "confirm:booking_123",
      buttonText: "Confirm",
      profileName: "Ana",
    });

    const post = receiver.posts[0] as ReceivedPost;
    expect(post.url).toBe(`${receiver.url}/api/webhooks/twilio/inbound`);
    expect(post.params).toMatchObject({
      MessageSid: sid,
      From: PATIENT_WHATSAPP,
      To: WHATSAPP_FROM,
      Body: "Confirm",
      NumMedia: "0",
      ButtonPayload: "confirm:booking_123",
      ButtonText: "Confirm",
      ProfileName: "Ana",
      WaId: PATIENT.slice(1),
      MessageType: "button",
      SmsStatus: "received",
    });
    expect(isSigned(post)).toBe(true);
  });

  it("works over the HTTP controls and shows in the snapshot", async () => {
    const control = (action: string, body: unknown = {}) =>
      fetch(`${emulator.url}/__control/${action}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await control("inbound", { from: PATIENT_WHATSAPP, to: WHATSAPP_FROM, body: "Hi" })).status).toBe(200);
    expect((await control("fail-next", { count: 1, errorCode: 30008 })).status).toBe(200);
    await client.messages.create({ to: PATIENT_WHATSAPP, from: WHATSAPP_FROM, body: "Hello", statusCallback });
    expect((await control("flush")).status).toBe(200);
    expect((await control("unknown")).status).toBe(404);

    const snapshot = (await (await fetch(`${emulator.url}/__control/snapshot`)).json()) as ReturnType<
      TwilioEmulator["snapshot"]
    >;
    expect(snapshot.messages.map((message) => [message.direction, message.status])).toEqual([
      ["inbound", "received"],
      ["outbound-api", "failed"],
    ]);
    expect(snapshot.whatsappWindows).toEqual([
      { address: PATIENT_WHATSAPP, lastInboundAt: "2026-03-02T09:00:00.000Z", isOpen: true },
    ]);
    expect(snapshot.webhookPosts.map((post) => post.kind)).toEqual(["inbound", "status"]);
  });
});
