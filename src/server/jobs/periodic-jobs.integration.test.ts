import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeLapsedHolds } from "@/features/bookings/server";
import { purgeWebhookReceipts } from "@/features/communications/server";
import { bookings, webhookReceipts } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, callerFor, nextClientIp } from "@/test/trpc";
import { PERIODIC_JOBS } from "./worker";

let db: TestDatabase;
let world: BookingWorld;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
});
afterAll(() => db?.drop());

describe("periodic jobs", () => {
  it("are all registered with a schedule graphile-worker accepts", () => {
    expect(PERIODIC_JOBS.map((job) => job.task).sort()).toEqual([
      "calendar.reconcile",
      "contact-cards.purge",
      "holds.purge",
      "notifications.recover",
      "outbox.drain",
      "reminders.sweep",
      "webhook-receipts.purge",
    ]);
  });

  it("holds.purge expires lapsed holds under each provider's lock and leaves live ones", async () => {
    const caller = callerFor(db.db, anonymous, () => MONDAY_0800, { ip: nextClientIp() });
    const lapsed = await caller.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt: TUESDAY_0900, mode: "IN_PERSON", locationId: world.location.id });
    const live = await callerFor(db.db, anonymous, () => new Date(MONDAY_0800.getTime() + 5 * 60_000), { ip: nextClientIp() }).bookings.hold({
      providerId: world.provider.id,
      serviceId: world.services.short.id,
      startsAt: new Date("2027-03-02T10:00:00Z"),
      mode: "IN_PERSON",
      locationId: world.location.id,
    });
    expect(await purgeLapsedHolds({ db: db.db, now: new Date(MONDAY_0800.getTime() + 12 * 60_000) })).toBe(1);
    const statusOf = async (id: string) => (await db.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, id)))[0]?.status;
    expect(await statusOf(lapsed.holdId)).toBe("EXPIRED");
    expect(await statusOf(live.holdId)).toBe("HELD");
  });

  it("webhook-receipts.purge forgets receipts older than 30 days only", async () => {
    const now = new Date("2027-03-01T00:00:00Z");
    await db.db.insert(webhookReceipts).values([
      { vendor: "sendgrid", eventId: "old", receivedAt: new Date("2027-01-01T00:00:00Z") },
      { vendor: "sendgrid", eventId: "recent", receivedAt: new Date("2027-02-20T00:00:00Z") },
    ]);
    expect(await purgeWebhookReceipts({ db: db.db, now })).toBe(1);
    const left = await db.db.execute<{ event_id: string }>(sql`SELECT event_id FROM webhook_receipts`);
    expect(left.rows.map((row) => row.event_id)).toEqual(["recent"]);
  });
});
