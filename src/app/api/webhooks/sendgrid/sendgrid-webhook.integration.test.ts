import crypto, { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { bookings, contactChannels, notificationEvents, notifications, webhookReceipts } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createProvider } from "@/test/factories";
import { capturingLogger } from "@/test/request-context";
import { POST } from "./route";

const state = await vi.hoisted(async () => {
  // SendGrid signs with ECDSA P-256 and shows the public key as Base64 DER: a key pair of our own plays SendGrid.
  const { generateKeyPairSync } = await import("node:crypto");
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  process.env.SENDGRID_WEBHOOK_PUBLIC_KEY = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  return {
    privateKey,
    db: undefined as unknown as import("@/test/db").TestDatabase,
    log: undefined as unknown as ReturnType<typeof import("@/test/request-context").capturingLogger>,
  };
});

vi.mock("server-only", () => ({}));
vi.mock("@/server/db", () => ({ getDatabase: () => state.db }));
vi.mock("@/server/logger", () => ({ getLogger: () => state.log.logger }));

const DAY = 24 * 60 * 60 * 1000;
const SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
const TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

let db: TestDatabase;
let counter = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  state.db = db;
});
afterAll(() => db?.drop());
beforeEach(() => {
  state.log = capturingLogger();
});

function sign(timestamp: string, body: string, privateKey: crypto.KeyObject = state.privateKey): string {
  return crypto.sign("sha256", Buffer.from(timestamp + body, "utf8"), privateKey).toString("base64");
}

function sendgridRequest(
  body: string,
  options: { timestamp?: string; signature?: string | null; signedTimestamp?: string; signedBody?: string } = {},
): Request {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const signature =
    options.signature !== undefined ? options.signature : sign(options.signedTimestamp ?? timestamp, options.signedBody ?? body);
  const headers = new Headers({ "content-type": "application/json", "user-agent": "SendGrid Event API", [TIMESTAMP_HEADER]: timestamp });
  if (signature !== null) headers.set(SIGNATURE_HEADER, signature);
  return new Request("http://10.1.2.3:3000/api/webhooks/sendgrid", { method: "POST", headers, body });
}

function post(events: object[]): Promise<Response> {
  return POST(sendgridRequest(JSON.stringify(events)));
}

interface Email {
  id: string;
  address: string;
  /** The X-Message-Id SendGrid answered the send with. */
  messageId: string;
  bookingId: string | null;
}

async function createEmail(input: { status?: (typeof notifications.$inferInsert)["status"]; storeMessageId?: boolean; withBooking?: boolean } = {}): Promise<Email> {
  counter += 1;
  const address = `patient-${counter}-${randomBytes(3).toString("hex")}@example.test`;
  const messageId = randomBytes(16).toString("base64url");
  let bookingId: string | null = null;
  if (input.withBooking) {
    const { provider, services } = await createProvider(db.db, { services: [{ name: "Visit" }] });
    const startsAt = new Date(Math.floor((Date.now() + 3 * DAY) / 60_000) * 60_000);
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
        guestPhone: `+4477009${String(counter).padStart(5, "0")}`,
        confirmedAt: new Date(),
      })
      .returning();
    bookingId = booking!.id;
  }
  const [row] = await db.db
    .insert(notifications)
    .values({
      dedupeKey: `test:${randomBytes(6).toString("hex")}:EMAIL`,
      purpose: "booking.confirmed",
      bookingId,
      recipient: "PATIENT",
      channel: "EMAIL",
      address,
      status: input.status ?? "SENT",
      vendorMessageId: input.storeMessageId === false ? null : messageId,
    })
    .returning();
  return { id: row!.id, address, messageId, bookingId };
}

