import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createLocation, createOrganization } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor } from "@/test/trpc";
import { decodePublicSlots } from "../slot-encoding";

let db: TestDatabase;
let world: BookingWorld;
const now = () => MONDAY_0800;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
});
afterAll(() => db.drop());

const provider = () => callerFor(db.db, asUser(world.providerUser), now);

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause as { issues?: { path: PropertyKey[]; message: string }[]; details?: { fieldErrors?: Record<string, string[]> } };
    if (cause?.issues) {
      const out: Record<string, string[]> = {};
      for (const issue of cause.issues) (out[issue.path.map(String).join(".")] ??= []).push(issue.message);
      return out;
    }
    return cause?.details?.fieldErrors ?? {};
  }
  throw new Error("expected the call to fail");
}

describe("weekly schedule", () => {
  it("rejects impossible schedules with field-level messages", async () => {
    const errors = await fieldErrorsOf(
      provider().availability.saveWeeklySchedule({
        rules: [
          { weekday: 1, startMinute: 600, endMinute: 540, mode: "ONLINE", locationId: null },
          { weekday: 2, startMinute: 540, endMinute: 720, mode: "ONLINE", locationId: null },
          { weekday: 2, startMinute: 700, endMinute: 800, mode: "ONLINE", locationId: null },
          { weekday: 3, startMinute: 540, endMinute: 600, mode: "IN_PERSON", locationId: null },
        ],
      }),
    );
    expect(errors["rules.0.endMinute"]).toEqual(["The end must be after the start."]);
    expect(errors["rules.2.startMinute"]?.[0]).toMatch(/overlaps another one on the same day/);
    expect(errors["rules.3.locationId"]).toEqual(["Choose where in-person visits take place."]);
  });

  it("refuses a location of a practice the provider does not belong to", async () => {
    const elsewhere = await createLocation(db.db, { organizationId: (await createOrganization(db.db)).id });
    const errors = await fieldErrorsOf(
      provider().availability.saveWeeklySchedule({ rules: [{ weekday: 1, startMinute: 540, endMinute: 600, mode: "IN_PERSON", locationId: elsewhere.id }] }),
    );
    expect(errors["rules.0.locationId"]).toEqual(["Choose one of your practice's locations."]);
  });

  it("saves a new week and the public slots follow; nothing is half-written on failure", async () => {
    const before = await provider().availability.mySchedule();
    await expect(
      provider().availability.saveWeeklySchedule({ rules: [{ weekday: 6, startMinute: 600, endMinute: 1440, mode: "ONLINE", locationId: "00000000-0000-4000-8000-000000000000" }] }),
    ).rejects.toBeInstanceOf(TRPCError);
    expect((await provider().availability.mySchedule()).rules).toEqual(before.rules);

    await provider().availability.saveWeeklySchedule({ rules: [{ weekday: 6, startMinute: 600, endMinute: 720, mode: "ONLINE", locationId: null }] });
    const { slots } = decodePublicSlots(await callerFor(db.db, anonymous, now).availability.slots({
      providerId: world.provider.id,
      serviceId: world.services.short.id,
      from: MONDAY_0800,
      days: 7,
    }));
    expect(new Set(slots.map((s) => s.startsAt.getUTCDay()))).toEqual(new Set([6]));
    expect(slots[0]).toMatchObject({ startsAt: new Date("2027-03-06T10:00:00Z"), mode: "ONLINE" });
    expect(slots.at(-1)?.startsAt).toEqual(new Date("2027-03-06T11:30:00Z"));
  });

  it("applies overrides: a day off removes that day's slots", async () => {
    const { id } = await provider().availability.addOverride({ startDate: "2027-03-06", endDate: "2027-03-06", kind: "OFF", reason: "Conference" });
    const slots = await callerFor(db.db, anonymous, now).availability.slots({ providerId: world.provider.id, serviceId: world.services.short.id, from: MONDAY_0800, days: 7 });
    expect(slots.days).toEqual([]);
    await provider().availability.removeOverride({ overrideId: id });
    expect(
      decodePublicSlots(await callerFor(db.db, anonymous, now).availability.slots({ providerId: world.provider.id, serviceId: world.services.short.id, from: MONDAY_0800, days: 7 })).slots.length,
    ).toBeGreaterThan(0);
    const errors = await fieldErrorsOf(provider().availability.addOverride({ startDate: "2027-03-09", endDate: "2027-03-08", kind: "EXTRA" }));
    expect(errors.endDate).toEqual(["The last day must not be before the first day."]);
    expect(errors.intervals).toEqual(["Add at least one interval of extra hours."]);
  });
});

describe("services and settings", () => {
  it("rejects a zero-length service and an unknown time zone, naming the field", async () => {
    const errors = await fieldErrorsOf(
      provider().providers.saveService({ serviceId: null, service: { name: "Zero", durationMinutes: 0, priceMinor: 100, currency: "EUR", isOnline: true, isInPerson: false } }),
    );
    expect(errors["service.durationMinutes"]).toEqual(["A service lasts at least 5 minutes."]);
    const modeErrors = await fieldErrorsOf(
      provider().providers.saveService({ serviceId: null, service: { name: "Nowhere", durationMinutes: 30, priceMinor: 100, currency: "EUR", isOnline: false, isInPerson: false } }),
    );
    expect(modeErrors["service.isOnline"]).toEqual(["Offer the service online, in person, or both."]);
    const zoneErrors = await fieldErrorsOf(provider().providers.saveSettings({ timeZone: "Europe/Atlantis", cancellationCutoffMinutes: 60 }));
    expect(zoneErrors.timeZone?.[0]).toMatch(/IANA time zone/);
  });

  it("creates a service whose parameters drive its slots", async () => {
    const created = await provider().providers.saveService({
      serviceId: null,
      service: { name: "Quick call", durationMinutes: 20, priceMinor: 2_000, currency: "GBP", isOnline: true, isInPerson: false, slotStepMinutes: 60, minimumNoticeMinutes: 0 },
    });
    expect(created).toMatchObject({ name: "Quick call", isActive: true, slotStepMinutes: 60 });
    const { slots } = decodePublicSlots(await callerFor(db.db, anonymous, now).availability.slots({ providerId: world.provider.id, serviceId: created.id, from: MONDAY_0800, days: 7 }));
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual(["2027-03-06T10:00:00.000Z", "2027-03-06T11:00:00.000Z"]);
    await provider().providers.setServiceActive({ serviceId: created.id, isActive: false });
    await expect(
      callerFor(db.db, anonymous, now).availability.slots({ providerId: world.provider.id, serviceId: created.id, from: MONDAY_0800, days: 7 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("moves online hours with the provider's time zone (Asia/Kolkata, +5:30)", async () => {
    await provider().providers.saveSettings({ timeZone: "Asia/Kolkata", cancellationCutoffMinutes: 120 });
    const { slots, providerTimeZone } = decodePublicSlots(await callerFor(db.db, anonymous, now).availability.slots({
      providerId: world.provider.id,
      serviceId: world.services.short.id,
      from: MONDAY_0800,
      days: 7,
    }));
    expect(providerTimeZone).toBe("Asia/Kolkata");
    expect(slots[0]?.startsAt.toISOString()).toBe("2027-03-06T04:30:00.000Z"); // 10:00 IST
  });
});
