import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notificationEvents, notifications } from "@/server/db/schema";
import { addJobs } from "@/server/jobs/job-repository";
import type { TestDatabase } from "@/test/db";
import { startNotificationTestbed, type NotificationTestbed, type NotificationVendors } from "@/test/notification-vendors";
import { MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, callerFor, nextClientIp } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";
import { drainOutbox } from "./drain-outbox";
import { reminderJobKey } from "./fan-out-event";
import { claimForSending, createNotifications, readNotificationForSend, recordAccepted, updateNotification } from "./notification-repository";
import { sendNotification } from "./send-notification";

// The pipeline's batched and single-statement paths (the bench:notify figures rest on them):
// each must keep the guarantees of the careful path it short-cuts.

let db: TestDatabase;
let world: BookingWorld;
let vendors: NotificationVendors;
let notificationDeps: NotificationTestbed["notificationDeps"];
let slot = 0;

let testbed: NotificationTestbed;

beforeAll(async () => {
  testbed = await startNotificationTestbed();
  ({ db, world, vendors, notificationDeps } = testbed);
});
afterAll(() => testbed?.close());
beforeEach(() => testbed.resetVendors());

/** A confirmed guest booking on its own half hour of Tuesday morning. */
async function book(email: string) {
  const startsAt = new Date(TUESDAY_0900.getTime() + slot++ * 30 * 60_000);
  const contact = { name: "Batch Guest", email, phone: "+447700900777" };
  const caller = callerFor(db.db, anonymous, () => MONDAY_0800, { ip: nextClientIp() });
  const hold = await caller.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt, mode: "IN_PERSON", locationId: world.location.id });
  await verifyGuestContact(caller, db.db, hold, contact);
  const booking = await caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact, consent: true, patientTimeZone: "Europe/London" });
  return { booking, caller };
}

