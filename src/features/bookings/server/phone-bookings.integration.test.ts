import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { drainOutbox, sendNotification } from "@/features/communications/server";
import { createCaller } from "@/server/api/root";
import { auditLog, bookings, contactVerifications, notifications, outboxEvents, providerOrganizations } from "@/server/db/schema";
import { createPostgresRateLimiter, type RateLimiter } from "@/server/rate-limit";
import { createContext } from "@/server/trpc";
import {
  createLocation,
  createMembership,
  createOrganization,
  createProvider,
  createUser,
  createWeeklyRules,
  linkProviderToOrganization,
  standardWeek,
} from "@/test/factories";
import { startNotificationTestbed, type NotificationTestbed } from "@/test/notification-vendors";
import { silentLogger } from "@/test/request-context";
import { MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp, sessionFor, type TestActor } from "@/test/trpc";
import { currentContactCode, verifyGuestContact } from "@/test/verify-guest";
import { failure, outcome } from "@/test/call-outcome";

/**
 * Staff book for a patient on the phone through the online booking's rules: who may, which
 * providers and places, the patient's contact proven by a code they read back or vouched for by
 * the staff member, the same events and messages, and limits counted per staff member.
 */
let testbed: NotificationTestbed;
let db: NotificationTestbed["db"];
let world: BookingWorld;
let organizationId: string;
const now = () => MONDAY_0800;
const ROLES = ["OWNER", "ADMIN", "MANAGER", "STAFF"] as const;
type Role = (typeof ROLES)[number];
const actors: Record<string, TestActor> = {};
const patient = { name: "Paula Phone", email: "paula.phone@example.test", phone: "+447700900777" };

