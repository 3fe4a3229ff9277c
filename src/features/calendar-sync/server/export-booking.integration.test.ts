import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { drainOutbox, sendNotification } from "@/features/communications/server";
import { AppError } from "@/lib/errors/app-error";
import { createTokenCipher } from "@/server/auth/token-crypto";
import { bookingCalendarEvents, calendarConnections, connectedCalendars, notifications, providerCalendarSettings } from "@/server/db/schema";
import { createGoogleCalendarIntegration, type GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { enqueueDomainEvent } from "@/server/outbox/outbox-repository";
import { startNotificationTestbed, type NotificationTestbed } from "@/test/notification-vendors";
import { MONDAY_0800 } from "@/test/scenarios/booking-world";
import { anonymous, callerFor, nextClientIp } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";
import { CALENDAR_SCOPE, PROVIDER, startGoogleForTests, type GoogleHarness } from "../../../../local-cloud/google/test-helpers";
import { storeConnectionTokens } from "./connection-tokens";
import { exportBooking } from "./export-booking";
import { pollMeetLink } from "./poll-meet-link";
import { requeueBookingExports } from "./requeue-booking-exports";

// Bookings written to the provider's Google calendar (the emulator, through @googleapis/calendar),
// online visits' Meet links polled until Google settles them, and the patient's confirmation that
// waits for the link; the messages the calendar work sends (SendGrid emulator).

const cipher = createTokenCipher({ writeKey: randomBytes(32).toString("base64") });
const APP_URL = "http://app.medbookings.test";
/** Long enough that no Meet conference settles by itself during a test: the tests move the emulator's clock. */
const MEET_DELAY_MS = 10 * 60_000;

let testbed: NotificationTestbed;
let h: GoogleHarness;
let google: GoogleCalendarIntegration;
let connectionId: string;
let calendarId: string;

beforeAll(async () => {
  testbed = await startNotificationTestbed();
  h = await startGoogleForTests({ calendar: { meetDelayMs: MEET_DELAY_MS } });
  google = createGoogleCalendarIntegration(h.config);
  const { db } = testbed.db;
  const { provider } = testbed.world;
  const [connection] = await db.insert(calendarConnections).values({ providerId: provider.id, googleSubject: "sub-ada", googleEmail: PROVIDER }).returning();
  connectionId = connection!.id;
  await storeConnectionTokens(db, cipher, connectionId, {
    accessToken: h.accessToken,
    expiresAt: new Date(MONDAY_0800.getTime() + 3_600_000),
    refreshToken: h.refreshToken,
    scopes: [CALENDAR_SCOPE],
  });
  const [calendar] = await db
    .insert(connectedCalendars)
    .values({ connectionId, googleCalendarId: PROVIDER, name: PROVIDER, timeZone: "Europe/Berlin", blocksAvailability: false, receivesBookings: true })
    .returning();
  calendarId = calendar!.id;
});
afterAll(async () => {
  await h?.close();
  await testbed?.close();
});
beforeEach(() => testbed.resetVendors());

const db = () => testbed.db.db;
let guests = 0;

async function book(startsAt: Date, mode: "IN_PERSON" | "ONLINE") {
  guests += 1;
  const contact = { name: `Gail Guest${guests}`, email: `gail${guests}@example.test`, phone: `+4477009${String(10_000 + guests).slice(-5)}` };
  const caller = callerFor(db(), anonymous, () => MONDAY_0800, { ip: nextClientIp() });
  const { world } = testbed;
  const hold = await caller.bookings.hold({
    providerId: world.provider.id,
    serviceId: world.services.short.id,
    startsAt,
    mode,
    locationId: mode === "IN_PERSON" ? world.location.id : null,
  });
  await verifyGuestContact(caller, db(), hold, contact);
  const booking = await caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact, consent: true, patientTimeZone: "Europe/London", whatsappOptIn: false });
  return { booking, caller, contact };
}

const exportNow = (bookingId: string, now = MONDAY_0800) => exportBooking({ db: db(), cipher, google, appUrl: APP_URL, bookingId, now });
const poll = (bookingId: string, attempt: number, now = MONDAY_0800) => pollMeetLink({ db: db(), cipher, google, bookingId, attempt, now });
const eventIdOf = (bookingId: string) => bookingId.replace(/-/g, "");

