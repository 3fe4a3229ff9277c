import { and, eq, sql } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { contactChannels, notificationEvents, notifications, outboxEvents, providerNotificationSettings } from "@/server/db/schema";
import type { TestDatabase } from "@/test/db";
import { startNotificationTestbed, type NotificationTestbed, type NotificationVendors } from "@/test/notification-vendors";
import { MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp } from "@/test/trpc";
import { createUser } from "@/test/factories";
import { verifyGuestContact } from "@/test/verify-guest";
import { createReminder } from "./create-reminder";
import { drainOutbox } from "./drain-outbox";
import { createNotification, recordOptIn } from "./notification-repository";
import { MAX_SEND_ATTEMPTS, retryDelayMs, sendNotification } from "./send-notification";
import { recoverInterruptedSends } from "./recover-interrupted-sends";
import { sweepReminders } from "./sweep-reminders";

let db: TestDatabase;
let world: BookingWorld;
let vendors: NotificationVendors;
let notificationDeps: NotificationTestbed["notificationDeps"];

const guest = { name: "Gail Guest", email: "gail@example.test", phone: "+447700900321" };
/** Same guest on another phone, one that opted in to WhatsApp. */
const whatsappGuest = { ...guest, phone: "+447700900654" };

let testbed: NotificationTestbed;

beforeAll(async () => {
  testbed = await startNotificationTestbed();
  ({ db, world, vendors, notificationDeps } = testbed);
});
afterAll(() => testbed?.close());
beforeEach(() => testbed.resetVendors());

async function bookAsGuest(startsAt: Date, contact = guest, now = MONDAY_0800, whatsappOptIn = false) {
  const caller = callerFor(db.db, anonymous, () => now, { ip: nextClientIp() });
  const hold = await caller.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt, mode: "IN_PERSON", locationId: world.location.id });
  await verifyGuestContact(caller, db.db, hold, contact);
  const booking = await caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact, consent: true, patientTimeZone: "Europe/London", whatsappOptIn });
  return { booking, caller };
}

const send = (notificationId: string, now: Date) => sendNotification({ db: db.db, deps: notificationDeps, notificationId, now });

async function notificationsOf(bookingId: string) {
  return db.db.select().from(notifications).where(eq(notifications.bookingId, bookingId)).orderBy(notifications.createdAt);
}

async function sendAllPending(bookingId: string, now: Date) {
  for (const row of await notificationsOf(bookingId)) if (row.status === "PENDING") await send(row.id, now);
}