async function queuedJobs(task: string, key?: string): Promise<number> {
  const result = await db.db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM graphile_worker.jobs
    WHERE task_identifier = ${task} AND locked_at IS NULL AND (${key ?? null}::text IS NULL OR key = ${key ?? null}::text)`);
  return result.rows[0]!.n;
}

async function confirmationEmailOf(bookingId: string) {
  const rows = await db.db.select().from(notifications).where(eq(notifications.bookingId, bookingId));
  const email = rows.find((candidate) => candidate.purpose === "booking.confirmed" && candidate.channel === "EMAIL");
  expect(email).toBeDefined();
  return email!;
}

describe("the drain", () => {
  it("fans a burst of events out in one run and completes the drain jobs that run made redundant", async () => {
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const booked = await Promise.all(["burst1@example.test", "burst2@example.test", "burst3@example.test"].map(book));
    // Each committed event queued its own drain job.
    expect(await queuedJobs("outbox.drain")).toBeGreaterThanOrEqual(3);
    const drained = await drainOutbox({ db: db.db, now: MONDAY_0800 });
    expect(drained.events).toBeGreaterThanOrEqual(3);
    expect(await queuedJobs("outbox.drain")).toBe(0);
    for (const { booking } of booked) {
      const rows = await db.db.select().from(notifications).where(eq(notifications.bookingId, booking.id));
      expect(rows.filter((row) => row.purpose === "booking.confirmed").map((row) => row.channel)).toEqual(["EMAIL"]);
      // Each new notification has its send job and its "created" event.
      for (const row of rows.filter((candidate) => candidate.status === "PENDING")) {
        expect(await queuedJobs("notification.send", `notification:${row.id}`)).toBe(1);
        const events = await db.db.select().from(notificationEvents).where(eq(notificationEvents.notificationId, row.id));
        expect(events.map((event) => event.detail)).toEqual(["created"]);
      }
    }
  });

  it("a booking confirmed and cancelled within one batch keeps no reminder jobs", async () => {
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const { booking, caller } = await book("cancel-in-batch@example.test");
    await caller.bookings.cancelManaged({ token: booking.manageToken, reason: "" });
    const drained = await drainOutbox({ db: db.db, now: MONDAY_0800 });
    expect(drained.events).toBeGreaterThanOrEqual(2);
    expect(await queuedJobs("booking.remind", reminderJobKey(booking.id, 1440))).toBe(0);
    expect(await queuedJobs("booking.remind", reminderJobKey(booking.id, 120))).toBe(0);
  });

  it("a confirmed booking gets its reminder jobs", async () => {
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const { booking } = await book("reminded@example.test");
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    expect(await queuedJobs("booking.remind", reminderJobKey(booking.id, 1440))).toBe(1);
    expect(await queuedJobs("booking.remind", reminderJobKey(booking.id, 120))).toBe(1);
  });
});

describe("batched writes", () => {
  it("creates a logical message once even when a batch names it twice, and returns ids in input order", async () => {
    const input = (suffix: string) => ({
      dedupeKey: `batch-test:${suffix}:EMAIL`,
      purpose: "booking.confirmed" as const,
      bookingId: null,
      recipient: "PATIENT" as const,
      recipientUserId: null,
      channel: "EMAIL" as const,
      address: `${suffix}@example.test`,
    });
    const ids = await db.db.transaction((tx) => createNotifications(tx, [input("a"), input("b"), input("a")]));
    expect(ids[0]).toEqual(expect.any(String));
    expect(ids[1]).toEqual(expect.any(String));
    expect(ids[2]).toBeNull();
    expect(await db.db.transaction((tx) => createNotifications(tx, [input("b")]))).toEqual([null]);
    expect(await queuedJobs("notification.send", `notification:${ids[0]}`)).toBe(1);
  });

  it("adds a job key given twice once, with the last spec", async () => {
    const key = "batch-test:reminder";
    const runAt = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    await addJobs(db.db, [
      { name: "booking.remind", payload: { bookingId: "00000000-0000-4000-8000-000000000001", offsetMinutes: 1440, startsAt: "2027-01-01T00:00:00.000Z" }, options: { jobKey: key, runAt: runAt(60) } },
      { name: "booking.remind", payload: { bookingId: "00000000-0000-4000-8000-000000000001", offsetMinutes: 120, startsAt: "2027-01-01T00:00:00.000Z" }, options: { jobKey: key, runAt: runAt(90) } },
    ]);
    const result = await db.db.execute<{ payload: { offsetMinutes: number } }>(sql`SELECT payload FROM graphile_worker._private_jobs WHERE key = ${key}`);
    expect(result.rows.map((row) => row.payload.offsetMinutes)).toEqual([120]);
  });
});

describe("the send's fast path", () => {
  it("claims a row only at the version it read; a changed row is left to the locked path, which sends it once", async () => {
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const { booking } = await book("claim-race@example.test");
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const email = await confirmationEmailOf(booking.id);
    const read = await readNotificationForSend(db.db, email.id);
    expect(read?.booking?.booking.id).toBe(booking.id);
    // Someone changes the row between the read and the claim.
    await updateNotification(db.db, email.id, { lastError: "touched" }, { status: "PENDING", detail: "touched by a concurrent job" });
    expect(await claimForSending(db.db, email.id, read!.version, MONDAY_0800)).toBeNull();
    const [unclaimed] = await db.db.select().from(notifications).where(eq(notifications.id, email.id));
    expect(unclaimed).toMatchObject({ status: "PENDING", attempts: 0 });

    expect(await sendNotification({ db: db.db, deps: notificationDeps, notificationId: email.id, now: MONDAY_0800 })).toBe("sent");
    expect(await sendNotification({ db: db.db, deps: notificationDeps, notificationId: email.id, now: MONDAY_0800 })).toBe("noop");
    expect(vendors.sendgrid.snapshot().messages.filter((message) => message.customArgs.reference === email.id)).toHaveLength(1);
    const events = await db.db.select().from(notificationEvents).where(eq(notificationEvents.notificationId, email.id)).orderBy(notificationEvents.id);
    expect(events.map((event) => `${event.status} ${event.detail}`)).toEqual([
      "PENDING created",
      "PENDING touched by a concurrent job",
      "SENDING attempt 1",
      "SENT accepted by the vendor",
    ]);
  });

  it("records acceptance without moving a status back, and only once", async () => {
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const { booking } = await book("accepted@example.test");
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const email = await confirmationEmailOf(booking.id);
    // A status callback outran our own record: the row is DELIVERED without the vendor's id.
    await db.db.update(notifications).set({ status: "DELIVERED", deliveredAt: MONDAY_0800 }).where(eq(notifications.id, email.id));
    await recordAccepted(db.db, email.id, "msg-accepted-1", MONDAY_0800);
    await recordAccepted(db.db, email.id, "msg-accepted-1", MONDAY_0800);
    const [row] = await db.db.select().from(notifications).where(eq(notifications.id, email.id));
    expect(row).toMatchObject({ status: "DELIVERED", vendorMessageId: "msg-accepted-1", sentAt: MONDAY_0800 });
    const events = await db.db.select().from(notificationEvents).where(eq(notificationEvents.notificationId, email.id));
    expect(events.filter((event) => event.detail === "accepted by the vendor").map((event) => event.status)).toEqual(["DELIVERED"]);
  });
});