function googleEvent(bookingId: string) {
  const calendar = h.emulator.snapshot().calendars.find((c) => c.id === PROVIDER)!;
  return calendar.events.find((event) => event.id === eventIdOf(bookingId)) as Record<string, unknown> & {
    summary: string;
    description?: string;
    location?: string;
    status: string;
    etag: string;
    start: { dateTime: string };
    end: { dateTime: string };
    attendees?: Array<{ email: string }>;
    hangoutLink?: string;
    extendedProperties?: { private?: Record<string, string> };
  };
}

async function eventRow(bookingId: string) {
  const [row] = await db().select().from(bookingCalendarEvents).where(eq(bookingCalendarEvents.bookingId, bookingId));
  return row ?? null;
}

async function notificationsOf(bookingId: string) {
  return db().select().from(notifications).where(eq(notifications.bookingId, bookingId)).orderBy(notifications.createdAt);
}

async function patientConfirmationEmail(bookingId: string) {
  const rows = await notificationsOf(bookingId);
  return rows.find((row) => row.purpose === "booking.confirmed" && row.channel === "EMAIL")!;
}

async function queuedJob(key: string) {
  const result = await db().execute<{ task_identifier: string; max_attempts: number; run_at: string }>(
    sql`SELECT task_identifier, max_attempts, run_at FROM graphile_worker.jobs WHERE key = ${key}`,
  );
  return result.rows[0] ?? null;
}

const send = (notificationId: string, now: Date) => sendNotification({ db: db(), deps: testbed.notificationDeps, notificationId, now });
const mailTo = (email: string) => testbed.vendors.sendgrid.snapshot().messages.filter((message) => message.recipients.some((r) => r.email === email));

async function setConnectionStatus(status: "ACTIVE" | "NEEDS_RECONNECT") {
  await db().update(calendarConnections).set({ status }).where(eq(calendarConnections.id, connectionId));
}

