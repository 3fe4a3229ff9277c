import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bookings, outboxEvents } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";
import { decodePublicSlots } from "@/features/availability";

let db: TestDatabase;
let world: BookingWorld;
const clock = { now: MONDAY_0800 };
const now = () => clock.now;
const guest = { name: "Gail Guest", email: "gail@example.test", phone: "+447700900001" };

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db, { patientEmail: "pat@example.test" });
});
afterAll(() => db.drop());

const publicCaller = () => callerFor(db.db, anonymous, now, { ip: nextClientIp() });
const minutes = (n: number) => n * 60_000;

async function slotsOf(serviceId: string, from = MONDAY_0800, days = 3) {
  return decodePublicSlots(await publicCaller().availability.slots({ providerId: world.provider.id, serviceId, from, days })).slots;
}

async function book(serviceId: string, startsAt: Date, mode: "IN_PERSON" | "ONLINE" = "IN_PERSON") {
  const caller = publicCaller();
  const hold = await caller.bookings.hold({
    providerId: world.provider.id,
    serviceId,
    startsAt,
    mode,
    locationId: mode === "IN_PERSON" ? world.location.id : null,
  });
  await verifyGuestContact(caller, db.db, hold, guest);
  return caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact: guest, consent: true, patientTimeZone: "Europe/London" });
}

