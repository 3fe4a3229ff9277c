import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, providers, services } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { buildService } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";

/**
 * What a confirm, a hold and a provider may do once the world has moved on: lapsed holds,
 * daily limits under concurrency, released holds, hold caps per visitor, unapproved providers.
 */
let db: TestDatabase;
let world: BookingWorld;
let capped: { id: string };
const clock = { now: MONDAY_0800 };
const now = () => clock.now;
const minutes = (n: number) => n * 60_000;
const guest = { name: "Gail Guest", email: "gail@example.test", phone: "+447700900001" };

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
  const [row] = await db.db
    .insert(services)
    .values(buildService({ providerId: world.provider.id, name: "Capped", durationMinutes: 30, slotStepMinutes: 30, minimumNoticeMinutes: 60, bookingHorizonDays: 60, maxBookingsPerDay: 1 }))
    .returning();
  capped = row!;
});
afterAll(() => db.drop());

const visitor = (ip = nextClientIp()) => callerFor(db.db, anonymous, now, { ip });
const inPerson = (serviceId: string, startsAt: Date, w: BookingWorld = world) => ({
  providerId: w.provider.id,
  serviceId,
  startsAt,
  mode: "IN_PERSON" as const,
  locationId: w.location.id,
});
const confirmInput = (hold: { holdId: string; holdToken: string }) => ({
  holdId: hold.holdId,
  holdToken: hold.holdToken,
  contact: guest,
  consent: true as const,
  patientTimeZone: "Europe/London",
});
const appCodeOf = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code;
/** A guest's confirm as the form makes it: the emailed code entered first, at the same moment. */
async function confirmAsGuest(caller: ReturnType<typeof visitor>, hold: { holdId: string; holdToken: string }) {
  await verifyGuestContact(caller, db.db, hold, guest);
  return caller.bookings.confirm(confirmInput(hold));
}

describe("confirming re-checks the time inside the provider's lock", () => {
  it("does not revive a lapsed hold on a day the provider has since taken off", async () => {
    const hold = await visitor().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-03T09:00:00Z")));
    clock.now = new Date(MONDAY_0800.getTime() + minutes(11));
    await callerFor(db.db, asUser(world.providerUser), now).availability.addOverride({ startDate: "2027-03-03", endDate: "2027-03-03", kind: "OFF" });
    const error = await confirmAsGuest(visitor(), hold).catch((e: unknown) => e);
    expect(appCodeOf(error)).toBe("SLOT_TAKEN");
    expect((error as Error).message).toMatch(/ran out and that time is no longer available/);
    clock.now = MONDAY_0800;
  });

  it("does not revive a lapsed hold whose time has passed, nor one of a service since deactivated", async () => {
    const soon = await visitor().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-01T09:15:00Z")));
    const other = await visitor().bookings.hold(inPerson(world.services.hour.id, new Date("2027-03-04T11:00:00Z")));
    clock.now = new Date("2027-03-01T09:30:00Z");
    await expect(confirmAsGuest(visitor(), soon)).rejects.toMatchObject({
      message: expect.stringMatching(/already passed/),
      cause: expect.objectContaining({ code: "SLOT_TAKEN" }),
    });
    await callerFor(db.db, asUser(world.providerUser), now).providers.setServiceActive({ serviceId: world.services.hour.id, isActive: false });
    await expect(confirmAsGuest(visitor(), other)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "NOT_FOUND" }) });
    await callerFor(db.db, asUser(world.providerUser), now).providers.setServiceActive({ serviceId: world.services.hour.id, isActive: true });
    clock.now = MONDAY_0800;
  });

  it("does not revive a lapsed hold past the daily limit someone else has since reached", async () => {
    const first = await visitor().bookings.hold(inPerson(capped.id, new Date("2027-03-04T09:00:00Z")));
    clock.now = new Date(MONDAY_0800.getTime() + minutes(11));
    const second = await visitor().bookings.hold(inPerson(capped.id, new Date("2027-03-04T10:00:00Z")));
    await expect(confirmAsGuest(visitor(), second)).resolves.toMatchObject({ status: "CONFIRMED" });
    await expect(confirmAsGuest(visitor(), first)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });
    clock.now = MONDAY_0800;
  });

  it("does not confirm a live hold once the provider is suspended", async () => {
    const hold = await visitor().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-08T09:00:00Z")));
    await db.db.update(providers).set({ status: "SUSPENDED" }).where(eq(providers.id, world.provider.id));
    try {
      await expect(confirmAsGuest(visitor(), hold)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "NOT_FOUND" }) });
    } finally {
      await db.db.update(providers).set({ status: "APPROVED" }).where(eq(providers.id, world.provider.id));
    }
  });
});