describe("export of a confirmed booking", () => {
  it("writes it to the receiving calendar with our id and marker and no clinical or patient detail; the drain queues it; a second export is a no-op", async () => {
    const { booking, contact } = await book(new Date("2027-03-02T09:00:00Z"), "IN_PERSON");
    await drainOutbox({ db: db(), now: MONDAY_0800 });
    const job = await queuedJob(`calendar-export:${booking.id}`);
    expect(job).toMatchObject({ task_identifier: "calendar.export", max_attempts: 25 });

    expect(await exportNow(booking.id)).toEqual({ outcome: "INSERTED", meetStatus: "NONE" });
    const event = googleEvent(booking.id);
    expect(event.id).toMatch(/^[0-9a-v]{32}$/);
    expect(event.extendedProperties?.private?.bookingId).toBe(booking.id);
    expect(event.summary).toBe(`MedBookings appointment (${testbed.world.location.name})`);
    expect(event.location).toContain(testbed.world.location.formattedAddress);
    expect(event.description).toContain(`${APP_URL}/provider/bookings`);
    expect(event.attendees ?? []).toEqual([]);
    const everything = JSON.stringify(event);
    for (const secret of [testbed.world.services.short.name, contact.name, contact.email, contact.phone]) expect(everything).not.toContain(secret);
    expect(new Date(event.start.dateTime)).toEqual(booking.startsAt);
    expect(new Date(event.end.dateTime)).toEqual(booking.endsAt);

    const row = await eventRow(booking.id);
    expect(row).toMatchObject({ calendarId, googleCalendarId: PROVIDER, googleEventId: eventIdOf(booking.id), state: "ACTIVE", meetStatus: "NONE", etag: event.etag });
    expect(row!.startsAt).toEqual(booking.startsAt);

    const changes = h.emulator.snapshot().calendars.find((c) => c.id === PROVIDER)!.changeSeq;
    expect(await exportNow(booking.id)).toEqual({ outcome: "UNCHANGED" });
    expect(h.emulator.snapshot().calendars.find((c) => c.id === PROVIDER)!.changeSeq).toBe(changes);
  });

  it("invites the patient only when the provider opted in", async () => {
    await db().insert(providerCalendarSettings).values({ providerId: testbed.world.provider.id, invitePatient: true });
    try {
      const { booking, contact } = await book(new Date("2027-03-02T09:30:00Z"), "IN_PERSON");
      await exportNow(booking.id);
      expect(googleEvent(booking.id).attendees?.map((a) => a.email)).toEqual([contact.email]);
    } finally {
      await db().delete(providerCalendarSettings).where(eq(providerCalendarSettings.providerId, testbed.world.provider.id));
    }
  });

  it("adopts an event an earlier attempt wrote (409) and moves it to the booking's times", async () => {
    const { booking } = await book(new Date("2027-03-02T10:00:00Z"), "IN_PERSON");
    h.emulator.createEvent(PROVIDER, {
      id: eventIdOf(booking.id),
      summary: "MedBookings appointment",
      start: { dateTime: "2027-03-02T11:30:00Z" },
      end: { dateTime: "2027-03-02T12:00:00Z" },
      extendedProperties: { private: { bookingId: booking.id } },
    });
    expect(await exportNow(booking.id)).toEqual({ outcome: "INSERTED", meetStatus: "NONE" });
    const event = googleEvent(booking.id);
    expect(new Date(event.start.dateTime)).toEqual(booking.startsAt);
    expect((await eventRow(booking.id))?.etag).toBe(event.etag);
  });

  it("brings back an event the provider deleted in Google once its row is forgotten (the \"restore\" choice)", async () => {
    const { booking } = await book(new Date("2027-03-03T09:00:00Z"), "IN_PERSON");
    expect(await exportNow(booking.id)).toMatchObject({ outcome: "INSERTED" });
    h.emulator.deleteEvent(PROVIDER, eventIdOf(booking.id));
    expect(googleEvent(booking.id).status).toBe("cancelled");
    await db().delete(bookingCalendarEvents).where(eq(bookingCalendarEvents.bookingId, booking.id));

    expect(await exportNow(booking.id)).toMatchObject({ outcome: "INSERTED" });
    const event = googleEvent(booking.id);
    expect(event.status).toBe("confirmed");
    expect(new Date(event.start.dateTime)).toEqual(booking.startsAt);
    expect(await eventRow(booking.id)).toMatchObject({ state: "ACTIVE", etag: event.etag });
  });

  it("waits in the queue through a Google outage (5xx throws for the job's retry) and succeeds later", async () => {
    const { booking } = await book(new Date("2027-03-02T10:30:00Z"), "IN_PERSON");
    h.emulator.failNext("events.insert", { status: 503, count: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await exportNow(booking.id).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).isRetryable).toBe(true);
    }
    expect(await eventRow(booking.id)).toBeNull();
    expect(await exportNow(booking.id)).toMatchObject({ outcome: "INSERTED" });
  });

  it("refreshes an access token Google answers 401 to, once, and carries on", async () => {
    const { booking } = await book(new Date("2027-03-02T11:00:00Z"), "IN_PERSON");
    h.emulator.expireAccessTokens();
    expect(await exportNow(booking.id)).toMatchObject({ outcome: "INSERTED" });
  });

  it("records a refusal for good (403 on a calendar it may not write) and stops", async () => {
    const { booking } = await book(new Date("2027-03-02T11:30:00Z"), "IN_PERSON");
    h.emulator.failNext("events.insert", { status: 403, reason: "forbidden" });
    expect(await exportNow(booking.id)).toMatchObject({ outcome: "REFUSED", error: expect.stringContaining("403") });
    expect(await eventRow(booking.id)).toMatchObject({ state: "CANCELLED", meetStatus: "NONE" });
    expect(googleEvent(booking.id)).toBeUndefined();
  });

  it("exports nothing for a connection that needs reconnecting, and catches up after requeueBookingExports", async () => {
    await setConnectionStatus("NEEDS_RECONNECT");
    try {
      const { booking } = await book(new Date("2027-03-02T12:00:00Z"), "IN_PERSON");
      await drainOutbox({ db: db(), now: MONDAY_0800 });
      expect(await queuedJob(`calendar-export:${booking.id}`)).toBeNull();
      expect(await exportNow(booking.id)).toEqual({ outcome: "SKIPPED", reason: "needs-reconnect" });
      expect(await eventRow(booking.id)).toBeNull();
      expect(googleEvent(booking.id)).toBeUndefined();

      await setConnectionStatus("ACTIVE");
      expect(await requeueBookingExports({ db: db(), providerId: testbed.world.provider.id, now: MONDAY_0800 })).toBeGreaterThanOrEqual(1);
      expect(await queuedJob(`calendar-export:${booking.id}`)).toMatchObject({ task_identifier: "calendar.export" });
      expect(await exportNow(booking.id)).toMatchObject({ outcome: "INSERTED" });
    } finally {
      await setConnectionStatus("ACTIVE");
    }
  });
});

