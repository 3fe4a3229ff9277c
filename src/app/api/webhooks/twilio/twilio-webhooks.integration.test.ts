import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { bookings, contactChannels, notificationEvents, notifications, webhookReceipts } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createPatient, createProvider } from "@/test/factories";
import { capturingLogger } from "@/test/request-context";
import { POST as inbound } from "./route";
import { POST as status } from "./status/route";

const state = vi.hoisted(() => {
  // The app's public origin; requests reach the app on another host, as behind a proxy.
  process.env.NEXTAUTH_URL = "https://medbookings.example";
  process.env.TWILIO_AUTH_TOKEN = "twilio-webhook-test-token";
  return {
    db: undefined as unknown as import("@/test/db").TestDatabase,
    log: undefined as unknown as ReturnType<typeof import("@/test/request-context").capturingLogger>,
  };
});

vi.mock("server-only", () => ({}));
vi.mock("@/server/db", () => ({ getDatabase: () => state.db }));
vi.mock("@/server/logger", () => ({ getLogger: () => state.log.logger }));

const PUBLIC_ORIGIN = "https://medbookings.example";
const INTERNAL_ORIGIN = "http://10.1.2.3:3000";
const AUTH_TOKEN = "twilio-webhook-test-token";
const ACCOUNT_SID = "AC" + "a".repeat(32);
const SMS_FROM = "+15550001000";
const WHATSAPP_FROM = "+15550002000";
const STATUS_PATH = "/api/webhooks/twilio/status";
const INBOUND_PATH = "/api/webhooks/twilio";
const DAY = 24 * 60 * 60 * 1000;

let db: TestDatabase;
let phoneCounter = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  state.db = db;
});
afterAll(() => db?.drop());
beforeEach(() => {
  state.log = capturingLogger();
});

/** A fresh UK mobile number per test, so tests do not share contact channels or bookings. */
function newPhone(): string {
  phoneCounter += 1;
  return `+4477009${String(phoneCounter).padStart(5, "0")}`;
}

function messageSid(): string {
  return "SM" + randomBytes(16).toString("hex");
}

interface SignOptions {
  /** The URL the signature is computed over (default: the public URL of the path). */
  signedUrl?: string;
  token?: string;
  /** A literal header value; null = no header. */
  signature?: string | null;
  /** Parameters signed, when they differ from those sent. */
  signedParams?: Record<string, string>;
}

function twilioRequest(pathAndQuery: string, params: Record<string, string>, options: SignOptions = {}): Request {
  const signature =
    options.signature !== undefined
      ? options.signature
      : twilio.getExpectedTwilioSignature(options.token ?? AUTH_TOKEN, options.signedUrl ?? `${PUBLIC_ORIGIN}${pathAndQuery}`, options.signedParams ?? params);
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded", "user-agent": "TwilioProxy/1.1" });
  if (signature !== null) headers.set("x-twilio-signature", signature);
  return new Request(`${INTERNAL_ORIGIN}${pathAndQuery}`, { method: "POST", headers, body: new URLSearchParams(params).toString() });
}

function statusParams(input: { sid: string; status: string; to: string; whatsapp?: boolean; errorCode?: number }): Record<string, string> {
  const to = input.whatsapp ? `whatsapp:${input.to}` : input.to;
  const params: Record<string, string> = {
    AccountSid: ACCOUNT_SID,
    ApiVersion: "2010-04-01",
    From: input.whatsapp ? `whatsapp:${WHATSAPP_FROM}` : SMS_FROM,
    To: to,
    MessageSid: input.sid,
    SmsSid: input.sid,
    MessageStatus: input.status,
    SmsStatus: input.status,
  };
  if (input.errorCode !== undefined) params.ErrorCode = String(input.errorCode);
  if (input.whatsapp) {
    params.ChannelPrefix = "whatsapp";
    params.ChannelToAddress = input.to;
  }
  return params;
}

