import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotification } from "@/features/communications/server";
import { contactVerifications, notifications } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createPatient, createUser } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import { currentContactCode } from "@/test/verify-guest";

/**
 * Every procedure of the booking core and of notifications, called by someone who must not be
 * able to use it on this data: a visitor, another patient, another provider, a non-admin.
 */
let db: TestDatabase;
let world: BookingWorld;
let booking: { id: string; manageToken: string };
let overrideId: string;
/** A guest's hold with a code sent to their email and not entered yet, and that code. */
let guestHold: { holdId: string; holdToken: string };
let guestCode: string;
/** A dead-lettered notification about `booking`. */
let deadNotificationId: string;
let admin: { id: string; role: "ADMIN" };
const now = () => MONDAY_0800;
const guestContact = { name: "Guest Person", email: "guest.person@example.test", phone: "+447700900888" };

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
  const owner = callerFor(db.db, asUser(world.patient), now);
  const hold = await owner.bookings.hold({
    providerId: world.provider.id,
    serviceId: world.services.short.id,
    startsAt: new Date("2027-03-03T09:00:00Z"),
    mode: "IN_PERSON",
    locationId: world.location.id,
  });
  booking = await owner.bookings.confirm({
    holdId: hold.holdId,
    holdToken: hold.holdToken,
    contact: { name: "Secret Patient", email: "secret.patient@example.test", phone: "+447700900777" },
    consent: true,
    notes: "private symptoms",
    patientTimeZone: "Europe/London",
  });
  overrideId = (
    await callerFor(db.db, asUser(world.providerUser), now).availability.addOverride({ startDate: "2027-04-01", endDate: "2027-04-02", kind: "OFF" })
  ).id;

  const guest = callerFor(db.db, anonymous, now);
  guestHold = await guest.bookings.hold({
    providerId: world.provider.id,
    serviceId: world.services.short.id,
    startsAt: new Date("2027-03-03T11:00:00Z"),
    mode: "IN_PERSON",
    locationId: world.location.id,
  });
  await guest.bookings.requestContactCode({ ...guestHold, channel: "EMAIL", contact: guestContact });
  guestCode = (await currentContactCode(db.db, guestHold.holdId))!;

  const notificationId = await db.db.transaction((tx) =>
    createNotification(tx, {
      dedupeKey: `test:authorization:${booking.id}`,
      purpose: "booking.confirmed",
      bookingId: booking.id,
      recipient: "PATIENT",
      recipientUserId: world.patient.id,
      channel: "EMAIL",
      address: "secret.patient@example.test",
    }),
  );
  await db.db.update(notifications).set({ status: "DEAD", attempts: 8, lastError: "503 from the vendor" }).where(eq(notifications.id, notificationId!));
  deadNotificationId = notificationId!;
  admin = { id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" };
});
afterAll(() => db.drop());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

type Call = (caller: ReturnType<typeof callerFor>) => Promise<unknown>;

const providerOnly: Record<string, Call> = {
  "providers.me": (c) => c.providers.me(),
  "providers.saveSettings": (c) => c.providers.saveSettings({ timeZone: "Europe/London", cancellationCutoffMinutes: 60 }),
  "providers.myServices": (c) => c.providers.myServices(),
  "providers.saveService": (c) =>
    c.providers.saveService({ serviceId: world.services.short.id, service: { name: "Hijack", durationMinutes: 30, priceMinor: 1, currency: "EUR", isOnline: true, isInPerson: false } }),
  "providers.setServiceActive": (c) => c.providers.setServiceActive({ serviceId: world.services.short.id, isActive: false }),
  "availability.mySchedule": (c) => c.availability.mySchedule(),
  "availability.saveWeeklySchedule": (c) => c.availability.saveWeeklySchedule({ rules: [] }),
  "availability.addOverride": (c) => c.availability.addOverride({ startDate: "2027-05-01", endDate: "2027-05-01", kind: "OFF" }),
  "availability.removeOverride": (c) => c.availability.removeOverride({ overrideId }),
  "bookings.providerList": (c) => c.bookings.providerList({ from: new Date("2027-03-01T00:00:00Z"), to: new Date("2027-04-01T00:00:00Z") }),
  "bookings.decide": (c) => c.bookings.decide({ bookingId: booking.id, decision: "DECLINE" }),
  "bookings.cancelAsProvider": (c) => c.bookings.cancelAsProvider({ bookingId: booking.id, reason: "Not mine to cancel" }),
  "bookings.markOutcome": (c) => c.bookings.markOutcome({ bookingId: booking.id, outcome: "NO_SHOW" }),
};