describe("from a booking to messages", () => {
  it("drains each outbox event exactly once, in order, into one notification per recipient and channel", async () => {
    await recordOptIn(db.db, "WHATSAPP", whatsappGuest.phone, MONDAY_0800);
    const { booking } = await bookAsGuest(TUESDAY_0900, whatsappGuest);
    const first = await drainOutbox({ db: db.db, now: MONDAY_0800 });
    expect(first.events).toBeGreaterThanOrEqual(2);
    const again = await drainOutbox({ db: db.db, now: MONDAY_0800 });
    expect(again).toEqual({ events: 0, notifications: 0 });

    const rows = await notificationsOf(booking.id);
    const summary = rows.map((row) => `${row.purpose} ${row.recipient} ${row.channel}`).sort();
    expect(summary).toEqual([
      "booking.confirmed PATIENT EMAIL",
      "booking.confirmed PATIENT WHATSAPP",
      "provider.booking_confirmed PROVIDER EMAIL",
      "verification.code PATIENT EMAIL",
    ]);
    const [unpublished] = await db.db.select({ n: sql<number>`count(*)::int` }).from(outboxEvents).where(sql`${outboxEvents.publishedAt} IS NULL`);
    expect(unpublished?.n).toBe(0);
  });

  it("a WhatsApp opt-in on the booking form never undoes a STOP from that number", async () => {
    const stoppedAt = new Date("2027-02-01T00:00:00Z");
    await db.db.insert(contactChannels).values({ channel: "WHATSAPP", address: "+447700900656", optedInAt: new Date("2027-01-01T00:00:00Z"), optedOutAt: stoppedAt });
    const { booking } = await bookAsGuest(new Date("2027-03-02T12:00:00Z"), { ...guest, phone: "+447700900656" }, MONDAY_0800, true);
    const [row] = await db.db.select().from(contactChannels).where(and(eq(contactChannels.channel, "WHATSAPP"), eq(contactChannels.address, "+447700900656")));
    expect(row?.optedOutAt).toEqual(stoppedAt);
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    expect((await notificationsOf(booking.id)).some((n) => n.channel === "WHATSAPP")).toBe(false);
  });

  it("two drains at once still fan each event out once", async () => {
    const { booking } = await bookAsGuest(new Date("2027-03-02T10:00:00Z"));
    await Promise.all([drainOutbox({ db: db.db, now: MONDAY_0800, batchSize: 1 }), drainOutbox({ db: db.db, now: MONDAY_0800, batchSize: 1 })]);
    const rows = await notificationsOf(booking.id);
    expect(new Set(rows.map((row) => row.dedupeKey)).size).toBe(rows.length);
    expect(rows.filter((row) => row.purpose === "booking.confirmed" && row.channel === "EMAIL")).toHaveLength(1);
  });

  it("sends the confirmation email with an .ics REQUEST and WhatsApp as an approved template, with no patient data in vendor metadata", async () => {
    // Opted in on the booking form.
    const { booking } = await bookAsGuest(new Date("2027-03-02T11:00:00Z"), { ...whatsappGuest, phone: "+447700900655" }, MONDAY_0800, true);
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    await sendAllPending(booking.id, MONDAY_0800);

    const rows = (await notificationsOf(booking.id)).filter((row) => row.purpose !== "verification.code");
    expect(rows.map((row) => `${row.channel} ${row.status}`).sort()).toEqual(["EMAIL SENT", "EMAIL SENT", "WHATSAPP SENT"]);

    const mail = vendors.sendgrid.snapshot().messages.find((message) => message.recipients.some((r) => r.email === guest.email) && message.attachments.length > 0);
    expect(mail).toBeDefined();
    expect(mail!.categories).toEqual(["booking-confirmed"]);
    expect(Object.keys(mail!.customArgs)).toEqual(["reference"]);
    expect(rows.map((row) => row.id)).toContain(mail!.customArgs.reference);
    expect(JSON.stringify([mail!.categories, mail!.customArgs])).not.toMatch(/gail|447700900321|Gail/i);
    const ics = vendors.sendgrid.attachment(mail!.messageId, 0)!;
    expect(ics.filename).toMatch(/\.ics$/);
    const calendar = new ICAL.Component(ICAL.parse(ics.body.toString("utf8")));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const event = calendar.getFirstSubcomponent("vevent")!;
    expect(event.getFirstPropertyValue("sequence")).toBe(0);

    const whatsapp = vendors.twilio.snapshot().messages.find((message) => message.to === "whatsapp:+447700900655");
    expect(whatsapp?.contentSid).toMatch(/^HX[0-9a-f]{32}$/);
    expect(JSON.stringify(whatsapp?.contentVariables)).not.toMatch(/Gail|gail@/);
    expect(whatsapp?.body).toContain("is confirmed");
    // The practice's contact card rides along as media, a valid vCard anyone with the link can fetch.
    expect(whatsapp?.mediaUrls).toHaveLength(1);
    const card = await fetch(whatsapp!.mediaUrls[0]!);
    expect(card.status).toBe(200);
    const vcard = new ICAL.Component(ICAL.parse(await card.text()));
    expect(vcard.getFirstPropertyValue("fn")).toBe(world.provider.displayName);
  });

  it("cancelling sends the cancellation with METHOD:CANCEL and a higher SEQUENCE, and withdraws pending reminders", async () => {
    const { booking, caller } = await bookAsGuest(new Date("2027-03-03T09:00:00Z"));
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const reminderNow = new Date("2027-03-02T09:00:00Z");
    expect(await db.db.transaction((tx) => createReminder({ db: tx, bookingId: booking.id, offsetMinutes: 1440, startsAt: booking.startsAt, now: reminderNow }))).toBe(1);
    await caller.bookings.cancelManaged({ token: booking.manageToken, reason: "" });
    await drainOutbox({ db: db.db, now: reminderNow });
    await sendAllPending(booking.id, reminderNow);

    const rows = await notificationsOf(booking.id);
    expect(rows.find((row) => row.purpose === "booking.reminder")?.status).toBe("SKIPPED");
    const cancellation = rows.find((row) => row.purpose === "booking.cancelled" && row.channel === "EMAIL");
    expect(cancellation?.status).toBe("SENT");
    const mail = vendors.sendgrid.snapshot().messages.find((message) => message.customArgs.reference === cancellation!.id)!;
    const calendar = new ICAL.Component(ICAL.parse(vendors.sendgrid.attachment(mail.messageId, 0)!.body.toString("utf8")));
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(calendar.getFirstSubcomponent("vevent")!.getFirstPropertyValue("sequence")).toBe(1);
  });
});

