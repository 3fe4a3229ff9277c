import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createLocation, createOrganization, createProvider, createWeeklyRules, linkProviderToOrganization } from "@/test/factories";
import { createBookingWorld, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp } from "@/test/trpc";
import { decodePublicSlots } from "../slot-encoding";

/**
 * Availability across time zones: a London provider with a New York clinic, a New York
 * provider on the 25-hour day when the clocks go back, and weekly hours at two places that
 * must be compared in real time.
 */
let db: TestDatabase;
let world: BookingWorld;
let newYork: { id: string };
const clock = { now: new Date("2027-01-04T08:00:00Z") };
const now = () => clock.now;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
  const clinic = await createOrganization(db.db);
  newYork = await createLocation(db.db, { organizationId: clinic.id, timeZone: "America/New_York", name: "Manhattan", formattedAddress: "1 Broadway, New York, NY" });
  await linkProviderToOrganization(db.db, world.provider.id, clinic.id);
});
afterAll(() => db.drop());

const provider = () => callerFor(db.db, asUser(world.providerUser), now);
const visitor = () => callerFor(db.db, anonymous, now, { ip: nextClientIp() });
const inNewYork = (startMinute: number, endMinute: number) => ({ startMinute, endMinute, mode: "IN_PERSON" as const, locationId: newYork.id });

async function startsOn(date: string): Promise<string[]> {
  const { slots } = decodePublicSlots(await visitor().availability.slots({
    providerId: world.provider.id,
    serviceId: world.services.short.id,
    from: new Date(`${date}T00:00:00Z`),
    days: 1,
  }));
  return slots.map((s) => s.startsAt.toISOString().slice(11, 16));
}

async function failureOf(promise: Promise<unknown>): Promise<{ message: string; fieldErrors: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause as { issues?: { path: PropertyKey[]; message: string }[]; details?: { fieldErrors?: Record<string, string[]> } };
    const fieldErrors: Record<string, string[]> = { ...cause?.details?.fieldErrors };
    for (const issue of cause?.issues ?? []) (fieldErrors[issue.path.map(String).join(".")] ??= []).push(issue.message);
    return { message: error.message, fieldErrors };
  }
  throw new Error("expected the call to fail");
}

describe("override hours at a location in another zone", () => {
  it("are offered at the location's wall-clock time, like its weekly hours (EXTRA and REPLACE)", async () => {
    await provider().availability.saveWeeklySchedule({ rules: [{ weekday: 1, ...inNewYork(540, 720) }] });
    // Monday 18 January 2027: 09:00–12:00 in New York (EST) is 14:00–17:00Z.
    const monday = await startsOn("2027-01-18");
    expect([monday[0], monday.at(-1)]).toEqual(["14:00", "16:30"]);

    await provider().availability.addOverride({ startDate: "2027-01-19", endDate: "2027-01-19", kind: "EXTRA", intervals: [inNewYork(540, 720)] });
    const extra = await startsOn("2027-01-19");
    expect([extra[0], extra.at(-1)]).toEqual(["14:00", "16:30"]);

    await provider().availability.addOverride({ startDate: "2027-01-25", endDate: "2027-01-25", kind: "REPLACE", intervals: [inNewYork(600, 660)] });
    expect(await startsOn("2027-01-25")).toEqual(["15:00", "15:15", "15:30"]);
  });
});

describe("the daily limit on the 25-hour day (New York, Sunday 7 November 2027)", () => {
  async function newYorkProvider() {
    const organization = await createOrganization(db.db);
    const location = await createLocation(db.db, { organizationId: organization.id, timeZone: "America/New_York" });
    const { provider: p, services } = await createProvider(db.db, {
      provider: { timeZone: "America/New_York" },
      services: [{ name: "Quarter", durationMinutes: 15, slotStepMinutes: 15, minimumNoticeMinutes: 0, bookingHorizonDays: 60, maxBookingsPerDay: 1, isOnline: false }],
    });
    await linkProviderToOrganization(db.db, p.id, organization.id);
    await createWeeklyRules(db.db, p.id, [{ weekday: 7, startMinute: 0, endMinute: 1440, mode: "IN_PERSON", locationId: location.id }]);
    const hold = (startsAt: string) =>
      visitor().bookings.hold({ providerId: p.id, serviceId: services[0]!.id, startsAt: new Date(startsAt), mode: "IN_PERSON", locationId: location.id });
    return { hold };
  }
  const MIDNIGHT_EDT = "2027-11-07T04:00:00Z";
  const LATE_EST = "2027-11-08T04:45:00Z"; // 23:45 EST, the same local Sunday

  beforeAll(() => {
    clock.now = new Date("2027-11-01T12:00:00Z");
  });

  it("refuses a second booking late on the day after one at its first minute", async () => {
    const { hold } = await newYorkProvider();
    await hold(MIDNIGHT_EDT);
    await expect(hold(LATE_EST)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });
  });

  it("refuses a booking at its first minute after one late on the day", async () => {
    const { hold } = await newYorkProvider();
    await hold(LATE_EST);
    await expect(hold(MIDNIGHT_EDT)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });
  });

  it("as on an ordinary 24-hour Sunday", async () => {
    const { hold } = await newYorkProvider();
    await hold("2027-11-14T05:00:00Z");
    await expect(hold("2027-11-15T04:45:00Z")).rejects.toMatchObject({ cause: expect.objectContaining({ code: "SLOT_TAKEN" }) });
  });
});

describe("weekly hours at places in different zones", () => {
  beforeAll(() => {
    clock.now = new Date("2027-01-04T08:00:00Z");
  });
  const inLondon = (startMinute: number, endMinute: number) => ({ startMinute, endMinute, mode: "IN_PERSON" as const, locationId: world.location.id });

  it("refuses hours that are the same real time (New York 09–12 and London 14–17)", async () => {
    const failure = await failureOf(
      provider().availability.saveWeeklySchedule({ rules: [{ weekday: 1, ...inNewYork(540, 720) }, { weekday: 1, ...inLondon(840, 1020) }] }),
    );
    expect(failure.fieldErrors["rules.1.startMinute"]?.[0]).toMatch(/overlaps Monday 09:00–12:00 \(America\/New_York\) in real time/);
    const online = await failureOf(
      provider().availability.saveWeeklySchedule({
        rules: [{ weekday: 1, ...inNewYork(540, 720) }, { weekday: 1, startMinute: 900, endMinute: 960, mode: "ONLINE", locationId: null }],
      }),
    );
    expect(online.fieldErrors["rules.1.startMinute"]?.[0]).toMatch(/in real time/);
  });

  it("accepts hours that never meet (New York 09–12 and London 09–12)", async () => {
    const saved = await provider().availability.saveWeeklySchedule({ rules: [{ weekday: 1, ...inNewYork(540, 720) }, { weekday: 1, ...inLondon(540, 720) }] });
    expect(saved).toHaveLength(2);
    const monday = await startsOn("2027-01-18");
    expect(monday).toContain("09:00");
    expect(monday).toContain("14:00");
  });

  it("refuses hours that meet only while the two zones' clocks disagree (March 2027)", async () => {
    // New York 09:00–10:00 is London 14:00–15:00 most of the year, but 13:00–14:00 in the
    // weeks after the US moves its clocks (14 March) and before the UK does (28 March).
    const failure = await failureOf(
      provider().availability.saveWeeklySchedule({ rules: [{ weekday: 1, ...inNewYork(540, 600) }, { weekday: 1, ...inLondon(780, 840) }] }),
    );
    expect(failure.fieldErrors["rules.1.startMinute"]?.[0]).toMatch(/for example on 2027-03-(15|22)/);
  });
});
