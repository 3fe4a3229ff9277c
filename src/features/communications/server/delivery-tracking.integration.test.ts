import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, notificationEvents, notifications } from "@/server/db/schema";
import type { SendGridEvent } from "@/server/integrations/sendgrid/verify-webhook";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createProvider } from "@/test/factories";
import { MONDAY_0800 } from "@/test/scenarios/booking-world";
import { handleInboundMessage } from "./handle-inbound-message";
import { handleSendGridEvents } from "./handle-sendgrid-event";
import { handleTwilioEvent } from "./handle-twilio-event";

/** The use cases under the webhook routes, with an injected clock and under concurrency. */
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const NOW = MONDAY_0800;

async function createNotification(channel: "EMAIL" | "SMS" | "WHATSAPP", vendorMessageId: string | null = null) {
  const [row] = await db.db
    .insert(notifications)
    .values({
      dedupeKey: `test:${randomBytes(6).toString("hex")}:${channel}`,
      purpose: "booking.reminder",
      recipient: "PATIENT",
      channel,
      address: channel === "EMAIL" ? `p-${randomBytes(3).toString("hex")}@example.test` : "+447700900001",
      status: "SENDING",
      vendorMessageId,
    })
    .returning();
  return row!;
}

async function eventsOf(id: string) {
  return db.db
    .select({ status: notificationEvents.status, detail: notificationEvents.detail })
    .from(notificationEvents)
    .where(eq(notificationEvents.notificationId, id))
    .orderBy(asc(notificationEvents.id));
}

function sid() {
  return "SM" + randomBytes(16).toString("hex");
}

describe("Twilio status callbacks under concurrency", () => {
  it("ten deliveries of the same callback at once apply once", async () => {
    const row = await createNotification("SMS");
    const event = { messageSid: sid(), status: "delivered" as const, channel: "sms" as const, errorCode: null };

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => handleTwilioEvent({ db: db.db, now: NOW, event, reference: row.id })));

    expect(outcomes.filter((outcome) => outcome.outcome === "applied")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.outcome === "duplicate")).toHaveLength(9);
    expect(await eventsOf(row.id)).toEqual([{ status: "DELIVERED", detail: "delivered" }]);
  });

  it("sent, delivered and read at once end READ, stamped with the injected clock", async () => {
    const row = await createNotification("WHATSAPP");
    const messageSid = sid();

    await Promise.all(
      (["sent", "delivered", "read"] as const).map((status) =>
        handleTwilioEvent({ db: db.db, now: NOW, event: { messageSid, status, channel: "whatsapp", errorCode: null }, reference: row.id }),
      ),
    );

    const [after] = await db.db.select().from(notifications).where(eq(notifications.id, row.id));
    expect(after).toMatchObject({ status: "READ", vendorMessageId: messageSid, sentAt: NOW, deliveredAt: NOW, readAt: NOW });
    expect(await eventsOf(row.id)).toHaveLength(3);
  });

  it("a ref that is not a notification id falls back to the MessageSid", async () => {
    const messageSid = sid();
    const row = await createNotification("SMS", messageSid);

    const outcome = await handleTwilioEvent({
      db: db.db,
      now: NOW,
      event: { messageSid, status: "delivered", channel: "sms", errorCode: null },
      reference: "'; DROP TABLE notifications; --",
    });

    expect(outcome).toEqual({ outcome: "applied", fallbackScheduled: false });
    const [after] = await db.db.select().from(notifications).where(eq(notifications.id, row.id));
    expect(after!.status).toBe("DELIVERED");
  });

  it("a Twilio callback never moves an email, even when its ref names one", async () => {
    const row = await createNotification("EMAIL");

    const outcome = await handleTwilioEvent({
      db: db.db,
      now: NOW,
      event: { messageSid: sid(), status: "delivered", channel: "sms", errorCode: null },
      reference: row.id,
    });

    expect(outcome).toEqual({ outcome: "unknown-message" });
    expect(await eventsOf(row.id)).toEqual([]);
  });
});

describe("SendGrid batches under concurrency", () => {
  function event(type: string, row: { id: string }, messageId: string): SendGridEvent {
    return {
      event: type,
      email: "p@example.test",
      timestamp: Math.floor(NOW.getTime() / 1000),
      sg_event_id: randomBytes(12).toString("base64url"),
      sg_message_id: `${messageId}.filter-0.0`,
      reference: row.id,
    } as SendGridEvent;
  }

  it("overlapping batches listing the same emails in opposite orders neither deadlock nor double-apply", async () => {
    const rows = await Promise.all(Array.from({ length: 6 }, () => createNotification("EMAIL")));
    const ids = rows.map(() => randomBytes(8).toString("hex"));
    const delivered = rows.map((row, index) => event("delivered", row, ids[index]!));
    const opened = rows.map((row, index) => event("open", row, ids[index]!));
    const forward = [...delivered, ...opened];
    const backward = [...forward].reverse();

    const outcomes = await Promise.all([
      handleSendGridEvents({ db: db.db, now: NOW, events: forward }),
      handleSendGridEvents({ db: db.db, now: NOW, events: backward }),
      handleSendGridEvents({ db: db.db, now: NOW, events: forward }),
    ]);

    expect(outcomes.reduce((sum, outcome) => sum + outcome.duplicates, 0)).toBe(2 * forward.length);
    for (const row of rows) {
      const [after] = await db.db.select().from(notifications).where(eq(notifications.id, row.id));
      expect(after).toMatchObject({ status: "READ", deliveredAt: NOW, readAt: NOW });
      expect(await eventsOf(row.id)).toHaveLength(2);
    }
  });
});

describe("inbound replies against the injected clock", () => {
  it("'1' picks the next confirmed booking after `now`, not after the wall clock", async () => {
    const phone = "+447700900777";
    const { provider, services } = await createProvider(db.db, { services: [{ name: "Visit" }] });
    const insert = async (startsAt: Date) => {
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
          status: "CONFIRMED",
          guestName: "Gail Guest",
          guestEmail: "gail@example.test",
          guestPhone: phone,
        })
        .returning();
      return row!;
    };
    // One hour before and one hour after the injected "now" (Monday 1 March 2027, 08:00 UTC).
    const before = await insert(new Date(NOW.getTime() - 60 * 60_000));
    const after = await insert(new Date(NOW.getTime() + 60 * 60_000));
    const messageSid = sid();

    const outcome = await handleInboundMessage({
      db: db.db,
      now: NOW,
      message: { messageSid, channel: "sms", from: phone, to: "+15550001000", body: "1", buttonPayload: null, optOut: null },
    });

    expect(outcome).toMatchObject({ outcome: "answered", purpose: "reply.attendance_confirmed", notificationId: expect.any(String) });
    const [confirmed] = await db.db.select().from(bookings).where(eq(bookings.id, after.id));
    const [earlier] = await db.db.select().from(bookings).where(eq(bookings.id, before.id));
    expect(confirmed!.attendanceConfirmedAt).toEqual(NOW);
    expect(earlier!.attendanceConfirmedAt).toBeNull();
  });
});