/** One event as SendGrid posts it: our custom arg `reference` at the top level, sg_message_id = X-Message-Id + suffix. */
function sgEvent(type: string, email: Email, extra: Record<string, unknown> = {}, options: { reference?: boolean } = {}) {
  return {
    email: email.address,
    timestamp: Math.floor(Date.now() / 1000),
    event: type,
    sg_event_id: randomBytes(16).toString("base64url"),
    sg_message_id: `${email.messageId}.filterdrecv-7bd6f8b8d7-abcde-1-67C2F0A1-3.0`,
    "smtp-id": `<${email.messageId}@example.sendgrid.net>`,
    category: ["booking-confirmed"],
    ...(options.reference === false ? {} : { reference: email.id }),
    ...extra,
  };
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

async function contact(address: string) {
  const [row] = await db.db
    .select()
    .from(contactChannels)
    .where(and(eq(contactChannels.channel, "EMAIL"), eq(contactChannels.address, address)));
  return row ?? null;
}

async function fallbacksOf(id: string) {
  return db.db.select().from(notifications).where(eq(notifications.fallbackOf, id));
}

async function receiptCount(): Promise<number> {
  const [row] = await db.db.select({ n: sql<number>`count(*)::int` }).from(webhookReceipts);
  return row?.n ?? 0;
}

describe("SendGrid Event Webhook: signature and body", () => {
  it("answers 401 and changes nothing when the signature is missing, forged or for another body or timestamp", async () => {
    const email = await createEmail();
    const body = JSON.stringify([sgEvent("delivered", email), sgEvent("bounce", email, { status: "5.1.1" })]);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const otherKey = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
    const receiptsBefore = await receiptCount();

    const refused = [
      sendgridRequest(body, { signature: null }),
      sendgridRequest(body, { signature: "not-base64-at-all" }),
      sendgridRequest(body, { signature: sign(timestamp, body, otherKey), timestamp }),
      sendgridRequest(body, { timestamp, signedTimestamp: String(Number(timestamp) - 60) }),
      sendgridRequest(body.replace("5.1.1", "5.1.2"), { signedBody: body }),
    ];
    for (const request of refused) {
      const response = await POST(request);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain("signature");
    }

    expect(await notification(email.id)).toMatchObject({ status: "SENT", deliveredAt: null, failedAt: null });
    expect(await eventsOf(email.id)).toEqual([]);
    expect(await contact(email.address)).toBeNull();
    expect(await receiptCount()).toBe(receiptsBefore);
  });

  it("answers 400 to a signed body that is not a JSON array", async () => {
    for (const body of ["[{", '{"event":"delivered"}', ""]) {
      const response = await POST(sendgridRequest(body));
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("JSON array");
    }
  });
});

describe("SendGrid Event Webhook: delivery tracking", () => {
  it("processed, delivered and open move the email to SENT, DELIVERED and READ", async () => {
    const email = await createEmail({ status: "SENDING" });

    expect((await post([sgEvent("processed", email)])).status).toBe(204);
    expect(await notification(email.id)).toMatchObject({ status: "SENT", sentAt: expect.any(Date) });
    await post([sgEvent("delivered", email)]);
    expect(await notification(email.id)).toMatchObject({ status: "DELIVERED", deliveredAt: expect.any(Date) });
    await post([sgEvent("open", email, { sg_machine_open: false })]);
    expect(await notification(email.id)).toMatchObject({ status: "READ", readAt: expect.any(Date) });

    expect(await eventsOf(email.id)).toEqual([
      { status: "SENT", detail: "processed" },
      { status: "DELIVERED", detail: "delivered" },
      { status: "READ", detail: "open" },
    ]);
  });

  it("events out of order in one batch end at the furthest status, and each is logged", async () => {
    const email = await createEmail({ status: "SENDING" });

    await post([sgEvent("open", email), sgEvent("delivered", email), sgEvent("processed", email)]);

    expect((await notification(email.id)).status).toBe("READ");
    expect(await eventsOf(email.id)).toEqual([
      { status: "READ", detail: "open" },
      { status: "DELIVERED", detail: "delivered" },
      { status: "SENT", detail: "processed" },
    ]);
  });

  it("a redelivered batch (same sg_event_id) changes nothing", async () => {
    const email = await createEmail();
    const batch = [sgEvent("delivered", email), sgEvent("bounce", email, { status: "5.1.1", type: "bounce" })];

    expect((await post(batch)).status).toBe(204);
    const first = await notification(email.id);
    const firstEvents = await eventsOf(email.id);
    const receipts = await receiptCount();
    expect((await post(batch)).status).toBe(204);

    expect(await notification(email.id)).toEqual(first);
    expect(await eventsOf(email.id)).toEqual(firstEvents);
    expect(await receiptCount()).toBe(receipts);
    expect(state.log.lines()).toContainEqual(expect.objectContaining({ webhook: "sendgrid.events", duplicates: 2, applied: 0 }));
  });

  it("without our reference, finds the email by the X-Message-Id before the first '.' of sg_message_id", async () => {
    const email = await createEmail();

    await post([sgEvent("delivered", email, {}, { reference: false })]);

    expect((await notification(email.id)).status).toBe("DELIVERED");
  });

  it("with our reference, records the X-Message-Id a dead worker never stored", async () => {
    const email = await createEmail({ status: "SENDING", storeMessageId: false });

    await post([sgEvent("processed", email)]);

    expect(await notification(email.id)).toMatchObject({ status: "SENT", vendorMessageId: email.messageId });
  });

  it("deferred is logged only", async () => {
    const email = await createEmail();

    await post([sgEvent("deferred", email, { response: "421 try again later", attempt: "2" })]);

    expect((await notification(email.id)).status).toBe("SENT");
    expect(await eventsOf(email.id)).toEqual([{ status: "SENT", detail: "deferred" }]);
  });

  it("a machine open (mail privacy prefetch) is logged but is not the patient reading", async () => {
    const email = await createEmail({ status: "DELIVERED" });

    await post([sgEvent("open", email, { sg_machine_open: true })]);

    expect((await notification(email.id)).status).toBe("DELIVERED");
    expect(await eventsOf(email.id)).toEqual([{ status: "DELIVERED", detail: "open (machine)" }]);
  });

  it("clicks and event types we do not know are logged only, without URLs or free text", async () => {
    const email = await createEmail({ status: "DELIVERED" });
    const manageUrl = "https://medbookings.example/bookings/secret-manage-token";

    const response = await post([
      sgEvent("click", email, { url: manageUrl }),
      sgEvent("group_resubscribe", email),
      sgEvent("Something New!", email),
    ]);

    expect(response.status).toBe(204);
    expect((await notification(email.id)).status).toBe("DELIVERED");
    expect(await eventsOf(email.id)).toEqual([
      { status: "DELIVERED", detail: "click" },
      { status: "DELIVERED", detail: "group_resubscribe" },
      { status: "DELIVERED", detail: "unknown" },
    ]);
  });

  it("events of emails that are not ours are acknowledged and change nothing", async () => {
    const stranger: Email = { id: crypto.randomUUID(), address: "stranger@example.test", messageId: "unknownMessageId", bookingId: null };
    const receipts = await receiptCount();

    const response = await post([sgEvent("delivered", stranger)]);

    expect(response.status).toBe(204);
    expect(await receiptCount()).toBe(receipts + 1);
    expect(state.log.lines()).toContainEqual(expect.objectContaining({ unknown: 1 }));
  });
});

describe("SendGrid Event Webhook: bounces, drops and opt-outs", () => {
  it("a bounce fails the email, marks the address bad and queues the message on the next channel", async () => {
    const email = await createEmail({ withBooking: true });

    await post([sgEvent("processed", email), sgEvent("delivered", email), sgEvent("bounce", email, { status: "5.1.1", type: "bounce", reason: `550 5.1.1 <${"x"}> does not exist` })]);

    expect(await notification(email.id)).toMatchObject({ status: "FAILED", lastError: "bounce 5.1.1", failedAt: expect.any(Date) });
    expect(await contact(email.address)).toMatchObject({ badAt: expect.any(Date), badReason: "bounce 5.1.1", optedOutAt: null });
    const fallbacks = await fallbacksOf(email.id);
    expect(fallbacks).toHaveLength(1);
    // A guest who did not opt in to WhatsApp: SMS, on the phone they gave.
    expect(fallbacks[0]).toMatchObject({ channel: "SMS", status: "PENDING", bookingId: email.bookingId, purpose: "booking.confirmed" });
    for (const event of await eventsOf(email.id)) expect(event.detail).not.toContain("550");
    expect(state.log.text()).not.toContain(email.address);
  });

  it("a drop followed by a bounce falls back once", async () => {
    const email = await createEmail({ withBooking: true });

    await post([sgEvent("dropped", email, { reason: "Bounced Address", status: "5.0.0" }), sgEvent("bounce", email, { status: "5.1.1" })]);

    expect((await notification(email.id)).status).toBe("FAILED");
    expect((await contact(email.address))?.badAt).toBeInstanceOf(Date);
    expect(await fallbacksOf(email.id)).toHaveLength(1);
    expect(state.log.lines()).toContainEqual(expect.objectContaining({ webhook: "sendgrid.events", applied: 1, ignored: 1, fallbacks: 1 }));
    expect(await eventsOf(email.id)).toEqual(
      expect.arrayContaining([
        { status: "FAILED", detail: "dropped" },
        { status: "FAILED", detail: "bounce 5.1.1" },
      ]),
    );
  });

  it("a blocked bounce (the server refused this message) fails it and falls back, but the address stays usable", async () => {
    const email = await createEmail({ withBooking: true });

    await post([sgEvent("bounce", email, { status: "5.7.1", type: "blocked", reason: "blocked by policy" })]);

    expect(await notification(email.id)).toMatchObject({ status: "FAILED", lastError: "blocked 5.7.1" });
    expect(await contact(email.address)).toBeNull();
    expect(await fallbacksOf(email.id)).toHaveLength(1);
  });

  it("a drop because the address unsubscribed is an opt-out, not a bad address", async () => {
    const email = await createEmail({ withBooking: true });

    await post([sgEvent("dropped", email, { reason: "Unsubscribed Address" })]);

    expect(await contact(email.address)).toMatchObject({ optedOutAt: expect.any(Date), badAt: null });
    expect((await notification(email.id)).status).toBe("FAILED");
  });

  it.each(["spamreport", "unsubscribe"])("%s opts the address out of email without changing the message's status", async (type) => {
    const email = await createEmail({ status: "DELIVERED" });

    await post([sgEvent(type, email)]);

    expect(await contact(email.address)).toMatchObject({ optedOutAt: expect.any(Date), badAt: null });
    expect((await notification(email.id)).status).toBe("DELIVERED");
    expect(await eventsOf(email.id)).toEqual([{ status: "DELIVERED", detail: type }]);
  });

  it("a spam report about an email we no longer know still opts its address out", async () => {
    const stranger: Email = { id: crypto.randomUUID(), address: "Former.Patient@Example.test", messageId: "gone", bookingId: null };

    await post([sgEvent("spamreport", stranger)]);

    expect(await contact("former.patient@example.test")).toMatchObject({ optedOutAt: expect.any(Date) });
  });
});