describe("reschedules, cancellations and Meet links", () => {
  it("an online visit gets a Meet link (pending, polled, ready); a reschedule moves the event and keeps the link; a cancellation removes it", async () => {
    const { booking, caller } = await book(new Date("2027-03-03T14:00:00Z"), "ONLINE");
    await drainOutbox({ db: db(), now: MONDAY_0800 });
    expect(await exportNow(booking.id)).toEqual({ outcome: "INSERTED", meetStatus: "PENDING" });
    expect(await queuedJob(`calendar-meet-poll:${booking.id}`)).toMatchObject({ task_identifier: "calendar.meet-poll" });
    expect(googleEvent(booking.id).summary).toBe("MedBookings appointment (online)");

    expect(await poll(booking.id, 1)).toEqual({ outcome: "PENDING", nextAttempt: 2 });
    h.emulator.advanceTime(MEET_DELAY_MS);
    expect(await poll(booking.id, 2)).toEqual({ outcome: "READY" });
    const link = googleEvent(booking.id).hangoutLink;
    expect(link).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(await eventRow(booking.id)).toMatchObject({ meetStatus: "READY", meetUrl: link });
    expect(await poll(booking.id, 3)).toEqual({ outcome: "NOT_PENDING" });

    const movedTo = new Date("2027-03-03T15:00:00Z");
    await caller.bookings.rescheduleManaged({ token: booking.manageToken, startsAt: movedTo, mode: "ONLINE", locationId: null });
    await drainOutbox({ db: db(), now: MONDAY_0800 });
    expect(await exportNow(booking.id)).toEqual({ outcome: "UPDATED" });
    const moved = googleEvent(booking.id);
    expect(new Date(moved.start.dateTime)).toEqual(movedTo);
    expect(moved.hangoutLink).toBe(link);
    expect(await eventRow(booking.id)).toMatchObject({ startsAt: movedTo, meetUrl: link, etag: moved.etag });

    await caller.bookings.cancelManaged({ token: booking.manageToken, reason: "" });
    await drainOutbox({ db: db(), now: MONDAY_0800 });
    expect(await queuedJob(`calendar-export:${booking.id}`)).toMatchObject({ task_identifier: "calendar.export" });
    expect(await exportNow(booking.id)).toEqual({ outcome: "CANCELLED" });
    expect(googleEvent(booking.id).status).toBe("cancelled");
    expect(await eventRow(booking.id)).toMatchObject({ state: "CANCELLED" });
    expect(await exportNow(booking.id)).toEqual({ outcome: "UNCHANGED" });
  });

  it("a reschedule that changes the visit's mode rewrites the event: online gets a Meet link and no address, in person drops the link", async () => {
    const { booking, caller } = await book(new Date("2027-03-04T09:00:00Z"), "IN_PERSON");
    expect(await exportNow(booking.id)).toEqual({ outcome: "INSERTED", meetStatus: "NONE" });
    expect(googleEvent(booking.id).location).toContain(testbed.world.location.name);

    await caller.bookings.rescheduleManaged({ token: booking.manageToken, startsAt: new Date("2027-03-04T16:30:00Z"), mode: "ONLINE", locationId: null });
    expect(await exportNow(booking.id)).toEqual({ outcome: "UPDATED" });
    expect(googleEvent(booking.id)).toMatchObject({ summary: "MedBookings appointment (online)", location: "" });
    expect(await eventRow(booking.id)).toMatchObject({ mode: "ONLINE", locationId: null, meetStatus: "PENDING" });
    expect(await queuedJob(`calendar-meet-poll:${booking.id}`)).toMatchObject({ task_identifier: "calendar.meet-poll" });
    h.emulator.advanceTime(MEET_DELAY_MS);
    expect(await poll(booking.id, 1)).toEqual({ outcome: "READY" });
    expect(googleEvent(booking.id).hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);

    await caller.bookings.rescheduleManaged({ token: booking.manageToken, startsAt: new Date("2027-03-04T09:30:00Z"), mode: "IN_PERSON", locationId: testbed.world.location.id });
    expect(await exportNow(booking.id)).toEqual({ outcome: "UPDATED" });
    const inPerson = googleEvent(booking.id);
    expect(inPerson.hangoutLink).toBeUndefined();
    expect(inPerson.summary).toBe(`MedBookings appointment (${testbed.world.location.name})`);
    expect(inPerson.location).toContain(testbed.world.location.name);
    expect(await eventRow(booking.id)).toMatchObject({ mode: "IN_PERSON", locationId: testbed.world.location.id, meetStatus: "NONE", meetUrl: null });
    // Nothing changed since: no Google call.
    expect(await exportNow(booking.id)).toEqual({ outcome: "UNCHANGED" });
  });

  it("the patient's confirmation waits for the Meet link and carries it, in the email and its invitation", async () => {
    const { booking, contact } = await book(new Date("2027-03-03T16:00:00Z"), "ONLINE");
    await drainOutbox({ db: db(), now: MONDAY_0800 });
    const confirmation = await patientConfirmationEmail(booking.id);
    const at = new Date(MONDAY_0800.getTime() + 1_000);
    expect(await send(confirmation.id, at)).toBe("deferred");

    await exportNow(booking.id);
    expect(await send(confirmation.id, at)).toBe("deferred");
    h.emulator.advanceTime(MEET_DELAY_MS);
    expect(await poll(booking.id, 1)).toEqual({ outcome: "READY" });
    const link = (await eventRow(booking.id))!.meetUrl!;

    // booking.meet_ready wakes the waiting confirmation at once.
    const woken = new Date(at.getTime() + 2_000);
    await drainOutbox({ db: db(), now: woken });
    const due = await db().execute<{ due: boolean }>(sql`SELECT run_at <= now() AS due FROM graphile_worker.jobs WHERE key = ${`notification:${confirmation.id}`}`);
    expect(due.rows).toEqual([{ due: true }]);
    expect(await send(confirmation.id, woken)).toBe("sent");
    const [mail] = mailTo(contact.email).filter((message) => message.attachments.length > 0);
    expect(mail!.personalizations[0]!.html).toContain(link);
    expect(mail!.personalizations[0]!.text).toContain(`Join the video call on Google Meet ${link}`);
    const ics = testbed.vendors.sendgrid.attachment(mail!.messageId, 0)!.body.toString("utf8").replace(/\r\n[ \t]/g, "");
    expect(ics).toContain(`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Google Meet:${link}`);
    expect(mailTo(testbed.world.providerUser.email!).some((message) => message.personalizations[0]!.subject.startsWith("Send a video link"))).toBe(false);
  });

  it("a Meet failure sends the confirmation without a link and tells the provider to send one", async () => {
    const { booking, contact } = await book(new Date("2027-03-04T14:00:00Z"), "ONLINE");
    await drainOutbox({ db: db(), now: MONDAY_0800 });
    const confirmation = await patientConfirmationEmail(booking.id);
    const at = new Date(MONDAY_0800.getTime() + 1_000);
    h.emulator.failNextConferences(1);
    expect(await exportNow(booking.id)).toEqual({ outcome: "INSERTED", meetStatus: "PENDING" });
    expect(await send(confirmation.id, at)).toBe("deferred");
    h.emulator.advanceTime(MEET_DELAY_MS);
    expect(await poll(booking.id, 1)).toEqual({ outcome: "FAILED" });
    expect(await eventRow(booking.id)).toMatchObject({ meetStatus: "FAILED", meetUrl: null });

    await drainOutbox({ db: db(), now: at });
    const notice = (await notificationsOf(booking.id)).find((row) => row.purpose === "provider.meet_failed");
    expect(notice).toMatchObject({ recipient: "PROVIDER", channel: "EMAIL", address: testbed.world.providerUser.email!.toLowerCase() });
    expect(await send(confirmation.id, at)).toBe("sent");
    expect(await send(notice!.id, at)).toBe("sent");

    const [mail] = mailTo(contact.email).filter((message) => message.attachments.length > 0);
    expect(mail!.personalizations[0]!.text).not.toMatch(/meet\.google\.com/);
    expect(mail!.personalizations[0]!.text).toContain("will send you the link to the video call");
    const [providerMail] = mailTo(testbed.world.providerUser.email!.toLowerCase()).filter((message) => message.personalizations[0]!.subject.startsWith("Send a video link"));
    expect(providerMail!.personalizations[0]!.text).toContain(contact.email);
  });

  it("sends the confirmation without a link once the 3 minutes it may wait are over, and gives up polling after the last attempt", async () => {
    const { booking, contact } = await book(new Date("2027-03-04T15:00:00Z"), "ONLINE");
    await drainOutbox({ db: db(), now: MONDAY_0800 });
    await exportNow(booking.id);
    const confirmation = await patientConfirmationEmail(booking.id);
    expect(confirmation.params.meetWaitUntil).toBe(new Date(MONDAY_0800.getTime() + 3 * 60_000).toISOString());
    expect(await send(confirmation.id, new Date(MONDAY_0800.getTime() + 2 * 60_000))).toBe("deferred");
    expect(await send(confirmation.id, new Date(MONDAY_0800.getTime() + 3 * 60_000 + 1))).toBe("sent");
    const [mail] = mailTo(contact.email).filter((message) => message.attachments.length > 0);
    expect(mail!.personalizations[0]!.text).not.toMatch(/meet\.google\.com/);
    expect(await poll(booking.id, 8)).toEqual({ outcome: "FAILED" });
  });

  it("sends an online confirmation at once, without promising a Meet link, when no calendar receives bookings", async () => {
    await db().update(connectedCalendars).set({ receivesBookings: false }).where(eq(connectedCalendars.id, calendarId));
    try {
      const { booking, contact } = await book(new Date("2027-03-04T16:00:00Z"), "ONLINE");
      await drainOutbox({ db: db(), now: MONDAY_0800 });
      expect(await queuedJob(`calendar-export:${booking.id}`)).toBeNull();
      const confirmation = await patientConfirmationEmail(booking.id);
      expect(confirmation.params.meetWaitUntil).toBeUndefined();
      expect(await send(confirmation.id, new Date(MONDAY_0800.getTime() + 1_000))).toBe("sent");
      const [mail] = mailTo(contact.email).filter((message) => message.attachments.length > 0);
      expect(mail!.personalizations[0]!.text).toContain("will send you the link to the video call");
      expect(mail!.personalizations[0]!.text).not.toMatch(/Meet/);
    } finally {
      await db().update(connectedCalendars).set({ receivesBookings: true }).where(eq(connectedCalendars.id, calendarId));
    }
  });
});

