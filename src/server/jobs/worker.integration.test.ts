import { eq, sql } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotification } from "@/features/communications/server";
import { notifications } from "@/server/db/schema";
import { createLogger } from "@/server/logger/logger";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { startNotificationVendors, type NotificationVendors } from "@/test/notification-vendors";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp } from "@/test/trpc";
import { createProductJobHandlers } from "./product-jobs";
import { startJobWorker, type JobWorker } from "./worker";

let db: TestDatabase;
let world: BookingWorld;
let vendors: NotificationVendors;
let worker: JobWorker;
/** The clock the worker's tasks read; the queue itself runs on real time. */
let clock = MONDAY_0800;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
  vendors = await startNotificationVendors();
  worker = await startJobWorker({
    connectionString: db.url,
    db: db.db,
    handlers: createProductJobHandlers(vendors.deps).handlers,
    logger: createLogger({ level: "silent" }),
    now: () => clock,
    concurrency: 4,
    pollIntervalMs: 100,
    heartbeatMs: 200,
    staleAfterMs: 1_000,
  });
});
afterAll(async () => {
  await worker?.stop();
  await vendors?.close();
  await db?.drop();
});

/** Polls what an outside observer can see (the emulator, the database) until it holds. */
async function eventually<T>(read: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const mailTo = (email: string, subject: RegExp) =>
  vendors.sendgrid.snapshot().messages.find((message) => message.recipients.some((r) => r.email === email) && subject.test(message.personalizations[0]?.subject ?? ""));

describe("the job worker", () => {
  it("takes a guest from code to confirmation to reminder to cancellation, each message within seconds", async () => {
    const guest = { name: "Wendy Worker", email: "wendy@example.test", phone: "+447700900777" };
    const caller = callerFor(db.db, anonymous, () => clock, { ip: nextClientIp() });
    const hold = await caller.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt: TUESDAY_0900, mode: "IN_PERSON", locationId: world.location.id });
    await caller.bookings.requestContactCode({ holdId: hold.holdId, holdToken: hold.holdToken, channel: "EMAIL", contact: guest });

    // The guest reads the code in the email, as they would in the Inbox.
    const codeMail = await eventually(() => mailTo(guest.email, /code/i));
    const code = /\b(\d{6})\b/.exec(codeMail.personalizations[0]!.text ?? "")?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await caller.bookings.verifyContactCode({ holdId: hold.holdId, holdToken: hold.holdToken, code: code! });
    const booking = await caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact: guest, consent: true, patientTimeZone: "Europe/London" });

    const confirmation = await eventually(() => mailTo(guest.email, /^Confirmed/));
    expect(confirmation.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/\.ics$/)]);
    await eventually(() => vendors.sendgrid.snapshot().messages.find((m) => m.recipients.some((r) => r.email === world.providerUser.email.toLowerCase())));

    // 24 hours before: the reminder job was scheduled at confirmation; move the clock and the queue there.
    clock = new Date(TUESDAY_0900.getTime() - 24 * 3_600_000 + 1_000);
    const moved = await db.db.execute(sql`
      SELECT graphile_worker.reschedule_jobs(array_agg(id), run_at => now())
      FROM graphile_worker.jobs WHERE key = ${`reminder:${booking.id}:1440`}`);
    expect(moved.rows).toHaveLength(1);
    const reminder = await eventually(() => mailTo(guest.email, /^Reminder/), 5_000);
    expect(reminder.personalizations[0]!.text).toContain("/bookings/");

    await callerFor(db.db, asUser(world.providerUser), () => clock).bookings.cancelAsProvider({ bookingId: booking.id, reason: "The clinic is closed that day" });
    const cancelled = await eventually(() => mailTo(guest.email, /^Cancelled/));
    expect(cancelled.personalizations[0]!.text).toContain("The clinic is closed that day");
    const calendar = new ICAL.Component(ICAL.parse(vendors.sendgrid.attachment(cancelled.messageId, 0)!.body.toString("utf8")));
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
  });

  it("frees a job locked by a worker that died, and sends it", async () => {
    const id = await db.db.transaction((tx) =>
      createNotification(tx, {
        dedupeKey: "worker-test:orphan:EMAIL",
        purpose: "reply.help",
        bookingId: null,
        recipient: "PATIENT",
        recipientUserId: null,
        channel: "SMS",
        address: "+447700900888",
        params: { messageKey: "worker-test:orphan" },
        runAt: new Date(Date.now() + 60_000),
      }),
    );
    // As if a worker took the job and was killed: locked, by a worker that never beats.
    await db.db.execute(sql`
      UPDATE graphile_worker._private_jobs SET locked_at = now() - interval '5 seconds', locked_by = 'killed-worker', run_at = now()
      WHERE key = ${`notification:${id}`}`);
    const sent = await eventually(async () => {
      const [row] = await db.db.select().from(notifications).where(eq(notifications.id, id!));
      return row?.status === "SENT" ? row : undefined;
    });
    expect(sent.vendorMessageId).toMatch(/^SM/);
    expect(vendors.twilio.acceptedByReference().get(id!)).toBe(1);
  });
});