/** Provider procedures added with notifications: same gate, their own data only. */
const providerNotifications: Record<string, Call> = {
  "notificationPreferences.provider": (c) => c.notificationPreferences.provider(),
  "notificationPreferences.updateProvider": (c) =>
    c.notificationPreferences.updateProvider({
      emailNotices: ["requested"],
      whatsappNotices: ["requested"],
      whatsappNumber: "+447700900555",
      reminderOffsetsMinutes: [60],
      quietStart: null,
      quietEnd: null,
    }),
  "notifications.patientCardLink": (c) => c.notifications.patientCardLink({ bookingId: booking.id }),
};

const patientOnly: Record<string, Call> = {
  "bookings.mine": (c) => c.bookings.mine({}),
  "bookings.cancelMine": (c) => c.bookings.cancelMine({ bookingId: booking.id }),
  "bookings.rescheduleMine": (c) =>
    c.bookings.rescheduleMine({ bookingId: booking.id, startsAt: new Date("2027-03-03T14:00:00Z"), mode: "ONLINE", locationId: null }),
};

/** Anyone signed in, each on their own data. */
const signedIn: Record<string, Call> = {
  "notificationPreferences.mine": (c) => c.notificationPreferences.mine(),
  "notificationPreferences.update": (c) =>
    c.notificationPreferences.update({ emailEnabled: true, whatsappEnabled: false, smsEnabled: false, quietStart: null, quietEnd: null }),
  "notifications.forBooking": (c) => c.notifications.forBooking({ bookingId: booking.id }),
};

const adminOnly: Record<string, Call> = {
  "notifications.deadLetters": (c) => c.notifications.deadLetters({}),
  "notifications.retryDeadLetter": (c) => c.notifications.retryDeadLetter({ notificationId: deadNotificationId }),
};

async function statusOf(notificationId: string): Promise<string | undefined> {
  const [row] = await db.db.select({ status: notifications.status }).from(notifications).where(eq(notifications.id, notificationId));
  return row?.status;
}

async function verifiedAtOf(holdId: string): Promise<Date | null | undefined> {
  const [row] = await db.db.select({ verifiedAt: contactVerifications.verifiedAt }).from(contactVerifications).where(eq(contactVerifications.bookingId, holdId));
  return row?.verifiedAt;
}