describe("reminders", () => {
  it("creates a reminder once when it falls due, never before, and not for offsets that passed before booking", async () => {
    const startsAt = new Date("2027-03-04T09:00:00Z");
    const { booking } = await bookAsGuest(startsAt);
    const remind = (offsetMinutes: number, now: Date) => db.db.transaction((tx) => createReminder({ db: tx, bookingId: booking.id, offsetMinutes, startsAt, now }));
    expect(await remind(1440, new Date("2027-03-03T08:59:00Z"))).toBe(0);
    expect(await remind(1440, new Date("2027-03-03T09:00:00Z"))).toBe(1);
    expect(await remind(1440, new Date("2027-03-03T09:05:00Z"))).toBe(0);
    // The 2-hour reminder is made by the sweep once due.
    expect(await sweepReminders({ db: db.db, now: new Date("2027-03-04T06:59:00Z") })).toBe(0);
    expect(await sweepReminders({ db: db.db, now: new Date("2027-03-04T07:00:30Z") })).toBe(1);
    expect(await sweepReminders({ db: db.db, now: new Date("2027-03-04T07:01:30Z") })).toBe(0);

    const late = await bookAsGuest(new Date("2027-03-01T11:00:00Z"));
    // Booked at 08:00 for 11:00: the 24-hour reminder's time had passed; the 2-hour one comes at 09:00.
    expect(await sweepReminders({ db: db.db, now: new Date("2027-03-01T09:00:00Z") })).toBeGreaterThanOrEqual(1);
    const reminders = (await notificationsOf(late.booking.id)).filter((row) => row.purpose === "booking.reminder");
    expect(reminders.map((row) => row.params.reminderOffsetMinutes)).toEqual([120]);
  });
});