describe("one lock order: the provider's lock before any booking row", () => {
  /**
   * Another transaction holds the provider's lock and then needs the booking's row, as a
   * sweep of lapsed holds or a provider's cancellation does. A use case that locked the row
   * first and then waited for the provider's lock would deadlock with it (40P01).
   */
  async function whileAnotherWriterNeedsTheRow(bookingId: string, start: () => Promise<unknown>, touch: string) {
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 42))", [world.provider.id]);
      const outcome = start().then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query(touch, [bookingId]);
      await client.query("COMMIT");
      return await outcome;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  }

  it("when a lapsed hold is revived", async () => {
    const hold = await visitor().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-16T09:00:00Z")));
    clock.now = new Date(MONDAY_0800.getTime() + minutes(11));
    await verifyGuestContact(visitor(), db.db, hold, guest);
    const outcome = await whileAnotherWriterNeedsTheRow(
      hold.holdId,
      () => visitor().bookings.confirm(confirmInput(hold)),
      "UPDATE bookings SET status = 'EXPIRED' WHERE id = $1 AND status = 'HELD'",
    );
    clock.now = MONDAY_0800;
    expect(outcome).toMatchObject({ ok: true, value: { status: "CONFIRMED" } });
  });

  it("when a booking is rescheduled", async () => {
    const caller = visitor();
    const booked = await confirmAsGuest(caller, await caller.bookings.hold(inPerson(world.services.short.id, new Date("2027-03-16T10:00:00Z"))));
    const outcome = await whileAnotherWriterNeedsTheRow(
      booked.id,
      () => visitor().bookings.rescheduleManaged({ token: booked.manageToken, startsAt: new Date("2027-03-16T11:00:00Z"), mode: "IN_PERSON", locationId: world.location.id }),
      "UPDATE bookings SET notes = 'touched' WHERE id = $1",
    );
    expect(outcome).toMatchObject({ ok: true, value: { startsAt: new Date("2027-03-16T11:00:00Z") } });
  });
});

describe("the daily limit under concurrency", () => {
  it("is checked inside the provider's lock: two holds queued behind a writer cannot both pass", async () => {
    // Another writer holds the provider's lock while two holds of one capped day arrive; a
    // check made before taking the lock would see the day empty for both.
    const client = await db.pool.connect();
    let results: PromiseSettledResult<unknown>[];
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 42))", [world.provider.id]);
      const racing = Promise.allSettled([
        visitor().bookings.hold(inPerson(capped.id, new Date("2027-03-17T09:00:00Z"))),
        visitor().bookings.hold(inPerson(capped.id, new Date("2027-03-17T11:00:00Z"))),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query("COMMIT");
      results = await racing;
    } finally {
      client.release();
    }
    expect(results.map((r) => (r.status === "fulfilled" ? "held" : appCodeOf(r.reason))).sort()).toEqual(["SLOT_TAKEN", "held"]);
  });

  it("lets one of seven concurrent holds on different times of a day with a limit of one pass", async () => {
    const day = new Date("2027-03-05T09:00:00Z").getTime();
    const results = await Promise.allSettled(
      Array.from({ length: 7 }, (_, i) => visitor().bookings.hold(inPerson(capped.id, new Date(day + i * minutes(30))))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(appCodeOf(r.reason)).toBe("SLOT_TAKEN");
  });
});

describe("released holds", () => {
  it("cannot be confirmed with their old token", async () => {
    const caller = visitor();
    const hold = await caller.bookings.hold(inPerson(world.services.short.id, new Date("2027-03-09T09:00:00Z")));
    await expect(caller.bookings.releaseHold({ holdId: hold.holdId, holdToken: hold.holdToken })).resolves.toEqual({ released: true });
    await expect(caller.bookings.confirm(confirmInput(hold))).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/reservation was released/),
    });
    // Nor once it would have lapsed anyway.
    clock.now = new Date(MONDAY_0800.getTime() + minutes(11));
    await expect(caller.bookings.confirm(confirmInput(hold))).rejects.toMatchObject({ code: "NOT_FOUND" });
    clock.now = MONDAY_0800;
  });
});