beforeAll(async () => {
  testbed = await startNotificationTestbed();
  ({ db, world } = testbed);
  organizationId = world.organization.id;
  for (const role of ROLES) actors[role] = (await member(role)).actor;
  actors.STRANGER = asUser({ id: (await createUser(db.db)).id });
  actors.PLATFORM_ADMIN = asUser({ id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" });
  actors.ANONYMOUS = anonymous;
});
afterAll(() => testbed?.close());
beforeEach(() => testbed.resetVendors());

async function member(role: Role, orgId = organizationId): Promise<{ id: string; actor: TestActor }> {
  const user = await createUser(db.db);
  await createMembership(db.db, { organizationId: orgId, userId: user.id, role });
  return { id: user.id, actor: asUser({ id: user.id }) };
}

/** Every staff call from one office address: the phone limits must not count by it. */
const OFFICE_IP = "198.51.100.20";
const as = (actor: TestActor) => callerFor(db.db, actor, now, { ip: OFFICE_IP });
const staff = async () => as((await member("STAFF")).actor);

let slotIndex = 0;
/** A fresh in-person time at the practice (weekdays 09:00–12:00 London, March 2027) for each hold. */
function nextSlot() {
  const weekdays = ["2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05", "2027-03-08", "2027-03-09", "2027-03-10", "2027-03-11", "2027-03-12", "2027-03-15", "2027-03-16"];
  const day = weekdays[Math.floor(slotIndex / 6)]!;
  const hour = 9 + Math.floor((slotIndex % 6) / 2);
  const minute = (slotIndex % 6) % 2 === 0 ? "00" : "30";
  slotIndex += 1;
  return { providerId: world.provider.id, serviceId: world.services.short.id, startsAt: new Date(`${day}T${String(hour).padStart(2, "0")}:${minute}:00Z`), mode: "IN_PERSON" as const, locationId: world.location.id };
}

const confirmTaken = (hold: { holdId: string; holdToken: string }, contact = patient) => ({
  organizationId,
  holdId: hold.holdId,
  holdToken: hold.holdToken,
  contact,
  consent: true as const,
  patientTimeZone: "Europe/London",
  contactTakenByStaff: true,
});

async function bookingRow(id: string) {
  const [row] = await db.db.select().from(bookings).where(eq(bookings.id, id));
  return row!;
}

describe("the role matrix: every bookings.phone procedure as every role, a stranger, a platform admin and nobody", () => {
  const WHO = ["OWNER", "ADMIN", "MANAGER", "STAFF", "STRANGER", "PLATFORM_ADMIN", "ANONYMOUS"] as const;
  // A platform admin who is not a member is a stranger to the organization's bookings.
  const MEMBERS_ONLY = { STRANGER: "NOT_FOUND", PLATFORM_ADMIN: "NOT_FOUND", ANONYMOUS: "UNAUTHORIZED" } as const;
  const EVERY_MEMBER = { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "ok", ...MEMBERS_ONLY } as const;
  const expected: Record<string, Record<(typeof WHO)[number], string>> = {
    options: EVERY_MEMBER,
    hold: EVERY_MEMBER,
    requestCode: EVERY_MEMBER,
    confirm: EVERY_MEMBER,
  };

  it("covers every procedure of bookings.phone", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("bookings.phone."))
      .map((path) => path.slice("bookings.phone.".length));
    expect(procedures.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const who of WHO) {
    it(`as ${who}`, async () => {
      const actor = actors[who]!;
      // requestCode and confirm act on a hold of their own, placed by a fresh staff member.
      const hold = await (await staff()).bookings.phone.hold({ organizationId, ...nextSlot() });
      const results: Record<string, string> = {};
      results.options = await outcome(as(actor).bookings.phone.options({ organizationId }));
      results.hold = await outcome(as(actor).bookings.phone.hold({ organizationId, ...nextSlot() }));
      results.requestCode = await outcome(as(actor).bookings.phone.requestCode({ organizationId, ...hold, channel: "EMAIL", contact: patient }));
      results.confirm = await outcome(as(actor).bookings.phone.confirm(confirmTaken(hold)));
      expect(results).toEqual(Object.fromEntries(Object.entries(expected).map(([procedure, row]) => [procedure, row[who]])));
    });
  }
});

describe("what staff may book", () => {
  it("lists the organization's approved providers with an ACTIVE link, their active services, and its own locations only", async () => {
    const elsewhere = await createOrganization(db.db);
    await createLocation(db.db, { organizationId: elsewhere.id, name: "Elsewhere clinic" });
    const pending = await createProvider(db.db, { provider: { status: "PENDING" }, services: [{ name: "Pending service" }] });
    await linkProviderToOrganization(db.db, pending.provider.id, organizationId);
    const ended = await createProvider(db.db, { services: [{ name: "Ended service" }] });
    await db.db.insert(providerOrganizations).values({ providerId: ended.provider.id, organizationId, status: "ENDED", endedAt: MONDAY_0800 });

    const options = await (await staff()).bookings.phone.options({ organizationId });
    expect(options.organization).toMatchObject({ id: organizationId, status: "APPROVED" });
    expect(options.providers.map((p) => p.id)).toEqual([world.provider.id]);
    expect(options.providers[0]!.services.map((s) => s.name)).toEqual(["Hour", "Long", "Short"]);
    expect(options.locations).toEqual([expect.objectContaining({ id: world.location.id, timeZone: "Europe/London" })]);
  });

  it("refuses a provider of another organization, a provider whose link ENDED, and another organization's location, as NOT_FOUND", async () => {
    const caller = await staff();
    const other = await createOrganization(db.db);
    const otherLocation = await createLocation(db.db, { organizationId: other.id });
    const theirs = await createProvider(db.db, { services: [{ name: "Theirs", isOnline: true }] });
    await linkProviderToOrganization(db.db, theirs.provider.id, other.id);
    await createWeeklyRules(db.db, theirs.provider.id, standardWeek(otherLocation.id));
    const slot = nextSlot();

    const foreign = await failure(caller.bookings.phone.hold({ organizationId, ...slot, providerId: theirs.provider.id, serviceId: theirs.services[0]!.id, locationId: otherLocation.id }));
    expect(foreign).toMatchObject({ appCode: "NOT_FOUND", message: "This provider is not in your organization's network. Choose one of the providers listed." });
    // Online with that provider: still not this organization's provider.
    expect(await outcome(caller.bookings.phone.hold({ organizationId, providerId: theirs.provider.id, serviceId: theirs.services[0]!.id, startsAt: new Date("2027-03-02T14:00:00Z"), mode: "ONLINE", locationId: null }))).toBe("NOT_FOUND");

    // Our provider, at the other organization's location.
    await linkProviderToOrganization(db.db, world.provider.id, other.id);
    const atTheirs = await failure(caller.bookings.phone.hold({ organizationId, ...slot, locationId: otherLocation.id }));
    expect(atTheirs).toMatchObject({ appCode: "NOT_FOUND", fieldErrors: { locationId: [expect.stringContaining("not one of your organization's locations")] } });

    const ended = await createProvider(db.db, { services: [{ name: "Ended", isOnline: true }] });
    await db.db.insert(providerOrganizations).values({ providerId: ended.provider.id, organizationId, status: "ENDED", endedAt: MONDAY_0800 });
    await createWeeklyRules(db.db, ended.provider.id, standardWeek(null));
    expect(await outcome(caller.bookings.phone.hold({ organizationId, providerId: ended.provider.id, serviceId: ended.services[0]!.id, startsAt: new Date("2027-03-02T14:00:00Z"), mode: "ONLINE", locationId: null }))).toBe("NOT_FOUND");

    // A hold placed online with the other organization's provider cannot be finished here, token or not.
    const visitor = callerFor(db.db, anonymous, now, { ip: nextClientIp() });
    const onlineHold = await visitor.bookings.hold({ providerId: theirs.provider.id, serviceId: theirs.services[0]!.id, startsAt: new Date("2027-03-02T09:00:00Z"), mode: "IN_PERSON", locationId: otherLocation.id });
    expect(await failure(caller.bookings.phone.requestCode({ organizationId, ...onlineHold, channel: "EMAIL", contact: patient }))).toMatchObject({ appCode: "NOT_FOUND" });
    expect(await failure(caller.bookings.phone.confirm(confirmTaken(onlineHold)))).toMatchObject({ appCode: "NOT_FOUND" });
    expect((await bookingRow(onlineHold.holdId)).status).toBe("HELD");
  });

  it("holds online with one of its providers, and in a half-hour zone and across the DST change at its own locations", async () => {
    const caller = await staff();
    // Online: the provider's London afternoon.
    const online = await caller.bookings.phone.hold({ organizationId, providerId: world.provider.id, serviceId: world.services.short.id, startsAt: new Date("2027-03-02T14:00:00Z"), mode: "ONLINE", locationId: null });
    expect((await bookingRow(online.holdId)).mode).toBe("ONLINE");
    // 09:00 in London after the clocks go forward (BST, 28 March 2027) is 08:00 UTC.
    const afterDst = await caller.bookings.phone.hold({ organizationId, ...nextSlot(), startsAt: new Date("2027-03-29T08:00:00Z") });
    expect((await bookingRow(afterDst.holdId)).startsAt).toEqual(new Date("2027-03-29T08:00:00Z"));
    // 07:30 UTC that day is 08:30 in London, before the practice's hours.
    expect(await outcome((await staff()).bookings.phone.hold({ organizationId, ...nextSlot(), startsAt: new Date("2027-03-29T07:30:00Z") }))).toBe("VALIDATION");

    // A branch in Kolkata (UTC+05:30): 09:00 there is 03:30 UTC.
    const kolkata = await createLocation(db.db, { organizationId, name: "Kolkata branch", timeZone: "Asia/Kolkata", latitude: 22.57, longitude: 88.36 });
    const { provider, services } = await createProvider(db.db, { provider: { timeZone: "Asia/Kolkata" }, services: [{ name: "Kolkata visit", minimumNoticeMinutes: 60 }] });
    await linkProviderToOrganization(db.db, provider.id, organizationId);
    await createWeeklyRules(db.db, provider.id, standardWeek(kolkata.id));
    const caller2 = await staff();
    const held = await caller2.bookings.phone.hold({ organizationId, providerId: provider.id, serviceId: services[0]!.id, startsAt: new Date("2027-03-02T03:30:00Z"), mode: "IN_PERSON", locationId: kolkata.id });
    const booking = await caller2.bookings.phone.confirm(confirmTaken(held, { ...patient, email: "kolkata.patient@example.test" }));
    expect(booking.location).toMatchObject({ id: kolkata.id, timeZone: "Asia/Kolkata" });
    expect(booking.startsAt).toEqual(new Date("2027-03-02T03:30:00Z"));
  });

  it("refuses every step while the organization is not approved", async () => {
    const pendingOrg = await createOrganization(db.db, { status: "PENDING" });
    const location = await createLocation(db.db, { organizationId: pendingOrg.id });
    const caller = as((await member("OWNER", pendingOrg.id)).actor);
    const refused = await failure(caller.bookings.phone.hold({ organizationId: pendingOrg.id, ...nextSlot(), locationId: location.id }));
    expect(refused).toMatchObject({ appCode: "PRECONDITION_FAILED", message: expect.stringContaining("awaiting review") });
  });
});

describe("booking with the patient's code", () => {
  it("sends the code to the patient, books with channel PHONE and the staff member, writes the online events, and the patient gets the confirmation", async () => {
    const clerk = await member("STAFF");
    const caller = as(clerk.actor);
    const hold = await caller.bookings.phone.hold({ organizationId, ...nextSlot() });
    const sent = await caller.bookings.phone.requestCode({ organizationId, ...hold, channel: "EMAIL", contact: patient });
    expect(sent).toMatchObject({ channel: "EMAIL", maskedAddress: "p***@example.test", isVerified: false });

    // The code reaches the patient's inbox in the local cloud; they read it out on the phone.
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const [codeNotification] = await db.db.select().from(notifications).where(and(eq(notifications.bookingId, hold.holdId), eq(notifications.purpose, "verification.code")));
    await sendNotification({ db: db.db, deps: testbed.notificationDeps, notificationId: codeNotification!.id, now: MONDAY_0800 });
    const code = (await currentContactCode(db.db, hold.holdId))!;
    const codeMail = testbed.vendors.sendgrid.snapshot().messages.find((m) => m.recipients.some((r) => r.email === patient.email));
    expect(codeMail?.personalizations[0]?.text).toContain(code);

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const refused = await failure(caller.bookings.phone.confirm({ ...confirmTaken(hold), contactTakenByStaff: false, code: wrong }));
    expect(refused).toMatchObject({ appCode: "VALIDATION", fieldErrors: { code: [expect.stringContaining("That code is not right")] } });

    const booking = await caller.bookings.phone.confirm({ ...confirmTaken(hold), contactTakenByStaff: false, code: `${code.slice(0, 3)} ${code.slice(3)}`, notes: "Knee pain", whatsappOptIn: true });
    expect(booking).toMatchObject({ status: "CONFIRMED", channel: "PHONE", bookedByUserId: clerk.id, contactTakenByStaff: false, patient: { ...patient, whatsappOptIn: true } });
    expect(booking).not.toHaveProperty("manageToken");
    expect(await bookingRow(booking.id)).toMatchObject({
      channel: "PHONE",
      bookedByUserId: clerk.id,
      contactTakenByStaff: false,
      guestName: patient.name,
      guestEmail: patient.email,
      guestPhone: patient.phone,
      patientUserId: null,
      notes: "Knee pain",
      holdClientKey: null,
    });

    const events = await db.db.select().from(outboxEvents).where(and(eq(outboxEvents.aggregateType, "booking"), eq(outboxEvents.aggregateId, booking.id)));
    expect(events.map((event) => event.type)).toEqual(["booking.confirmed"]);
    expect(events[0]!.payload).toMatchObject({ bookingId: booking.id, status: "CONFIRMED", previousStatus: "HELD", isGuest: true, actorRole: "STAFF", calendarSequence: 0 });
    expect(JSON.stringify(events[0]!.payload)).not.toMatch(/paula|447700900777|Knee/i);
    const [audit] = await db.db.select().from(auditLog).where(and(eq(auditLog.subjectId, booking.id), eq(auditLog.action, "booking.confirmed")));
    expect(audit).toMatchObject({ actorUserId: clerk.id, details: expect.objectContaining({ actorRole: "STAFF", to: "CONFIRMED" }) });

    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const rows = await db.db.select().from(notifications).where(eq(notifications.bookingId, booking.id));
    expect(rows.map((row) => `${row.purpose} ${row.recipient} ${row.channel}`).sort()).toEqual([
      "booking.confirmed PATIENT EMAIL",
      "booking.confirmed PATIENT WHATSAPP",
      "provider.booking_confirmed PROVIDER EMAIL",
      "verification.code PATIENT EMAIL",
    ]);
    const confirmation = rows.find((row) => row.purpose === "booking.confirmed" && row.channel === "EMAIL")!;
    await sendNotification({ db: db.db, deps: testbed.notificationDeps, notificationId: confirmation.id, now: MONDAY_0800 });
    const mail = testbed.vendors.sendgrid.snapshot().messages.find((m) => m.customArgs.reference === confirmation.id);
    expect(mail?.recipients.map((r) => r.email)).toEqual([patient.email]);
    expect(mail?.categories).toEqual(["booking-confirmed"]);
  });

  it("asks for a code, or the staff member's word, before booking; a code for another address does not count", async () => {
    const caller = await staff();
    const hold = await caller.bookings.phone.hold({ organizationId, ...nextSlot() });
    const { contactTakenByStaff: _unset, ...withNeither } = confirmTaken(hold);
    expect(await failure(caller.bookings.phone.confirm(withNeither))).toMatchObject({ appCode: "VALIDATION", fieldErrors: { code: [expect.stringContaining("I took these details from the patient myself")] } });

    await caller.bookings.phone.requestCode({ organizationId, ...hold, channel: "SMS", contact: patient });
    const code = (await currentContactCode(db.db, hold.holdId))!;
    const otherPhone = { ...patient, phone: "+447700900778" };
    const refused = await failure(caller.bookings.phone.confirm({ ...confirmTaken(hold, otherPhone), contactTakenByStaff: false, code }));
    expect(refused).toMatchObject({ appCode: "PRECONDITION_FAILED", fieldErrors: { code: [expect.stringContaining("not the one in your details")] } });
    const [verification] = await db.db.select().from(contactVerifications).where(eq(contactVerifications.bookingId, hold.holdId));
    expect(verification).toMatchObject({ channel: "SMS", address: patient.phone });
  });
});

describe("booking with the contact taken by staff", () => {
  it("books without a code, recording who vouched, and with the email alone when the patient has no mobile", async () => {
    const clerk = await member("STAFF");
    const caller = as(clerk.actor);
    const hold = await caller.bookings.phone.hold({ organizationId, ...nextSlot() });
    const booking = await caller.bookings.phone.confirm(confirmTaken(hold, { name: "Nora Nomobile", email: "nora@example.test", phone: "" }));
    expect(booking).toMatchObject({ channel: "PHONE", contactTakenByStaff: true, bookedByUserId: clerk.id, patient: { phone: null, whatsappOptIn: false } });
    expect(await bookingRow(booking.id)).toMatchObject({ contactTakenByStaff: true, bookedByUserId: clerk.id, guestPhone: null });
    expect(await db.db.select().from(contactVerifications).where(eq(contactVerifications.bookingId, hold.holdId))).toEqual([]);

    // The provider sees how it was booked, by whom, and that no code proved the contact.
    const providerCaller = callerFor(db.db, asUser({ id: world.providerUser.id }), now);
    const list = await providerCaller.bookings.providerList({ from: new Date("2027-03-01T00:00:00Z"), to: new Date("2027-04-01T00:00:00Z"), pageSize: 200 });
    const listed = list.items.find((item) => item.id === booking.id);
    expect(listed).toMatchObject({ channel: "PHONE", contactTakenByStaff: true, bookedBy: { name: expect.any(String) }, patient: { name: "Nora Nomobile", isGuest: true } });
    expect(list.items.filter((item) => item.channel === "ONLINE").every((item) => item.bookedBy === null && !item.contactTakenByStaff)).toBe(true);
  });

  it("says which field is wrong for bad patient details", async () => {
    const caller = await staff();
    const hold = await caller.bookings.phone.hold({ organizationId, ...nextSlot() });
    const refused = await failure(caller.bookings.phone.confirm(confirmTaken(hold, { name: "P", email: "not-an-email", phone: "" })));
    expect(Object.keys(refused.fieldErrors).sort()).toEqual(["contact.email", "contact.name"]);
    expect(refused.fieldErrors["contact.name"]).toEqual(["Please enter the patient's full name."]);
    const badPhone = await failure(caller.bookings.phone.confirm(confirmTaken(hold, { ...patient, phone: "12" })));
    expect(badPhone.fieldErrors).toEqual({ "contact.phone": [expect.stringContaining("does not look like a complete phone number")] });
    expect((await bookingRow(hold.holdId)).status).toBe("HELD");
  });

  it("is PENDING when the service needs the provider's approval, and the provider is asked", async () => {
    const caller = await staff();
    const { provider, services } = await createProvider(db.db, { services: [{ name: "Approval needed", requiresApproval: true, minimumNoticeMinutes: 60 }] });
    await linkProviderToOrganization(db.db, provider.id, organizationId);
    await createWeeklyRules(db.db, provider.id, standardWeek(world.location.id));
    const hold = await caller.bookings.phone.hold({ organizationId, providerId: provider.id, serviceId: services[0]!.id, startsAt: new Date("2027-03-03T10:00:00Z"), mode: "IN_PERSON", locationId: world.location.id });
    const booking = await caller.bookings.phone.confirm(confirmTaken(hold, { ...patient, email: "pending.patient@example.test" }));
    expect(booking.status).toBe("PENDING");
    await drainOutbox({ db: db.db, now: MONDAY_0800 });
    const rows = await db.db.select().from(notifications).where(eq(notifications.bookingId, booking.id));
    expect(rows.map((row) => `${row.purpose} ${row.recipient}`).sort()).toEqual(expect.arrayContaining(["booking.requested PATIENT", "provider.booking_requested PROVIDER"]));
  });
});

describe("the online rules apply", () => {
  it("a time someone booked online is SLOT_TAKEN, with the nearest free times", async () => {
    const slot = nextSlot();
    const visitor = callerFor(db.db, anonymous, now, { ip: nextClientIp() });
    const onlineHold = await visitor.bookings.hold(slot);
    const guest = { name: "Olive Online", email: "olive@example.test", phone: "+447700900111" };
    await verifyGuestContact(visitor, db.db, onlineHold, guest);
    await visitor.bookings.confirm({ ...onlineHold, contact: guest, consent: true, patientTimeZone: "Europe/London" });

    const taken = await failure((await staff()).bookings.phone.hold({ organizationId, ...slot }));
    expect(taken.appCode).toBe("SLOT_TAKEN");
    expect((taken.details.alternatives as unknown[]).length).toBeGreaterThan(0);
  });

  it("counts holds against the caps per staff member, not per office address", async () => {
    // Online, one address may hold 2 times with one provider; two colleagues at that address hold 2 each.
    const first = await staff();
    const second = await staff();
    for (const caller of [first, second]) {
      await caller.bookings.phone.hold({ organizationId, ...nextSlot() });
      await caller.bookings.phone.hold({ organizationId, ...nextSlot() });
    }
    const third = await failure(first.bookings.phone.hold({ organizationId, ...nextSlot() }));
    expect(third).toMatchObject({ appCode: "RATE_LIMITED", message: expect.stringContaining("You are already holding 2 times") });
  });
});

describe("rate limits", () => {
  function limited(rateLimiter: RateLimiter, actor: TestActor) {
    return createCaller(
      createContext({ db: db.db, session: sessionFor(actor), headers: new Headers({ "x-forwarded-for": OFFICE_IP }), now, rateLimiter, logger: silentLogger }),
    );
  }

  it("counts holds per staff member: a colleague at the same office address is not refused", async () => {
    const limiter = createPostgresRateLimiter({ pool: db.pool, policies: { "phone-hold:staff": { points: 2, durationSeconds: 60 } } });
    const clerk = (await member("STAFF")).actor;
    const colleague = (await member("STAFF")).actor;
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await outcome(limited(limiter, clerk).bookings.phone.hold({ organizationId, ...nextSlot(), startsAt: new Date("2026-01-01T00:00:00Z") })));
    expect(outcomes).toEqual(["VALIDATION", "VALIDATION", "RATE_LIMITED"]);
    expect(await outcome(limited(limiter, colleague).bookings.phone.hold({ organizationId, ...nextSlot(), startsAt: new Date("2026-01-01T00:00:00Z") }))).toBe("VALIDATION");
  });

  it("applies the online per-email limit to phone bookings", async () => {
    const limiter = createPostgresRateLimiter({ pool: db.pool, policies: { "confirm:email": { points: 2, durationSeconds: 60 } } });
    const clerk = (await member("STAFF")).actor;
    const sameEmail = { ...patient, email: "limited.patient@example.test", phone: "" };
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      const hold = await as(clerk).bookings.phone.hold({ organizationId, ...nextSlot() });
      outcomes.push(await outcome(limited(limiter, clerk).bookings.phone.confirm(confirmTaken(hold, { ...sameEmail, email: i === 2 ? "LIMITED.patient@example.test" : sameEmail.email }))));
    }
    expect(outcomes).toEqual(["ok", "ok", "RATE_LIMITED"]);
  });
});
