import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";

/**
 * Every procedure of the booking core, called by someone who must not be able to use it on
 * this data: a visitor, another patient, another provider.
 */
let db: TestDatabase;
let world: BookingWorld;
let booking: { id: string; manageToken: string };
let overrideId: string;
const now = () => MONDAY_0800;

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

const patientOnly: Record<string, Call> = {
  "bookings.mine": (c) => c.bookings.mine({}),
  "bookings.cancelMine": (c) => c.bookings.cancelMine({ bookingId: booking.id }),
  "bookings.rescheduleMine": (c) =>
    c.bookings.rescheduleMine({ bookingId: booking.id, startsAt: new Date("2027-03-03T14:00:00Z"), mode: "ONLINE", locationId: null }),
};

describe("as a visitor (anonymous)", () => {
  for (const [name, call] of Object.entries({ ...providerOnly, ...patientOnly })) {
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
  for (const name of Object.keys(providerOnly)) {
    it(`${name} answers FORBIDDEN (no provider profile)`, async () => {
      expect(await codeOf(providerOnly[name]!(callerFor(db.db, actor(), now)))).toBe("FORBIDDEN");
    });
  }
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
  });
});