function inboundParams(input: { from: string; body: string; whatsapp?: boolean; sid?: string; optOutType?: string }): Record<string, string> {
  const sid = input.sid ?? messageSid();
  const params: Record<string, string> = {
    AccountSid: ACCOUNT_SID,
    ApiVersion: "2010-04-01",
    MessageSid: sid,
    SmsMessageSid: sid,
    SmsSid: sid,
    SmsStatus: "received",
    From: input.whatsapp ? `whatsapp:${input.from}` : input.from,
    To: input.whatsapp ? `whatsapp:${WHATSAPP_FROM}` : SMS_FROM,
    Body: input.body,
    NumMedia: "0",
    NumSegments: "1",
  };
  if (input.whatsapp) {
    params.ProfileName = "Patient";
    params.WaId = input.from.slice(1);
    params.MessageType = "text";
  }
  if (input.optOutType !== undefined) params.OptOutType = input.optOutType;
  return params;
}

/** A booking with a provider of its own, so bookings of different tests never overlap. */
async function createBooking(input: {
  startsInMs: number;
  status?: (typeof bookings.$inferInsert)["status"];
  guestPhone?: string | null;
  patientUserId?: string | null;
}) {
  const { provider, services } = await createProvider(db.db, { services: [{ name: "Visit" }] });
  const startsAt = new Date(Math.floor((Date.now() + input.startsInMs) / 60_000) * 60_000);
  const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
  const [row] = await db.db
    .insert(bookings)
    .values({
      providerId: provider.id,
      serviceId: services[0]!.id,
      mode: "ONLINE",
      startsAt,
      endsAt,
      blockedStartsAt: startsAt,
      blockedEndsAt: endsAt,
      status: input.status ?? "CONFIRMED",
      patientUserId: input.patientUserId ?? null,
      guestName: "Gail Guest",
      guestEmail: `guest-${randomBytes(4).toString("hex")}@example.test`,
      guestPhone: input.guestPhone === undefined ? null : input.guestPhone,
      confirmedAt: new Date(),
    })
    .returning();
  return row!;
}

async function createNotification(input: {
  channel: "SMS" | "WHATSAPP" | "EMAIL";
  address: string;
  bookingId?: string | null;
  status?: (typeof notifications.$inferInsert)["status"];
  vendorMessageId?: string | null;
}) {
  const [row] = await db.db
    .insert(notifications)
    .values({
      dedupeKey: `test:${randomBytes(6).toString("hex")}:${input.channel}`,
      purpose: "booking.confirmed",
      bookingId: input.bookingId ?? null,
      recipient: "PATIENT",
      channel: input.channel,
      address: input.address,
      status: input.status ?? "SENT",
      vendorMessageId: input.vendorMessageId ?? null,
      sentAt: input.status === "SENDING" ? null : new Date(),
    })
    .returning();
  return row!;
}

async function notification(id: string) {
  const [row] = await db.db.select().from(notifications).where(eq(notifications.id, id));
  return row!;
}

async function eventsOf(id: string) {
  return db.db
    .select({ status: notificationEvents.status, detail: notificationEvents.detail })
    .from(notificationEvents)
    .where(eq(notificationEvents.notificationId, id))
    .orderBy(asc(notificationEvents.id));
}

async function contact(channel: "SMS" | "WHATSAPP" | "EMAIL", address: string) {
  const [row] = await db.db
    .select()
    .from(contactChannels)
    .where(and(eq(contactChannels.channel, channel), eq(contactChannels.address, address)));
  return row ?? null;
}

async function fallbacksOf(id: string) {
  return db.db.select().from(notifications).where(eq(notifications.fallbackOf, id));
}

async function repliesTo(sid: string) {
  return db.db.select().from(notifications).where(eq(notifications.dedupeKey, `inbound:${sid}`));
}