describe("hold caps per visitor", () => {
  it("allows two live holds per provider and three in all, counting only a keyed hash of the address", async () => {
    const second = await createBookingWorld(db.db);
    const ip = "198.51.100.23";
    const me = () => visitor(ip);
    const a = await me().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-10T09:00:00Z")));
    await me().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-10T10:00:00Z")));
    await expect(me().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-10T11:00:00Z")))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/already holding 2 times; finish booking or release one first/i),
      cause: expect.objectContaining({ code: "RATE_LIMITED" }),
    });
    // Someone else is not affected.
    await expect(visitor().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-10T11:00:00Z")))).resolves.toBeDefined();
    await me().bookings.hold(inPerson(second.services.short.id, new Date("2027-03-10T09:00:00Z"), second));
    await expect(me().bookings.hold(inPerson(second.services.short.id, new Date("2027-03-10T10:00:00Z"), second))).rejects.toMatchObject({
      message: expect.stringMatching(/already holding 3 times/),
      cause: expect.objectContaining({ code: "RATE_LIMITED" }),
    });

    const [stored] = await db.db.select({ key: bookings.holdClientKey }).from(bookings).where(eq(bookings.id, a.holdId));
    expect(stored?.key).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.key).not.toContain(ip);

    // Finishing one frees a place, and the booking keeps no client key.
    await confirmAsGuest(me(), a);
    const [booked] = await db.db.select({ key: bookings.holdClientKey }).from(bookings).where(eq(bookings.id, a.holdId));
    expect(booked?.key).toBeNull();
    await expect(me().bookings.hold(inPerson(second.services.short.id, new Date("2027-03-10T10:00:00Z"), second))).resolves.toBeDefined();

    // Lapsed holds stop counting.
    clock.now = new Date(MONDAY_0800.getTime() + minutes(11));
    await expect(me().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-11T09:00:00Z")))).resolves.toBeDefined();
    clock.now = MONDAY_0800;
  });

  it("counts an IPv6 visitor by its /64, as the rate limits do (one subscriber holds a whole /64)", async () => {
    const from = (ip: string) => callerFor(db.db, anonymous, now, { ip });
    await from("2001:db8:7:7::1").bookings.hold(inPerson(world.services.short.id, new Date("2027-03-17T09:00:00Z")));
    await from("2001:db8:7:7::2").bookings.hold(inPerson(world.services.short.id, new Date("2027-03-17T10:00:00Z")));
    await expect(from("2001:db8:7:7:ffff::3").bookings.hold(inPerson(world.services.short.id, new Date("2027-03-17T11:00:00Z")))).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "RATE_LIMITED" }),
    });
    await expect(from("2001:db8:7:8::1").bookings.hold(inPerson(world.services.short.id, new Date("2027-03-17T11:00:00Z")))).resolves.toBeDefined();
  });

  it("treats requests with no known address as one visitor", async () => {
    const unknown = () => callerFor(db.db, anonymous, now);
    await unknown().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-12T09:00:00Z")));
    await unknown().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-12T10:00:00Z")));
    await expect(unknown().bookings.hold(inPerson(world.services.short.id, new Date("2027-03-12T11:00:00Z")))).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "RATE_LIMITED" }),
    });
  });
});