describe("a calendar connection that needs reconnecting", () => {
  it("emails the provider what happened and where to reconnect", async () => {
    await setConnectionStatus("NEEDS_RECONNECT");
    try {
      await db().transaction((tx) =>
        enqueueDomainEvent(tx, { type: "calendar.connection_needs_reconnect", aggregateType: "calendar_connection", aggregateId: connectionId, payload: { providerId: testbed.world.provider.id } }),
      );
      await drainOutbox({ db: db(), now: MONDAY_0800 });
      const [notice] = await db()
        .select()
        .from(notifications)
        .where(and(eq(notifications.purpose, "provider.calendar_reconnect"), eq(notifications.recipientUserId, testbed.world.providerUser.id)));
      expect(notice).toMatchObject({ channel: "EMAIL", recipient: "PROVIDER", bookingId: null, address: testbed.world.providerUser.email!.toLowerCase() });
      expect(await send(notice!.id, MONDAY_0800)).toBe("sent");
      const [mail] = mailTo(notice!.address);
      expect(mail!.personalizations[0]!.subject).toBe("Reconnect Google Calendar to MedBookings");
      expect(mail!.personalizations[0]!.text).toContain(`access to the Google account ${PROVIDER}`);
      expect(mail!.personalizations[0]!.html).toContain(`${APP_URL}/provider/calendar-sync`);
    } finally {
      await setConnectionStatus("ACTIVE");
    }
  });

  it("skips the email when the provider reconnected before it went out", async () => {
    await setConnectionStatus("NEEDS_RECONNECT");
    await db().transaction((tx) =>
      enqueueDomainEvent(tx, { type: "calendar.connection_needs_reconnect", aggregateType: "calendar_connection", aggregateId: connectionId, payload: { providerId: testbed.world.provider.id } }),
    );
    await drainOutbox({ db: db(), now: MONDAY_0800 });
    await setConnectionStatus("ACTIVE");
    const rows = await db().select().from(notifications).where(and(eq(notifications.purpose, "provider.calendar_reconnect"), eq(notifications.status, "PENDING")));
    expect(rows).toHaveLength(1);
    expect(await send(rows[0]!.id, MONDAY_0800)).toBe("skipped");
    expect(mailTo(rows[0]!.address)).toHaveLength(0);
  });
});