describe("public slots", () => {
  it("offers weekday hours in the location's zone, in person and online, with notice applied", async () => {
    const slots = await slotsOf(world.services.short.id, MONDAY_0800, 1);
    // Monday: 09:00 is inside the 60-minute notice from 08:00, so the first is 09:00 exactly.
    expect(slots[0]).toMatchObject({ startsAt: new Date("2027-03-01T09:00:00Z"), mode: "IN_PERSON", locationId: world.location.id });
    expect(slots.some((s) => s.mode === "ONLINE" && s.startsAt.toISOString() === "2027-03-01T14:00:00.000Z")).toBe(true);
    expect(slots.every((s) => s.startsAt.getUTCDay() === 1)).toBe(true);
  });

  it("keeps 09:00 local across the DST change (London moves to BST on 28 March 2027)", async () => {
    const slots = await slotsOf(world.services.hour.id, new Date("2027-03-26T00:00:00Z"), 4);
    const firstByDay = new Map<string, Date>();
    for (const slot of slots) {
      const day = slot.startsAt.toISOString().slice(0, 10);
      if (!firstByDay.has(day)) firstByDay.set(day, slot.startsAt);
    }
    expect(firstByDay.get("2027-03-26")?.toISOString()).toBe("2027-03-26T09:00:00.000Z"); // GMT
    expect(firstByDay.get("2027-03-29")?.toISOString()).toBe("2027-03-29T08:00:00.000Z"); // BST
  });

  it("is not found for an unknown or unapproved provider/service pair", async () => {
    await expect(
      publicCaller().availability.slots({ providerId: world.otherProvider.id, serviceId: world.services.short.id, from: MONDAY_0800 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("booking a slot", () => {
  it("holds, confirms and records the audit row and a complete outbox event without patient data", async () => {
    const booking = await book(world.services.short.id, TUESDAY_0900);
    expect(booking).toMatchObject({ status: "CONFIRMED", startsAt: TUESDAY_0900, mode: "IN_PERSON" });
    expect(booking.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const [event] = await db.db.select().from(outboxEvents).where(and(eq(outboxEvents.aggregateId, booking.id), eq(outboxEvents.type, "booking.confirmed")));
    expect(event?.payload).toMatchObject({ bookingId: booking.id, providerId: world.provider.id, startsAt: TUESDAY_0900.toISOString(), status: "CONFIRMED", previousStatus: "HELD", isGuest: true });
    expect(JSON.stringify(event?.payload)).not.toMatch(/gail|Gail|7700900001/);
    const audits = await db.db.select().from(auditLog).where(eq(auditLog.subjectId, booking.id));
    expect(audits.map((a) => a.action)).toContain("booking.confirmed");
    expect(JSON.stringify(audits)).not.toMatch(/gail|Gail/);

    // The booked time and its overlaps disappear from every service of the provider.
    expect((await slotsOf(world.services.short.id)).some((s) => s.startsAt.getTime() === TUESDAY_0900.getTime() && s.mode === "IN_PERSON")).toBe(false);
    expect((await slotsOf(world.services.long.id)).some((s) => s.startsAt.getTime() === TUESDAY_0900.getTime() - minutes(15))).toBe(false);
  });

  it("refuses times inside the minimum notice or beyond the horizon, saying why", async () => {
    const caller = publicCaller();
    const base = { providerId: world.provider.id, serviceId: world.services.short.id, mode: "IN_PERSON" as const, locationId: world.location.id };
    await expect(caller.bookings.hold({ ...base, startsAt: new Date("2027-03-01T08:30:00Z") })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/at least 60 minutes ahead/),
    });
    await expect(caller.bookings.hold({ ...base, startsAt: new Date("2027-06-01T09:00:00Z") })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/open 60 days ahead/),
    });
    // Saturday has no hours, and 10:07 is off the 15-minute grid: neither was ever offered, so
    // the answer is a field error on startsAt (with the nearest bookable times), not SLOT_TAKEN.
    for (const startsAt of [new Date("2027-03-06T09:00:00Z"), new Date("2027-03-02T10:07:00Z")]) {
      const error: unknown = await caller.bookings.hold({ ...base, startsAt }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/not a bookable time/),
        cause: expect.objectContaining({ code: "VALIDATION", details: expect.objectContaining({ fieldErrors: { startsAt: [expect.stringMatching(/not a bookable time/)] } }) }),
      });
      const { alternatives } = (error as { cause: { details: { alternatives: { startsAt: Date }[] } } }).cause.details;
      expect(alternatives.length).toBeGreaterThan(0);
    }
  });

  it("lets exactly one of 100 concurrent holds of one slot win; the others get SLOT_TAKEN with alternatives", async () => {
    const startsAt = new Date("2027-03-03T10:00:00Z");
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () =>
        publicCaller().bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt, mode: "IN_PERSON", locationId: world.location.id }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(99);
    for (const loss of lost) {
      expect(loss.reason).toMatchObject({ cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });
    }
    const alternatives = (lost[0]!.reason.cause.details as { alternatives: { startsAt: Date }[] }).alternatives;
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.every((a) => a.startsAt.getTime() !== startsAt.getTime())).toBe(true);
  });

  it("leaves no overlap in the database after 200 concurrent attempts across overlapping services", async () => {
    const services = [world.services.short, world.services.long, world.services.hour];
    const day = new Date("2027-03-04T09:00:00Z").getTime();
    const attempts = Array.from({ length: 200 }, (_, i) => {
      const service = services[i % 3]!;
      // Each service's own grid (the hour service starts on the half hour): every attempt is a
      // time the provider offers, so only a race can refuse it.
      const quarter = (i * 7) % 12;
      const startsAt = new Date(day + (service === world.services.hour ? quarter - (quarter % 2) : quarter) * minutes(15));
      return publicCaller()
        .bookings.hold({ providerId: world.provider.id, serviceId: service.id, startsAt, mode: "IN_PERSON", locationId: world.location.id })
        .then(
          () => "held",
          (error: { cause?: { code?: string } }) => error.cause?.code ?? "other",
        );
    });
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === "held").length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o !== "held" && o !== "SLOT_TAKEN")).toEqual([]);
    const overlaps = await db.db.execute(sql`
      SELECT count(*)::int AS n FROM bookings a JOIN bookings b
        ON a.provider_id = b.provider_id AND a.id < b.id
       AND tstzrange(a.blocked_starts_at, a.blocked_ends_at) && tstzrange(b.blocked_starts_at, b.blocked_ends_at)
      WHERE a.status IN ('HELD','PENDING','CONFIRMED','COMPLETED','NO_SHOW')
        AND b.status IN ('HELD','PENDING','CONFIRMED','COMPLETED','NO_SHOW')`);
    expect(overlaps.rows[0]).toEqual({ n: 0 });
  });
});