/** The public jobs view leaves out payloads, so this reads graphile-worker's own table. */
async function sendJobsFor(notificationId: string): Promise<number> {
  const result = await db.db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = 'notification.send' AND j.payload->>'notificationId' = ${notificationId}`);
  return result.rows[0]?.n ?? 0;
}

async function receiptCount(): Promise<number> {
  const [row] = await db.db.select({ n: sql<number>`count(*)::int` }).from(webhookReceipts);
  return row?.n ?? 0;
}

function statusUrl(ref?: string): string {
  return ref === undefined ? STATUS_PATH : `${STATUS_PATH}?ref=${ref}`;
}

function expectNothingLogged(...secrets: string[]) {
  const text = state.log.text();
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.replace(/^\+/, ""));
  }
}

describe("Twilio status callbacks: signature", () => {
  it("answers 401 and changes nothing without a signature, with another token's, or over another URL or other params", async () => {
    const phone = newPhone();
    const sent = await createNotification({ channel: "SMS", address: phone, status: "SENT" });
    const sid = messageSid();
    const params = statusParams({ sid, status: "delivered", to: phone });
    const path = statusUrl(sent.id);
    const receiptsBefore = await receiptCount();

    const refused = [
      twilioRequest(path, params, { signature: null }),
      twilioRequest(path, params, { signature: "" }),
      twilioRequest(path, params, { token: "someone-elses-token" }),
      // What the app sees behind the proxy is not what Twilio called.
      twilioRequest(path, params, { signedUrl: `${INTERNAL_ORIGIN}${path}` }),
      // The query is signed: a ref pointing elsewhere does not verify.
      twilioRequest(path, params, { signedUrl: `${PUBLIC_ORIGIN}${statusUrl()}` }),
      twilioRequest(path, { ...params, MessageStatus: "read" }, { signedParams: params }),
    ];
    for (const request of refused) {
      const response = await status(request);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain("X-Twilio-Signature");
    }

    expect(await notification(sent.id)).toMatchObject({ status: "SENT", vendorMessageId: null, deliveredAt: null });
    expect(await eventsOf(sent.id)).toEqual([]);
    expect(await receiptCount()).toBe(receiptsBefore);
    expect(state.log.lines()).toContainEqual(expect.objectContaining({ webhook: "twilio.status", outcome: "bad-signature" }));
  });

  it("accepts the public URL behind a proxy and parameters it does not know", async () => {
    const phone = newPhone();
    const sent = await createNotification({ channel: "SMS", address: phone });
    const params = { ...statusParams({ sid: messageSid(), status: "delivered", to: phone }), RawDlrDoneDate: "2703011200", SomethingNew: "x" };

    const response = await status(twilioRequest(statusUrl(sent.id), params));

    expect(response.status).toBe(204);
    expect((await notification(sent.id)).status).toBe("DELIVERED");
  });

  it("answers 400 naming the field when a signed callback has no MessageSid or MessageStatus", async () => {
    const { MessageSid: _a, SmsSid: _b, ...noSid } = statusParams({ sid: messageSid(), status: "sent", to: newPhone() });
    const { MessageStatus: _c, SmsStatus: _d, ...noStatus } = statusParams({ sid: messageSid(), status: "sent", to: newPhone() });

    const withoutSid = await status(twilioRequest(statusUrl(), noSid));
    const withoutStatus = await status(twilioRequest(statusUrl(), noStatus));

    expect(withoutSid.status).toBe(400);
    expect(await withoutSid.text()).toContain("MessageSid");
    expect(withoutStatus.status).toBe(400);
    expect(await withoutStatus.text()).toContain("MessageStatus");
  });
});

describe("Twilio status callbacks: delivery tracking", () => {
  it("finds the notification by ref and records the MessageSid a dead worker never stored", async () => {
    const phone = newPhone();
    const inDoubt = await createNotification({ channel: "WHATSAPP", address: phone, status: "SENDING" });
    const sid = messageSid();

    const response = await status(twilioRequest(statusUrl(inDoubt.id), statusParams({ sid, status: "sent", to: phone, whatsapp: true })));

    expect(response.status).toBe(204);
    const row = await notification(inDoubt.id);
    expect(row).toMatchObject({ status: "SENT", vendorMessageId: sid });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(await eventsOf(inDoubt.id)).toEqual([{ status: "SENT", detail: "sent" }]);
  });

  it("finds the notification by its stored MessageSid when the callback has no ref, and never overwrites a stored sid", async () => {
    const phone = newPhone();
    const sid = messageSid();
    const sent = await createNotification({ channel: "SMS", address: phone, vendorMessageId: sid });

    expect((await status(twilioRequest(statusUrl(), statusParams({ sid, status: "delivered", to: phone })))).status).toBe(204);
    expect(await notification(sent.id)).toMatchObject({ status: "DELIVERED", vendorMessageId: sid });

    const otherSid = messageSid();
    await status(twilioRequest(statusUrl(sent.id), statusParams({ sid: otherSid, status: "read", to: phone })));
    expect(await notification(sent.id)).toMatchObject({ status: "READ", vendorMessageId: sid });
  });

  it("moves only forward: a late 'sent' after 'delivered' changes nothing but is logged", async () => {
    const phone = newPhone();
    const sent = await createNotification({ channel: "WHATSAPP", address: phone });
    const sid = messageSid();
    const post = (value: string) => status(twilioRequest(statusUrl(sent.id), statusParams({ sid, status: value, to: phone, whatsapp: true })));

    await post("delivered");
    const delivered = await notification(sent.id);
    await post("sent");
    await post("queued");
    expect(await notification(sent.id)).toMatchObject({ status: "DELIVERED", deliveredAt: delivered.deliveredAt, readAt: null });

    await post("read");
    const read = await notification(sent.id);
    expect(read.status).toBe("READ");
    expect(read.readAt).toBeInstanceOf(Date);

    expect(await eventsOf(sent.id)).toEqual([
      { status: "DELIVERED", detail: "delivered" },
      { status: "SENT", detail: "sent" },
      { status: "SENT", detail: "queued" },
      { status: "READ", detail: "read" },
    ]);
  });

  it("a replayed callback (same MessageSid and MessageStatus) changes nothing and logs nothing more", async () => {
    const phone = newPhone();
    const sent = await createNotification({ channel: "SMS", address: phone });
    const sid = messageSid();
    const same = () => twilioRequest(statusUrl(sent.id), statusParams({ sid, status: "delivered", to: phone }));

    expect((await status(same())).status).toBe(204);
    const first = await notification(sent.id);
    expect((await status(same())).status).toBe(204);

    expect(await notification(sent.id)).toEqual(first);
    expect(await eventsOf(sent.id)).toEqual([{ status: "DELIVERED", detail: "delivered" }]);
    expect(state.log.lines()).toContainEqual(expect.objectContaining({ webhook: "twilio.status", outcome: "duplicate" }));
  });

  it("a failure that is not about the number fails the message without marking the number or falling back", async () => {
    const phone = newPhone();
    const booking = await createBooking({ startsInMs: 3 * DAY, guestPhone: phone });
    const sent = await createNotification({ channel: "SMS", address: phone, bookingId: booking.id });

    await status(twilioRequest(statusUrl(sent.id), statusParams({ sid: messageSid(), status: "failed", to: phone, errorCode: 30008 })));

    expect(await notification(sent.id)).toMatchObject({ status: "FAILED", lastError: "failed 30008" });
    expect((await notification(sent.id)).failedAt).toBeInstanceOf(Date);
    expect(await contact("SMS", phone)).toBeNull();
    expect(await fallbacksOf(sent.id)).toEqual([]);
    expect(await eventsOf(sent.id)).toEqual([{ status: "FAILED", detail: "failed 30008" }]);
  });

  it("a failed message stays failed whatever arrives later", async () => {
    const phone = newPhone();
    const sent = await createNotification({ channel: "SMS", address: phone });
    const sid = messageSid();
    await status(twilioRequest(statusUrl(sent.id), statusParams({ sid, status: "failed", to: phone, errorCode: 30008 })));
    await status(twilioRequest(statusUrl(sent.id), statusParams({ sid, status: "delivered", to: phone })));

    expect((await notification(sent.id)).status).toBe("FAILED");
    expect((await notification(sent.id)).deliveredAt).toBeNull();
  });

  it("answers 204 and changes nothing for a message that is not ours", async () => {
    const response = await status(twilioRequest(statusUrl(), statusParams({ sid: messageSid(), status: "delivered", to: newPhone() })));
    expect(response.status).toBe(204);
    expect(state.log.lines()).toContainEqual(expect.objectContaining({ outcome: "unknown-message" }));
  });
});

describe("Twilio status callbacks: numbers that cannot receive", () => {
  it.each([
    ["WhatsApp, not a WhatsApp user (63024)", "WHATSAPP", 63024, "not-on-whatsapp 63024", "SMS"],
    ["WhatsApp, no such To address (63003)", "WHATSAPP", 63003, "not-on-whatsapp 63003", "SMS"],
    ["SMS, unreachable handset (30003)", "SMS", 30003, "unreachable 30003", "EMAIL"],
    ["SMS, invalid number (21211)", "SMS", 21211, "invalid-recipient 21211", "EMAIL"],
  ] as const)("%s: marks the number bad and falls back once", async (_name, channel, errorCode, reason, fallbackChannel) => {
    const phone = newPhone();
    const booking = await createBooking({ startsInMs: 4 * DAY, guestPhone: phone });
    const sent = await createNotification({ channel, address: phone, bookingId: booking.id });
    const sid = messageSid();
    const whatsapp = channel === "WHATSAPP";

    await status(twilioRequest(statusUrl(sent.id), statusParams({ sid, status: "sent", to: phone, whatsapp })));
    await status(twilioRequest(statusUrl(sent.id), statusParams({ sid, status: "undelivered", to: phone, whatsapp, errorCode })));
    // Twilio can report both failed and undelivered; the second must not send the message again.
    await status(twilioRequest(statusUrl(sent.id), statusParams({ sid, status: "failed", to: phone, whatsapp, errorCode })));

    expect(await notification(sent.id)).toMatchObject({ status: "FAILED", lastError: `undelivered ${errorCode}` });
    expect(await contact(channel, phone)).toMatchObject({ badReason: reason, badAt: expect.any(Date), optedOutAt: null });
    const fallbacks = await fallbacksOf(sent.id);
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]).toMatchObject({ channel: fallbackChannel, status: "PENDING", bookingId: booking.id, purpose: "booking.confirmed" });
    expect(await sendJobsFor(fallbacks[0]!.id)).toBe(1);
    const events = await eventsOf(sent.id);
    expect(events).toEqual(
      expect.arrayContaining([
        { status: "SENT", detail: "sent" },
        { status: "FAILED", detail: `undelivered ${errorCode}` },
        { status: "FAILED", detail: `failed ${errorCode}` },
      ]),
    );
    for (const event of events) expect(event.detail ?? "").not.toContain(phone.slice(1));
    expectNothingLogged(phone);
  });

  it("an opted-out recipient (21610) is recorded as an opt-out, which START lifts, not as a dead number", async () => {
    const phone = newPhone();
    const booking = await createBooking({ startsInMs: 5 * DAY, guestPhone: phone });
    const sent = await createNotification({ channel: "SMS", address: phone, bookingId: booking.id });

    await status(twilioRequest(statusUrl(sent.id), statusParams({ sid: messageSid(), status: "failed", to: phone, errorCode: 21610 })));

    expect(await contact("SMS", phone)).toMatchObject({ optedOutAt: expect.any(Date), badAt: null });
    expect(await fallbacksOf(sent.id)).toHaveLength(1);
  });
});

describe("Twilio inbound messages: signature and answer", () => {
  it("answers 401 and records nothing without a valid signature", async () => {
    const phone = newPhone();
    const params = inboundParams({ from: phone, body: "STOP", whatsapp: true });
    const receiptsBefore = await receiptCount();

    for (const request of [
      twilioRequest(INBOUND_PATH, params, { signature: null }),
      twilioRequest(INBOUND_PATH, params, { token: "wrong" }),
      twilioRequest(INBOUND_PATH, { ...params, Body: "START" }, { signedParams: params }),
    ]) {
      expect((await inbound(request)).status).toBe(401);
    }

    expect(await contact("WHATSAPP", phone)).toBeNull();
    expect(await repliesTo(params.MessageSid!)).toEqual([]);
    expect(await receiptCount()).toBe(receiptsBefore);
  });

  it("answers Twilio with empty TwiML as text/xml", async () => {
    const response = await inbound(twilioRequest(INBOUND_PATH, inboundParams({ from: newPhone(), body: "hello", whatsapp: true })));

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});

describe("Twilio inbound messages: the WhatsApp window and replays", () => {
  it("records the last inbound WhatsApp message (the 24-hour window), not for SMS", async () => {
    const phone = newPhone();
    const before = Date.now();
    await inbound(twilioRequest(INBOUND_PATH, inboundParams({ from: phone, body: "hello", whatsapp: true })));
    await inbound(twilioRequest(INBOUND_PATH, inboundParams({ from: phone, body: "hello" })));

    const window = await contact("WHATSAPP", phone);
    expect(window?.lastInboundAt?.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(await contact("SMS", phone)).toBeNull();
  });

  it("a replayed message (same MessageSid) is answered once", async () => {
    const phone = newPhone();
    const booking = await createBooking({ startsInMs: 2 * DAY, guestPhone: phone });
    const params = inboundParams({ from: phone, body: "2", whatsapp: true });

    await inbound(twilioRequest(INBOUND_PATH, params));
    await inbound(twilioRequest(INBOUND_PATH, params));

    const replies = await db.db.select().from(notifications).where(eq(notifications.bookingId, booking.id));
    expect(replies).toHaveLength(1);
    expect(state.log.lines()).toContainEqual(expect.objectContaining({ webhook: "twilio.inbound", outcome: "duplicate" }));
  });
});

describe("Twilio inbound messages: STOP and START", () => {
  it.each(["STOP", "stop", " Stop. ", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"])(
    "WhatsApp %j opts that number out of WhatsApp only, with no answer",
    async (body) => {
      const phone = newPhone();
      const params = inboundParams({ from: phone, body, whatsapp: true });

      await inbound(twilioRequest(INBOUND_PATH, params));

      expect(await contact("WHATSAPP", phone)).toMatchObject({ optedOutAt: expect.any(Date) });
      expect(await contact("SMS", phone)).toBeNull();
      expect(await repliesTo(params.MessageSid!)).toEqual([]);
    },
  );

  it("SMS STOP (Twilio answers it itself) opts the number out of SMS, START opts it back in", async () => {
    const phone = newPhone();
    await inbound(twilioRequest(INBOUND_PATH, inboundParams({ from: phone, body: "Stop", optOutType: "STOP" })));
    const stopped = await contact("SMS", phone);
    expect(stopped).toMatchObject({ optedOutAt: expect.any(Date), optedInAt: null });

    const start = inboundParams({ from: phone, body: "UNSTOP", optOutType: "START" });
    await inbound(twilioRequest(INBOUND_PATH, start));

    expect(await contact("SMS", phone)).toMatchObject({ optedOutAt: null, optedInAt: expect.any(Date) });
    expect(await repliesTo(start.MessageSid!)).toEqual([]);
  });

  it.each(["START", "yes", "Unstop"])("WhatsApp %j clears an opt-out and records the opt-in", async (body) => {
    const phone = newPhone();
    await inbound(twilioRequest(INBOUND_PATH, inboundParams({ from: phone, body: "STOP", whatsapp: true })));
    await inbound(twilioRequest(INBOUND_PATH, inboundParams({ from: phone, body, whatsapp: true })));

    expect(await contact("WHATSAPP", phone)).toMatchObject({ optedOutAt: null, optedInAt: expect.any(Date) });
  });

  it("a second STOP keeps the first opt-out time", async () => {
    const phone = newPhone();
    await inbound(twilioRequest(INBOUND_PATH, inboundParams({ from: phone, body: "STOP", whatsapp: true })));
    const first = (await contact("WHATSAPP", phone))!.optedOutAt;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await inbound(twilioRequest(INBOUND_PATH, inboundParams({ from: phone, body: "QUIT", whatsapp: true })));

    expect((await contact("WHATSAPP", phone))!.optedOutAt).toEqual(first);
  });
});

describe("Twilio inbound messages: 1 and 2", () => {
  it("'1' confirms attendance at the next confirmed booking of the guest's number and answers on the same channel", async () => {
    const phone = newPhone();
    const later = await createBooking({ startsInMs: 9 * DAY, guestPhone: phone });
    const next = await createBooking({ startsInMs: 1 * DAY, guestPhone: phone });
    // Not the next one: past, cancelled, still waiting for the provider.
    const past = await createBooking({ startsInMs: -2 * DAY, guestPhone: phone });
    const cancelled = await createBooking({ startsInMs: 0.5 * DAY, guestPhone: phone, status: "CANCELLED" });
    const pending = await createBooking({ startsInMs: 0.25 * DAY, guestPhone: phone, status: "PENDING" });
    const params = inboundParams({ from: phone, body: " 1 ", whatsapp: true });
    const before = Date.now();

    await inbound(twilioRequest(INBOUND_PATH, params));

    const [confirmed] = await db.db.select().from(bookings).where(eq(bookings.id, next.id));
    expect(confirmed!.attendanceConfirmedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    for (const other of [later, past, cancelled, pending]) {
      const [row] = await db.db.select().from(bookings).where(eq(bookings.id, other.id));
      expect(row!.attendanceConfirmedAt).toBeNull();
    }
    const replies = await repliesTo(params.MessageSid!);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      purpose: "reply.attendance_confirmed",
      bookingId: next.id,
      channel: "WHATSAPP",
      address: phone,
      recipient: "PATIENT",
      status: "PENDING",
      deferrable: false,
    });
    expect(await sendJobsFor(replies[0]!.id)).toBe(1);
    expectNothingLogged(phone);
  });

  it("'1' finds a signed-in patient's booking by the phone on their profile", async () => {
    const phone = newPhone();
    const { user } = await createPatient(db.db, { profile: { phone } });
    const booking = await createBooking({ startsInMs: 3 * DAY, patientUserId: user.id, guestPhone: null });
    const params = inboundParams({ from: phone, body: "1" });

    await inbound(twilioRequest(INBOUND_PATH, params));

    const [row] = await db.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(row!.attendanceConfirmedAt).toBeInstanceOf(Date);
    expect(await repliesTo(params.MessageSid!)).toEqual([
      expect.objectContaining({ purpose: "reply.attendance_confirmed", bookingId: booking.id, recipientUserId: user.id, channel: "SMS" }),
    ]);
  });

  it("'2' answers with the manage link of the next booking and confirms nothing", async () => {
    const phone = newPhone();
    const booking = await createBooking({ startsInMs: 2 * DAY, guestPhone: phone });
    const params = inboundParams({ from: phone, body: "2", whatsapp: true });

    await inbound(twilioRequest(INBOUND_PATH, params));

    const [row] = await db.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(row!.attendanceConfirmedAt).toBeNull();
    expect(await repliesTo(params.MessageSid!)).toEqual([
      expect.objectContaining({ purpose: "reply.manage_link", bookingId: booking.id, channel: "WHATSAPP", address: phone }),
    ]);
  });

  it.each(["1", "2"])("%j from a number with no upcoming confirmed booking gets the help text", async (body) => {
    const phone = newPhone();
    await createBooking({ startsInMs: -1 * DAY, guestPhone: phone });
    const params = inboundParams({ from: phone, body, whatsapp: true });

    await inbound(twilioRequest(INBOUND_PATH, params));

    expect(await repliesTo(params.MessageSid!)).toEqual([expect.objectContaining({ purpose: "reply.help", bookingId: null })]);
  });
});

describe("Twilio inbound messages: everything else", () => {
  it("anything else gets the help text, at most once in ten minutes per number", async () => {
    const phone = newPhone();
    const first = inboundParams({ from: phone, body: "What time is my appointment? My number is 0770 0900 123", whatsapp: true });
    const second = inboundParams({ from: phone, body: "hello?", whatsapp: true });

    await inbound(twilioRequest(INBOUND_PATH, first));
    await inbound(twilioRequest(INBOUND_PATH, second));

    expect(await repliesTo(first.MessageSid!)).toEqual([expect.objectContaining({ purpose: "reply.help", channel: "WHATSAPP", address: phone })]);
    expect(await repliesTo(second.MessageSid!)).toEqual([]);
    expectNothingLogged(phone, "What time is my appointment", "hello?");
    expect(state.log.lines()).toContainEqual(expect.objectContaining({ webhook: "twilio.inbound", outcome: "answered", reply: "reply.help" }));
  });

  it("HELP on WhatsApp gets our help text; on SMS Twilio answers it, so we do not", async () => {
    const phone = newPhone();
    const whatsapp = inboundParams({ from: phone, body: "HELP", whatsapp: true });
    const sms = inboundParams({ from: phone, body: "info" });

    await inbound(twilioRequest(INBOUND_PATH, whatsapp));
    await inbound(twilioRequest(INBOUND_PATH, sms));

    expect(await repliesTo(whatsapp.MessageSid!)).toEqual([expect.objectContaining({ purpose: "reply.help" })]);
    expect(await repliesTo(sms.MessageSid!)).toEqual([]);
  });

  it("a message from a short code or sender id is acknowledged and ignored", async () => {
    const params: Record<string, string> = { ...inboundParams({ from: newPhone(), body: "promo" }), From: "MEDBOOK" };

    const response = await inbound(twilioRequest(INBOUND_PATH, params));

    expect(response.status).toBe(200);
    expect(await repliesTo(params.MessageSid!)).toEqual([]);
  });
});