describe("failures", () => {
  it("backs off with jitter within a growing ceiling and honours the vendor's retry time", () => {
    const now = new Date("2027-03-01T08:00:00Z");
    expect(retryDelayMs(1, 0.5, null, now)).toBe(2_500);
    expect(retryDelayMs(3, 0.5, null, now)).toBe(10_000);
    expect(retryDelayMs(3, 0, null, now)).toBe(1_000);
    expect(retryDelayMs(20, 0.99, null, now)).toBeLessThanOrEqual(30 * 60_000);
    expect(retryDelayMs(1, 0.1, new Date(now.getTime() + 60_000), now)).toBe(60_000);
  });

  it("retries retryable vendor failures, dead-letters after the last attempt, and an admin can retry", async () => {
    const { booking } = await bookAsGuest(new Date("2027-03-05T09:00:00Z"));
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const [row] = (await notificationsOf(booking.id)).filter((n) => n.purpose === "booking.confirmed");
    vendors.sendgrid.setChaos({ fraction: 1, status: 503, durationMs: 60_000 });
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
      expect(await send(row!.id, MONDAY_0800)).toBe("retrying");
    }
    const [dead] = await db.db.select().from(notifications).where(eq(notifications.id, row!.id));
    expect(dead).toMatchObject({ status: "DEAD", attempts: MAX_SEND_ATTEMPTS });
    const jobs = await db.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${`notification:${row!.id}`}`);
    expect(jobs.rows[0]?.n).toBe(1);

    // The provider sees it in the booking's log; an admin sees it in the dead letters and retries it.
    const log = await callerFor(db.db, asUser(world.providerUser), () => MONDAY_0800).notifications.forBooking({ bookingId: booking.id });
    expect(log.find((entry) => entry.id === row!.id)).toMatchObject({ status: "DEAD", attempts: MAX_SEND_ATTEMPTS, channel: "EMAIL", recipient: "PATIENT" });
    expect(JSON.stringify(log)).not.toContain(guest.email);
    const admin = callerFor(db.db, asUser({ ...(await createUser(db.db, { role: "ADMIN" })), role: "ADMIN" }), () => MONDAY_0800);
    const deadLetters = await admin.notifications.deadLetters({ limit: 10 });
    expect(deadLetters.items.map((item) => item.id)).toContain(row!.id);
    vendors.sendgrid.clearChaos();
    await admin.notifications.retryDeadLetter({ notificationId: row!.id });
    await expect(admin.notifications.retryDeadLetter({ notificationId: row!.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(await send(row!.id, MONDAY_0800)).toBe("sent");
    expect(vendors.sendgrid.acceptedByReference().get(row!.id)).toBe(1);
  });

  it("marks a number that cannot receive as bad and falls back to the next channel, once", async () => {
    const { booking } = await bookAsGuest(new Date("2027-03-05T10:00:00Z"));
    const id = await db.db.transaction((tx) =>
      createNotification(tx, {
        dedupeKey: "test:fallback:SMS",
        purpose: "booking.confirmed",
        bookingId: booking.id,
        recipient: "PATIENT",
        recipientUserId: null,
        channel: "SMS",
        address: "+15005550001",
        params: { messageKey: "test:fallback" },
      }),
    );
    expect(await send(id!, MONDAY_0800)).toBe("failed");
    const [failed] = await db.db.select().from(notifications).where(eq(notifications.id, id!));
    expect(failed?.status).toBe("FAILED");
    const [bad] = await db.db.select().from(contactChannels).where(and(eq(contactChannels.channel, "SMS"), eq(contactChannels.address, "+15005550001")));
    expect(bad?.badAt).not.toBeNull();
    const fallbacks = await db.db.select().from(notifications).where(eq(notifications.fallbackOf, id!));
    expect(fallbacks.map((row) => [row.channel, row.address, row.dedupeKey])).toEqual([["EMAIL", guest.email, "test:fallback:EMAIL"]]);
  });
});

describe("quiet hours", () => {
  it("hold a non-urgent provider notice until they end, in the provider's zone, and send urgent ones at once", async () => {
    await db.db
      .insert(providerNotificationSettings)
      .values({ providerId: world.provider.id, quietStartMinute: 22 * 60, quietEndMinute: 7 * 60 })
      .onConflictDoUpdate({ target: providerNotificationSettings.providerId, set: { quietStartMinute: 22 * 60, quietEndMinute: 7 * 60 } });
    const night = new Date("2027-03-01T23:30:00Z"); // 23:30 in London (GMT)
    const { booking } = await bookAsGuest(new Date("2027-03-10T09:00:00Z"), guest, night);
    await drainOutbox({ db: db.db, now: night });
    const [notice] = (await notificationsOf(booking.id)).filter((row) => row.recipient === "PROVIDER");
    expect(await send(notice!.id, night)).toBe("deferred");
    const jobs = await db.db.execute<{ run_at: Date }>(sql`SELECT run_at FROM graphile_worker.jobs WHERE key = ${`notification:${notice!.id}`}`);
    expect(new Date(jobs.rows[0]!.run_at).toISOString()).toBe("2027-03-02T07:00:00.000Z");

    // Starting in 11 hours: the notice is urgent and goes at once, quiet hours or not.
    const soon = await bookAsGuest(new Date("2027-03-02T10:30:00Z"), guest, night);
    await drainOutbox({ db: db.db, now: night });
    const [urgent] = (await notificationsOf(soon.booking.id)).filter((row) => row.recipient === "PROVIDER");
    expect(urgent?.deferrable).toBe(false);
    expect(await send(urgent!.id, night)).toBe("sent");
    await db.db.update(providerNotificationSettings).set({ quietStartMinute: null, quietEndMinute: null }).where(eq(providerNotificationSettings.providerId, world.provider.id));
  });
});

describe("a worker that died mid-send", () => {
  it("asks the vendor before sending again: a message that went out is recorded, one that did not is sent once", async () => {
    const { booking } = await bookAsGuest(new Date("2027-03-08T09:00:00Z"));
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const [email] = (await notificationsOf(booking.id)).filter((n) => n.purpose === "booking.confirmed" && n.channel === "EMAIL");
    const [provider] = (await notificationsOf(booking.id)).filter((n) => n.recipient === "PROVIDER");
    const startedAt = new Date(MONDAY_0800.getTime() - 5 * 60_000);
    // The first reached SendGrid before its worker died; the second did not.
    await vendors.deps.email.sendEmail({ to: guest.email, subject: "s", html: "<p>h</p>", text: "t", tracking: { reference: email!.id } });
    await db.db.update(notifications).set({ status: "SENDING", sendingStartedAt: startedAt, attempts: 1 }).where(sql`${notifications.id} IN (${email!.id}, ${provider!.id})`);

    expect(await send(email!.id, MONDAY_0800)).toBe("recovered");
    expect(await send(provider!.id, MONDAY_0800)).toBe("retrying");
    expect(await send(provider!.id, MONDAY_0800)).toBe("sent");
    expect(vendors.sendgrid.acceptedByReference().get(email!.id)).toBe(1);
    expect(vendors.sendgrid.acceptedByReference().get(provider!.id)).toBe(1);
    const log = await db.db.select().from(notificationEvents).where(eq(notificationEvents.notificationId, email!.id));
    expect(log.map((event) => event.detail)).toContain("found at the vendor after an interrupted attempt");
  });

  it("queues again a PENDING notification whose send job is gone", async () => {
    const { booking } = await bookAsGuest(new Date("2027-03-08T11:00:00Z"));
    const id = await db.db.transaction((tx) =>
      createNotification(tx, { dedupeKey: "test:orphan:SMS", purpose: "booking.confirmed", bookingId: booking.id, recipient: "PATIENT", recipientUserId: null, channel: "SMS", address: "+447700900998", params: { messageKey: "test:orphan" } }),
    );
    await db.db.execute(sql`SELECT graphile_worker.remove_job(${`notification:${id}`})`);
    await db.db.update(notifications).set({ updatedAt: new Date("2027-03-01T07:00:00Z") }).where(eq(notifications.id, id!));
    expect(await recoverInterruptedSends({ db: db.db, now: MONDAY_0800 })).toBeGreaterThanOrEqual(1);
    const jobs = await db.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${`notification:${id}`}`);
    expect(jobs.rows[0]?.n).toBe(1);
  });

  it("finds a WhatsApp/SMS message that went out by recipient and time", async () => {
    const { booking } = await bookAsGuest(new Date("2027-03-08T10:00:00Z"));
    const id = await db.db.transaction((tx) =>
      createNotification(tx, { dedupeKey: "test:doubt:SMS", purpose: "booking.confirmed", bookingId: booking.id, recipient: "PATIENT", recipientUserId: null, channel: "SMS", address: "+447700900999", params: { messageKey: "test:doubt" } }),
    );
    const startedAt = new Date(Date.now() - 5 * 60_000);
    await vendors.deps.messaging.sendSms({ to: "+447700900999", body: "hello", reference: id! });
    await db.db.update(notifications).set({ status: "SENDING", sendingStartedAt: startedAt, attempts: 1 }).where(eq(notifications.id, id!));
    expect(await send(id!, new Date())).toBe("recovered");
    expect(vendors.twilio.acceptedByReference().get(id!)).toBe(1);
  });
});