describe("holds", () => {
  it("expire and free their time; an expired hold is revived only while its time is still free", async () => {
    const startsAt = new Date("2027-03-05T11:00:00Z");
    const slot = { providerId: world.provider.id, serviceId: world.services.short.id, startsAt, mode: "IN_PERSON" as const, locationId: world.location.id };
    const first = await publicCaller().bookings.hold(slot);
    await expect(publicCaller().bookings.hold(slot)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });

    clock.now = new Date(MONDAY_0800.getTime() + minutes(11));
    // Free again once the hold ran out: it is offered and can be held by someone else.
    expect((await slotsOf(world.services.short.id, new Date("2027-03-05T00:00:00Z"), 1)).some((s) => s.startsAt.getTime() === startsAt.getTime() && s.mode === "IN_PERSON")).toBe(true);
    const second = await publicCaller().bookings.hold(slot);
    const [expired] = await db.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, first.holdId));
    expect(expired?.status).toBe("EXPIRED");

    // Both guests prove their email once their holds have lapsed (which does not lengthen them).
    await verifyGuestContact(publicCaller(), db.db, first, guest);
    await verifyGuestContact(publicCaller(), db.db, second, guest);
    await expect(
      publicCaller().bookings.confirm({ holdId: first.holdId, holdToken: first.holdToken, contact: guest, consent: true, patientTimeZone: "Europe/London" }),
    ).rejects.toMatchObject({ cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });
    await expect(
      publicCaller().bookings.confirm({ holdId: second.holdId, holdToken: second.holdToken, contact: guest, consent: true, patientTimeZone: "Europe/London" }),
    ).resolves.toMatchObject({ status: "CONFIRMED" });
    clock.now = MONDAY_0800;
  });

  it("can be released at once by their holder, and only by them", async () => {
    const slot = { providerId: world.provider.id, serviceId: world.services.short.id, startsAt: new Date("2027-03-05T15:00:00Z"), mode: "ONLINE" as const, locationId: null };
    const hold = await publicCaller().bookings.hold(slot);
    await expect(publicCaller().bookings.releaseHold({ holdId: hold.holdId, holdToken: "C".repeat(43) })).resolves.toEqual({ released: false });
    await expect(publicCaller().bookings.hold(slot)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });
    await expect(publicCaller().bookings.releaseHold({ holdId: hold.holdId, holdToken: hold.holdToken })).resolves.toEqual({ released: true });
    await expect(publicCaller().bookings.hold(slot)).resolves.toMatchObject({ holdId: expect.any(String) });
  });

  it("refuses a confirm with a wrong token or without consent or contact details", async () => {
    const caller = publicCaller();
    const hold = await caller.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt: new Date("2027-03-05T14:00:00Z"), mode: "ONLINE", locationId: null });
    await expect(
      caller.bookings.confirm({ holdId: hold.holdId, holdToken: "A".repeat(43), contact: guest, consent: true, patientTimeZone: "Europe/London" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact: guest, consent: false as true, patientTimeZone: "Europe/London" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, consent: true, patientTimeZone: "Europe/London" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", cause: expect.objectContaining({ details: expect.objectContaining({ fieldErrors: expect.objectContaining({ "contact.email": expect.any(Array) }) }) }) });
    await expect(
      caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact: guest, consent: true, patientTimeZone: "Mars/Olympus" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("managing a booking", () => {
  it("cancels through the manage link and the slot is offered again", async () => {
    const startsAt = new Date("2027-03-08T10:00:00Z");
    const booking = await book(world.services.short.id, startsAt);
    const offered = async () => (await slotsOf(world.services.short.id, new Date("2027-03-08T00:00:00Z"), 1)).some((s) => s.startsAt.getTime() === startsAt.getTime() && s.mode === "IN_PERSON");
    expect(await offered()).toBe(false);
    await expect(publicCaller().bookings.managed({ token: booking.manageToken })).resolves.toMatchObject({ id: booking.id, canChange: true });
    await expect(publicCaller().bookings.cancelManaged({ token: booking.manageToken, reason: "Feeling better" })).resolves.toMatchObject({ status: "CANCELLED", canChange: false });
    expect(await offered()).toBe(true);
    const [event] = await db.db.select().from(outboxEvents).where(and(eq(outboxEvents.aggregateId, booking.id), eq(outboxEvents.type, "booking.cancelled")));
    expect(event?.payload).toMatchObject({ actorRole: "PATIENT", hasReason: true });
    expect(JSON.stringify(event?.payload)).not.toContain("Feeling better");
  });

  it("refuses changes after the provider's cutoff", async () => {
    const booking = await book(world.services.short.id, new Date("2027-03-02T15:00:00Z"), "ONLINE");
    clock.now = new Date("2027-03-01T16:00:00Z"); // 23 h before, cutoff is 24 h
    await expect(publicCaller().bookings.cancelManaged({ token: booking.manageToken, reason: "" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/too late to cancel online.*24 hours/),
    });
    clock.now = MONDAY_0800;
  });

  it("reschedules atomically: a taken target keeps the old time; a free one moves it", async () => {
    const mine = await book(world.services.short.id, new Date("2027-03-09T09:00:00Z"));
    await book(world.services.short.id, new Date("2027-03-09T10:00:00Z"));
    await expect(
      publicCaller().bookings.rescheduleManaged({ token: mine.manageToken, startsAt: new Date("2027-03-09T10:00:00Z"), mode: "IN_PERSON", locationId: world.location.id }),
    ).rejects.toMatchObject({ cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });
    await expect(publicCaller().bookings.managed({ token: mine.manageToken })).resolves.toMatchObject({ startsAt: new Date("2027-03-09T09:00:00Z") });

    const moved = await publicCaller().bookings.rescheduleManaged({ token: mine.manageToken, startsAt: new Date("2027-03-09T14:30:00Z"), mode: "ONLINE", locationId: null });
    expect(moved).toMatchObject({ startsAt: new Date("2027-03-09T14:30:00Z"), mode: "ONLINE", location: null, status: "CONFIRMED" });
    const [event] = await db.db.select().from(outboxEvents).where(and(eq(outboxEvents.aggregateId, mine.id), eq(outboxEvents.type, "booking.rescheduled")));
    expect(event?.payload).toMatchObject({ previous: { startsAt: "2027-03-09T09:00:00.000Z", mode: "IN_PERSON" }, startsAt: "2027-03-09T14:30:00.000Z" });
    // The old time is free again.
    expect((await slotsOf(world.services.short.id, new Date("2027-03-09T00:00:00Z"), 1)).some((s) => s.startsAt.toISOString() === "2027-03-09T09:00:00.000Z" && s.mode === "IN_PERSON")).toBe(true);
  });
});

describe("provider decisions and outcomes", () => {
  it("approval flow: PENDING → CONFIRMED, or DECLINED which frees the time", async () => {
    const approvalWorld = await createBookingWorld(db.db, { requiresApproval: true });
    const caller = callerFor(db.db, anonymous, now);
    const request = async (startsAt: Date) => {
      const hold = await caller.bookings.hold({ providerId: approvalWorld.provider.id, serviceId: approvalWorld.services.short.id, startsAt, mode: "ONLINE", locationId: null });
      await verifyGuestContact(caller, db.db, hold, guest);
      return caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact: guest, consent: true, patientTimeZone: "Europe/London" });
    };
    const first = await request(new Date("2027-03-02T14:00:00Z"));
    const second = await request(new Date("2027-03-02T15:00:00Z"));
    expect(first.status).toBe("PENDING");
    const providerCaller = callerFor(db.db, asUser(approvalWorld.providerUser), now);
    await expect(providerCaller.bookings.decide({ bookingId: first.id, decision: "CONFIRM" })).resolves.toMatchObject({ status: "CONFIRMED" });
    await expect(providerCaller.bookings.decide({ bookingId: first.id, decision: "DECLINE" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(providerCaller.bookings.decide({ bookingId: second.id, decision: "DECLINE", reason: "Fully booked" })).resolves.toMatchObject({ status: "DECLINED" });
    const slots = decodePublicSlots(await caller.availability.slots({ providerId: approvalWorld.provider.id, serviceId: approvalWorld.services.short.id, from: new Date("2027-03-02T00:00:00Z"), days: 1 }));
    expect(slots.slots.some((s) => s.startsAt.toISOString() === "2027-03-02T15:00:00.000Z")).toBe(true);
    expect(slots.slots.some((s) => s.startsAt.toISOString() === "2027-03-02T14:00:00.000Z")).toBe(false);
  });

  it("cancels with a reason before the start and marks the outcome only after it", async () => {
    const booking = await book(world.services.short.id, new Date("2027-03-10T09:00:00Z"));
    const providerCaller = callerFor(db.db, asUser(world.providerUser), now);
    await expect(providerCaller.bookings.markOutcome({ bookingId: booking.id, outcome: "COMPLETED" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(providerCaller.bookings.cancelAsProvider({ bookingId: booking.id, reason: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    clock.now = new Date("2027-03-10T09:40:00Z");
    await expect(providerCaller.bookings.cancelAsProvider({ bookingId: booking.id, reason: "Unwell" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(providerCaller.bookings.markOutcome({ bookingId: booking.id, outcome: "NO_SHOW" })).resolves.toMatchObject({ status: "NO_SHOW" });
    clock.now = MONDAY_0800;
    const later = await book(world.services.short.id, new Date("2027-03-10T11:00:00Z"));
    await expect(providerCaller.bookings.cancelAsProvider({ bookingId: later.id, reason: "Clinic closed" })).resolves.toMatchObject({ status: "CANCELLED" });
    const list = await providerCaller.bookings.providerList({ from: new Date("2027-03-10T00:00:00Z"), to: new Date("2027-03-11T00:00:00Z") });
    expect(list.items.map((b) => b.status)).toEqual(["NO_SHOW", "CANCELLED"]);
    expect(list.items[0]?.patient).toMatchObject({ name: "Gail Guest", email: "gail@example.test", isGuest: true });
  });
});

describe("my bookings", () => {
  it("lists bookings made signed in and earlier guest bookings with the same verified email", async () => {
    const caller = publicCaller();
    const hold = await caller.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt: new Date("2027-03-11T09:00:00Z"), mode: "IN_PERSON", locationId: world.location.id });
    await verifyGuestContact(caller, db.db, hold, { ...guest, email: "PAT@example.test" });
    await caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact: { ...guest, email: "PAT@example.test" }, consent: true, patientTimeZone: "Europe/London" });
    const patientCaller = callerFor(db.db, asUser(world.patient), now);
    const hold2 = await patientCaller.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt: new Date("2027-03-11T10:00:00Z"), mode: "IN_PERSON", locationId: world.location.id });
    await patientCaller.bookings.confirm({ holdId: hold2.holdId, holdToken: hold2.holdToken, consent: true, patientTimeZone: "Europe/London" });
    const mine = await patientCaller.bookings.mine({});
    expect(mine.items.map((b) => b.startsAt.toISOString()).sort()).toEqual(["2027-03-11T09:00:00.000Z", "2027-03-11T10:00:00.000Z"]);
    const others = await callerFor(db.db, asUser(world.otherPatient), now).bookings.mine({});
    expect(others.total).toBe(0);
    const guestBooking = mine.items.find((b) => b.startsAt.toISOString() === "2027-03-11T09:00:00.000Z")!;
    await expect(patientCaller.bookings.cancelMine({ bookingId: guestBooking.id })).resolves.toMatchObject({ status: "CANCELLED" });
  });
});