describe("a provider who is not approved", () => {
  for (const status of ["PENDING", "REJECTED", "SUSPENDED"] as const) {
    it(`(${status}) cannot be booked, changes nothing and decides nothing, but still reads their own data`, async () => {
      const w = await createBookingWorld(db.db);
      const caller = visitor();
      const booked = await confirmAsGuest(caller, await caller.bookings.hold(inPerson(w.services.short.id, new Date("2027-03-03T09:00:00Z"), w)));
      const [override] = [await callerFor(db.db, asUser(w.providerUser), now).availability.addOverride({ startDate: "2027-04-01", endDate: "2027-04-01", kind: "OFF" })];
      await db.db.update(providers).set({ status }).where(eq(providers.id, w.provider.id));

      await expect(
        visitor().availability.slots({ providerId: w.provider.id, serviceId: w.services.short.id, from: MONDAY_0800, days: 7 }),
      ).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/not available for booking/) });
      await expect(visitor().bookings.hold(inPerson(w.services.short.id, new Date("2027-03-03T10:00:00Z"), w))).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: expect.stringMatching(/not available for booking/),
      });

      const provider = callerFor(db.db, asUser(w.providerUser), now);
      const mutations: Record<string, () => Promise<unknown>> = {
        saveWeeklySchedule: () => provider.availability.saveWeeklySchedule({ rules: [] }),
        addOverride: () => provider.availability.addOverride({ startDate: "2027-05-01", endDate: "2027-05-01", kind: "OFF" }),
        removeOverride: () => provider.availability.removeOverride({ overrideId: override!.id }),
        saveSettings: () => provider.providers.saveSettings({ timeZone: "Europe/London", cancellationCutoffMinutes: 60 }),
        saveService: () =>
          provider.providers.saveService({ serviceId: null, service: { name: "New", durationMinutes: 30, priceMinor: 100, currency: "EUR", isOnline: true, isInPerson: false } }),
        setServiceActive: () => provider.providers.setServiceActive({ serviceId: w.services.short.id, isActive: false }),
        decide: () => provider.bookings.decide({ bookingId: booked.id, decision: "DECLINE" }),
        cancelAsProvider: () => provider.bookings.cancelAsProvider({ bookingId: booked.id, reason: "Closing" }),
        markOutcome: () => provider.bookings.markOutcome({ bookingId: booked.id, outcome: "NO_SHOW" }),
      };
      for (const [name, call] of Object.entries(mutations)) {
        const error = await call().then(() => null, (e: unknown) => e);
        expect({ name, code: (error as { code?: string } | null)?.code }).toEqual({ name, code: "FORBIDDEN" });
        expect((error as Error).message).toMatch(status === "PENDING" ? /waiting for verification/ : status === "REJECTED" ? /not approved/ : /suspended/);
      }

      await expect(provider.providers.me()).resolves.toMatchObject({ id: w.provider.id });
      await expect(provider.providers.myServices()).resolves.toEqual(expect.any(Array));
      await expect(provider.availability.mySchedule()).resolves.toMatchObject({ overrides: [expect.objectContaining({ id: override!.id })] });
      await expect(provider.bookings.providerList({ from: new Date("2027-03-01T00:00:00Z"), to: new Date("2027-04-01T00:00:00Z") })).resolves.toMatchObject({
        items: [expect.objectContaining({ id: booked.id, status: "CONFIRMED" })],
      });
      const [after] = await db.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, booked.id));
      expect(after?.status).toBe("CONFIRMED");
    });
  }
});