describe("as a visitor (anonymous)", () => {
  for (const [name, call] of Object.entries({ ...providerOnly, ...providerNotifications, ...patientOnly, ...signedIn, ...adminOnly })) {
    it(`${name} answers UNAUTHORIZED`, async () => {
      expect(await codeOf(call(callerFor(db.db, anonymous, now)))).toBe("UNAUTHORIZED");
    });
  }

  it("cannot read or change a booking without its manage link", async () => {
    const caller = callerFor(db.db, anonymous, now);
    const wrong = "B".repeat(43);
    expect(await codeOf(caller.bookings.managed({ token: wrong }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.bookings.cancelManaged({ token: wrong }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.bookings.rescheduleManaged({ token: wrong, startsAt: new Date("2027-03-03T14:00:00Z"), mode: "ONLINE", locationId: null }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.bookings.managed({ token: "short" }))).toBe("BAD_REQUEST");
  });

  it("cannot ask for or enter a hold's contact code without the hold's token", async () => {
    const caller = callerFor(db.db, anonymous, now);
    const wrong = "B".repeat(43);
    expect(await codeOf(caller.bookings.requestContactCode({ holdId: guestHold.holdId, holdToken: wrong, channel: "EMAIL", contact: guestContact }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.bookings.verifyContactCode({ holdId: guestHold.holdId, holdToken: wrong, code: guestCode }))).toBe("NOT_FOUND");
    // A booking is no longer a hold: its id with any token leads nowhere.
    expect(await codeOf(caller.bookings.requestContactCode({ holdId: booking.id, holdToken: wrong, channel: "EMAIL", contact: guestContact }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.bookings.verifyContactCode({ holdId: booking.id, holdToken: wrong, code: guestCode }))).toBe("NOT_FOUND");
    expect(await verifiedAtOf(guestHold.holdId)).toBeNull();
  });

  it("sees no patient data in any public answer", async () => {
    const caller = callerFor(db.db, anonymous, now);
    const answers = await Promise.all([
      caller.availability.slots({ providerId: world.provider.id, serviceId: world.services.short.id, from: MONDAY_0800, days: 7 }),
      caller.providers.list({}),
      caller.providers.bySlug({ slug: world.provider.slug }),
    ]);
    const text = JSON.stringify(answers);
    expect(text).not.toMatch(/Secret Patient|secret\.patient|7700900777|private symptoms/);
    expect(text).not.toContain(world.patient.email);
    expect(text).not.toContain(world.providerUser.email);
  });
});

describe("as another patient", () => {
  const actor = (): TestActor => asUser(world.otherPatient);
  const gated = { ...providerOnly, ...providerNotifications };
  for (const name of Object.keys(gated)) {
    it(`${name} answers FORBIDDEN (no provider profile)`, async () => {
      expect(await codeOf(gated[name]!(callerFor(db.db, actor(), now)))).toBe("FORBIDDEN");
    });
  }
  for (const name of Object.keys(adminOnly)) {
    it(`${name} answers FORBIDDEN (not an admin)`, async () => {
      expect(await codeOf(adminOnly[name]!(callerFor(db.db, actor(), now)))).toBe("FORBIDDEN");
    });
  }
  it("cannot read the notification log of someone else's booking", async () => {
    expect(await codeOf(signedIn["notifications.forBooking"]!(callerFor(db.db, actor(), now)))).toBe("NOT_FOUND");
  });
  it("cannot verify someone else's hold with its code but without its token", async () => {
    const caller = callerFor(db.db, actor(), now);
    expect(await codeOf(caller.bookings.verifyContactCode({ holdId: guestHold.holdId, holdToken: "C".repeat(43), code: guestCode }))).toBe("NOT_FOUND");
    // A verified account never needs a code: refused before any hold is looked at.
    expect(await codeOf(caller.bookings.requestContactCode({ holdId: guestHold.holdId, holdToken: "C".repeat(43), channel: "SMS" }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(caller.bookings.confirm({ holdId: guestHold.holdId, holdToken: "C".repeat(43), consent: true, patientTimeZone: "Europe/London" }))).toBe("NOT_FOUND");
    const unverified = callerFor(db.db, asUser((await createPatient(db.db, { user: { emailVerified: null } })).user), now);
    expect(await codeOf(unverified.bookings.requestContactCode({ holdId: guestHold.holdId, holdToken: "C".repeat(43), channel: "EMAIL" }))).toBe("NOT_FOUND");
    expect(await codeOf(unverified.bookings.verifyContactCode({ holdId: guestHold.holdId, holdToken: "C".repeat(43), code: guestCode }))).toBe("NOT_FOUND");
    expect(await verifiedAtOf(guestHold.holdId)).toBeNull();
  });
  it("sees only their own notification settings", async () => {
    const caller = callerFor(db.db, actor(), now);
    expect(await caller.notificationPreferences.update({ emailEnabled: true, whatsappEnabled: false, smsEnabled: false, quietStart: "22:00", quietEnd: "07:00" })).toMatchObject({
      quietStart: "22:00",
      email: world.otherPatient.email,
    });
    expect(await callerFor(db.db, asUser(world.patient), now).notificationPreferences.mine()).toMatchObject({ quietStart: null, isDefault: true, email: world.patient.email });
  });
  it("cannot see, cancel or move someone else's booking", async () => {
    const caller = callerFor(db.db, actor(), now);
    expect((await caller.bookings.mine({})).total).toBe(0);
    expect(await codeOf(patientOnly["bookings.cancelMine"]!(caller))).toBe("NOT_FOUND");
    expect(await codeOf(patientOnly["bookings.rescheduleMine"]!(caller))).toBe("NOT_FOUND");
  });
});

describe("as another provider", () => {
  const caller = () => callerFor(db.db, asUser(world.otherProviderUser), now);
  it("cannot act on this provider's bookings, services or overrides", async () => {
    for (const name of ["bookings.decide", "bookings.cancelAsProvider", "bookings.markOutcome", "providers.saveService", "providers.setServiceActive", "availability.removeOverride"]) {
      expect(`${name}: ${await codeOf(providerOnly[name]!(caller()))}`).toBe(`${name}: NOT_FOUND`);
    }
  });
  it("cannot read the notification log or get the patient's card of this provider's booking", async () => {
    expect(await codeOf(signedIn["notifications.forBooking"]!(caller()))).toBe("NOT_FOUND");
    expect(await codeOf(providerNotifications["notifications.patientCardLink"]!(caller()))).toBe("NOT_FOUND");
  });
  it("cannot see or retry dead letters", async () => {
    for (const name of Object.keys(adminOnly)) {
      expect(`${name}: ${await codeOf(adminOnly[name]!(caller()))}`).toBe(`${name}: FORBIDDEN`);
    }
    expect(await statusOf(deadNotificationId)).toBe("DEAD");
  });
  it("changes only their own notification settings", async () => {
    const mine = await providerNotifications["notificationPreferences.updateProvider"]!(caller());
    expect(mine).toMatchObject({ whatsappNumber: "+447700900555", email: world.otherProviderUser.email });
    expect(await callerFor(db.db, asUser(world.providerUser), now).notificationPreferences.provider()).toMatchObject({
      whatsappNumber: null,
      isDefault: true,
      email: world.providerUser.email,
    });
  });
  it("sees only their own schedule and bookings", async () => {
    const list = await caller().bookings.providerList({ from: new Date("2027-03-01T00:00:00Z"), to: new Date("2027-04-01T00:00:00Z") });
    expect(list.total).toBe(0);
    const schedule = await caller().availability.mySchedule();
    expect(schedule.rules).toEqual([]);
    expect(schedule.overrides).toEqual([]);
    expect((await caller().providers.myServices()).map((s) => s.id)).not.toContain(world.services.short.id);
  });
  it("and the real owner still can", async () => {
    const owner = callerFor(db.db, asUser(world.providerUser), now);
    expect((await owner.bookings.providerList({ from: new Date("2027-03-01T00:00:00Z"), to: new Date("2027-04-01T00:00:00Z") })).items.map((b) => b.id)).toEqual([booking.id]);
    expect((await owner.availability.mySchedule()).overrides.map((o) => o.id)).toEqual([overrideId]);
    expect((await owner.notifications.forBooking({ bookingId: booking.id })).map((n) => n.id)).toEqual([deadNotificationId]);
  });
});

describe("as the booking's own provider or patient (not admins)", () => {
  it("the provider cannot see or retry dead letters, even of their own booking", async () => {
    const owner = callerFor(db.db, asUser(world.providerUser), now);
    expect(await codeOf(owner.notifications.deadLetters({}))).toBe("FORBIDDEN");
    expect(await codeOf(owner.notifications.retryDeadLetter({ notificationId: deadNotificationId }))).toBe("FORBIDDEN");
    expect(await statusOf(deadNotificationId)).toBe("DEAD");
  });
  it("the patient cannot read the booking's notification log", async () => {
    expect(await codeOf(signedIn["notifications.forBooking"]!(callerFor(db.db, asUser(world.patient), now)))).toBe("NOT_FOUND");
  });
  it("the patient, whose account email is verified, is told no code is needed", async () => {
    const caller = callerFor(db.db, asUser(world.patient), now);
    const hold = await caller.bookings.hold({
      providerId: world.provider.id,
      serviceId: world.services.short.id,
      startsAt: new Date("2027-03-04T10:00:00Z"),
      mode: "IN_PERSON",
      locationId: world.location.id,
    });
    expect(await codeOf(caller.bookings.requestContactCode({ ...hold, channel: "EMAIL" }))).toBe("PRECONDITION_FAILED");
    await caller.bookings.releaseHold(hold);
  });
});

describe("as an admin", () => {
  it("sees the dead letters and retries one; reads any booking's log", async () => {
    const caller = callerFor(db.db, asUser(admin), now);
    expect((await caller.notifications.deadLetters({})).items.map((n) => n.id)).toContain(deadNotificationId);
    expect((await caller.notifications.forBooking({ bookingId: booking.id })).map((n) => n.id)).toContain(deadNotificationId);
    expect(await codeOf(caller.notifications.retryDeadLetter({ notificationId: "00000000-0000-4000-8000-000000000000" }))).toBe("NOT_FOUND");
    await caller.notifications.retryDeadLetter({ notificationId: deadNotificationId });
    expect(await statusOf(deadNotificationId)).toBe("PENDING");
  });
});

describe("the guest with their hold's token", () => {
  it("verifies the contact that no one else could", async () => {
    const guest = callerFor(db.db, anonymous, now);
    const verified = await guest.bookings.verifyContactCode({ ...guestHold, code: guestCode });
    // The wrong-token tries above were not counted against the guest.
    expect(verified).toMatchObject({ isVerified: true, attemptsLeft: 5 });
  });
});
