import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { serve, type RunningEmulator } from "../../../../local-cloud/lib/http";
import { createTwilioEmulator, type TwilioEmulator } from "../../../../local-cloud/twilio";
import { bookings, contactChannels, notificationEvents, notifications } from "@/server/db/schema";
import { createEmailClient, type EmailClient } from "@/server/integrations/sendgrid/client";
import { createMessagingClient, type MessagingClient } from "@/server/integrations/twilio/client";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createProvider } from "@/test/factories";
import { capturingLogger } from "@/test/request-context";
import { POST as sendgridWebhook } from "./sendgrid/route";
import { POST as twilioInbound } from "./twilio/route";
import { POST as twilioStatus } from "./twilio/status/route";

/**
 * The vendors' own emulators post real signed webhooks (Twilio: form + X-Twilio-Signature over the
 * URL it called; SendGrid: ECDSA over timestamp + body) to a small server that hands them to the
 * route handlers the way a reverse proxy would: on another host than the public one Twilio signed.
 */
const state = await vi.hoisted(async () => {
  const http = await import("node:http");
  const { createSendGridEmulator } = await import("../../../../local-cloud/sendgrid");
  const routes = new Map<string, (request: Request) => Promise<Response>>();
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const handler = routes.get(path);
      if (handler === undefined) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      headers.set("host", "app.internal:3000");
      const response = await handler(
        new Request(`http://app.internal:3000${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch(() => res.writeHead(599).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as import("node:net").AddressInfo).port;
  const publicUrl = `http://127.0.0.1:${port}`;
  const sendgrid = createSendGridEmulator({ autoFlushMs: false, eventWebhookUrl: `${publicUrl}/api/webhooks/sendgrid`, retry: { maxAttempts: 1 } });
  process.env.NEXTAUTH_URL = publicUrl;
  process.env.TWILIO_AUTH_TOKEN = "local-cloud-twilio-token";
  process.env.SENDGRID_WEBHOOK_PUBLIC_KEY = sendgrid.publicKeyBase64Der;
  return {
    routes,
    server,
    publicUrl,
    sendgrid,
    db: undefined as unknown as import("@/test/db").TestDatabase,
    log: undefined as unknown as ReturnType<typeof import("@/test/request-context").capturingLogger>,
  };
});

vi.mock("server-only", () => ({}));
vi.mock("@/server/db", () => ({ getDatabase: () => state.db }));
vi.mock("@/server/logger", () => ({ getLogger: () => state.log.logger }));

const ACCOUNT_SID = "AC" + "b".repeat(32);
const SMS_FROM = "+15550001000";
const WHATSAPP_FROM = "+15550002000";
const DAY = 24 * 60 * 60 * 1000;

let db: TestDatabase;
let twilio: RunningEmulator<TwilioEmulator>;
let sendgrid: RunningEmulator<typeof state.sendgrid>;
let messaging: MessagingClient;
let email: EmailClient;
let counter = 0;

beforeAll(async () => {
  state.routes.set("/api/webhooks/twilio/status", twilioStatus);
  state.routes.set("/api/webhooks/twilio", twilioInbound);
  state.routes.set("/api/webhooks/sendgrid", sendgridWebhook);
  [db, twilio, sendgrid] = await Promise.all([
    createTestDatabase(),
    serve(
      createTwilioEmulator({
        accounts: [{ accountSid: ACCOUNT_SID, authToken: "local-cloud-twilio-token" }],
        senders: [SMS_FROM, `whatsapp:${WHATSAPP_FROM}`],
        inboundWebhookUrl: `${state.publicUrl}/api/webhooks/twilio`,
        callbackDelays: false,
      }),
    ),
    serve(state.sendgrid),
  ]);
  state.db = db;
  messaging = createMessagingClient({
    accountSid: ACCOUNT_SID,
    authToken: "local-cloud-twilio-token",
    apiUrl: twilio.url,
    smsFrom: SMS_FROM,
    whatsappFrom: WHATSAPP_FROM,
    statusCallbackUrl: `${state.publicUrl}/api/webhooks/twilio/status`,
  });
  email = createEmailClient({ apiKey: "SG.local-cloud", apiUrl: sendgrid.url, fromEmail: "bookings@medbookings.local" });
});
afterAll(async () => {
  await Promise.all([db?.drop(), twilio?.close(), sendgrid?.close()]);
  await new Promise((resolve) => state.server.close(resolve));
});
beforeEach(() => {
  state.log = capturingLogger();
});

async function guestBooking() {
  counter += 1;
  const phone = `+4477009${String(counter).padStart(5, "0")}`;
  const address = `guest-${counter}-${randomBytes(3).toString("hex")}@example.test`;
  const { provider, services } = await createProvider(db.db, { services: [{ name: "Visit" }] });
  const startsAt = new Date(Math.floor((Date.now() + 2 * DAY) / 60_000) * 60_000);
  const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
  const [booking] = await db.db
    .insert(bookings)
    .values({
      providerId: provider.id,
      serviceId: services[0]!.id,
      mode: "ONLINE",
      startsAt,
      endsAt,
      blockedStartsAt: startsAt,
      blockedEndsAt: endsAt,
      status: "CONFIRMED",
      guestName: "Gail Guest",
      guestEmail: address,
      guestPhone: phone,
      confirmedAt: new Date(),
    })
    .returning();
  return { booking: booking!, phone, address };
}

/** A notification the worker claimed (SENDING) and then died on, before it stored the vendor's id. */
async function inDoubtNotification(input: { channel: "EMAIL" | "WHATSAPP" | "SMS"; address: string; bookingId: string }) {
  const [row] = await db.db
    .insert(notifications)
    .values({
      dedupeKey: `local-cloud:${randomBytes(6).toString("hex")}:${input.channel}`,
      purpose: "booking.reminder",
      bookingId: input.bookingId,
      recipient: "PATIENT",
      channel: input.channel,
      address: input.address,
      status: "SENDING",
      sendingStartedAt: new Date(),
    })
    .returning();
  return row!;
}

async function notification(id: string) {
  const [row] = await db.db.select().from(notifications).where(eq(notifications.id, id));
  return row!;
}

async function eventDetails(id: string) {
  const rows = await db.db
    .select({ detail: notificationEvents.detail })
    .from(notificationEvents)
    .where(eq(notificationEvents.notificationId, id))
    .orderBy(asc(notificationEvents.id));
  return rows.map((row) => row.detail);
}

describe("Twilio local cloud → webhook routes", () => {
  it("a patient's WhatsApp message opens the window; callbacks arriving newest first leave the reminder READ with its sid", async () => {
    const { booking, phone } = await guestBooking();
    const hello = await twilio.emulator.inbound({ from: `whatsapp:${phone}`, to: `whatsapp:${WHATSAPP_FROM}`, body: "Hello" });
    expect(hello.webhook?.statusCode).toBe(200);
    const [window] = await db.db
      .select()
      .from(contactChannels)
      .where(and(eq(contactChannels.channel, "WHATSAPP"), eq(contactChannels.address, phone)));
    expect(window?.lastInboundAt).toBeInstanceOf(Date);

    const reminder = await inDoubtNotification({ channel: "WHATSAPP", address: phone, bookingId: booking.id });
    const sent = await messaging.sendWhatsApp({ to: phone, body: "See you tomorrow", reference: reminder.id });
    twilio.emulator.setCallbackOrder("reversed");
    const posts = await twilio.emulator.flushCallbacks();
    twilio.emulator.setCallbackOrder("in-order");

    expect(posts.map((post) => post.params.MessageStatus)).toEqual(["read", "delivered", "sent"]);
    expect(posts.every((post) => post.statusCode === 204 && post.url.endsWith(`?ref=${reminder.id}`))).toBe(true);
    expect(await notification(reminder.id)).toMatchObject({ status: "READ", vendorMessageId: sent.sid });
    expect(await eventDetails(reminder.id)).toEqual(["read", "delivered", "sent"]);
    expect(state.log.text()).not.toContain(phone.slice(1));
  });

  it("a number that is not on WhatsApp (63024) is marked bad and the reminder falls back to SMS", async () => {
    const { booking, phone } = await guestBooking();
    await twilio.emulator.inbound({ from: `whatsapp:${phone}`, to: `whatsapp:${WHATSAPP_FROM}`, body: "Hi" });
    twilio.emulator.undeliverable(`whatsapp:${phone}`, 63024);
    const reminder = await inDoubtNotification({ channel: "WHATSAPP", address: phone, bookingId: booking.id });

    await messaging.sendWhatsApp({ to: phone, body: "Reminder", reference: reminder.id });
    await twilio.emulator.flushCallbacks();

    expect(await notification(reminder.id)).toMatchObject({ status: "FAILED", lastError: "undelivered 63024" });
    const [bad] = await db.db
      .select()
      .from(contactChannels)
      .where(and(eq(contactChannels.channel, "WHATSAPP"), eq(contactChannels.address, phone)));
    expect(bad).toMatchObject({ badReason: "not-on-whatsapp 63024" });
    expect(await db.db.select().from(notifications).where(eq(notifications.fallbackOf, reminder.id))).toEqual([
      expect.objectContaining({ channel: "SMS", address: phone, status: "PENDING" }),
    ]);
  });

  it("a reply of 1 confirms attendance and queues the answer; Twilio gets empty TwiML", async () => {
    const { booking, phone } = await guestBooking();

    const reply = await twilio.emulator.inbound({ from: phone, to: SMS_FROM, body: "1" });

    expect(reply.webhook?.statusCode).toBe(200);
    const [row] = await db.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(row!.attendanceConfirmedAt).toBeInstanceOf(Date);
    expect(await db.db.select().from(notifications).where(eq(notifications.dedupeKey, `inbound:${reply.sid}`))).toEqual([
      expect.objectContaining({ purpose: "reply.attendance_confirmed", channel: "SMS", bookingId: booking.id }),
    ]);
  });
});

describe("SendGrid local cloud → webhook route", () => {
  it("processed and delivered arrive signed and move the email forward; a bounce fails it; a redelivered batch changes nothing", async () => {
    const { booking, address } = await guestBooking();
    const confirmation = await inDoubtNotification({ channel: "EMAIL", address, bookingId: booking.id });
    const { messageId } = await email.sendEmail({
      to: address,
      subject: "Your appointment",
      html: "<p>Confirmed</p>",
      text: "Confirmed",
      tracking: { category: "booking-confirmed", reference: confirmation.id },
    });

    const [delivery] = await sendgrid.emulator.flushEvents();
    expect(delivery).toMatchObject({ status: "delivered", lastStatusCode: 204 });
    expect(await notification(confirmation.id)).toMatchObject({ status: "DELIVERED", vendorMessageId: messageId });

    sendgrid.emulator.bounce(messageId);
    const [bounce] = await sendgrid.emulator.flushEvents();
    expect(bounce).toMatchObject({ status: "delivered", lastStatusCode: 204 });
    expect(await notification(confirmation.id)).toMatchObject({ status: "FAILED", lastError: "bounce 5.1.1" });
    const fallbacks = await db.db.select().from(notifications).where(eq(notifications.fallbackOf, confirmation.id));
    expect(fallbacks).toHaveLength(1);

    const events = await eventDetails(confirmation.id);
    const again = await sendgrid.emulator.redeliverLastBatch();
    expect(again).toMatchObject({ lastStatusCode: 204 });
    expect(await eventDetails(confirmation.id)).toEqual(events);
    expect(await db.db.select().from(notifications).where(eq(notifications.fallbackOf, confirmation.id))).toHaveLength(1);
    expect(state.log.text()).not.toContain(address);
  });
});
