import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bookings, externalBusyIntervals, locationClosures, organizations, providerOrganizations } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";
import { publicSlotsInput } from "../schemas";
import { decodePublicSlots, type CompactPublicSlots } from "../slot-encoding";
import { findAvailabilityVersion } from "./availability-repository";
import { getCompactSlots } from "./get-compact-slots";
import { publicSlotCache, SlotCache } from "./slot-cache";

/**
 * The public slot cache against real PostgreSQL: every answer it serves equals a fresh
 * computation, and no write committed before a read is missing from that read, with reads
 * racing the writes and with two caches standing for two app instances.
 */
let db: TestDatabase;
let world: BookingWorld;
const clock = { now: MONDAY_0800 };
const now = () => clock.now;
const guest = { name: "Gail Guest", email: "gail@example.test", phone: "+447700900001" };
const HOLD_MINUTES = 10;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
});
afterAll(() => db.drop());
beforeEach(() => {
  clock.now = MONDAY_0800;
});

const visitor = () => callerFor(db.db, anonymous, now, { ip: nextClientIp() });
const provider = () => callerFor(db.db, asUser(world.providerUser), now);
const slotsInput = () => ({ providerId: world.provider.id, serviceId: world.services.short.id, from: MONDAY_0800, days: 3 });

type Decoded = ReturnType<typeof decodePublicSlots>["slots"][number];
const keyOf = (slot: Pick<Decoded, "startsAt" | "mode" | "locationId">) => `${slot.startsAt.toISOString()}|${slot.mode}|${slot.locationId ?? ""}`;
const keys = (compact: CompactPublicSlots) => decodePublicSlots(compact).slots.map(keyOf);

/** Through the router, as the slot picker asks: the process's cache. */
const read = async () => visitor().availability.slots(slotsInput());
/** The same question with no cache at all: what the answer must be. */
const fresh = async () => getCompactSlots({ db: db.db, input: publicSlotsInput.parse(slotsInput()), now: clock.now, cache: null });

async function expectCachedEqualsFresh(): Promise<CompactPublicSlots> {
  const cached = await read();
  expect(cached).toEqual(await fresh());
  return cached;
}

/** In-person starts at least an hour apart, so holds on them never collide. */
async function separateInPersonSlots(count: number): Promise<Decoded[]> {
  const apart: Decoded[] = [];
  for (const slot of decodePublicSlots(await fresh()).slots) {
    if (slot.mode !== "IN_PERSON") continue;
    const last = apart.at(-1);
    if (!last || slot.startsAt.getTime() >= last.endsAt.getTime() + 3_600_000) apart.push(slot);
  }
  expect(apart.length).toBeGreaterThanOrEqual(count);
  return apart.slice(0, count);
}

const holdOf = (slot: Decoded) => ({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt: slot.startsAt, mode: slot.mode, locationId: slot.locationId });

describe("the public slot cache", () => {
  it("serves a repeated read from the cache, and a committed hold takes its slot off the very next read", async () => {
    expect(publicSlotCache).not.toBeNull();
    const cache = publicSlotCache!;
    const first = await expectCachedEqualsFresh();
    const hits = cache.hits;
    expect(await read()).toEqual(first);
    expect(cache.hits).toBe(hits + 1);

    const [slot] = await separateInPersonSlots(1);
    const before = await findAvailabilityVersion(db.db, world.provider.id);
    const hold = await visitor().bookings.hold(holdOf(slot!));
    expect(await findAvailabilityVersion(db.db, world.provider.id)).toBeGreaterThan(before);
    const after = await expectCachedEqualsFresh();
    expect(keys(first)).toContain(keyOf(slot!));
    expect(keys(after)).not.toContain(keyOf(slot!));

    await visitor().bookings.releaseHold(hold);
    expect(keys(await expectCachedEqualsFresh())).toContain(keyOf(slot!));
  });

  it("never offers a slot after its hold committed, with reads racing a burst of concurrent holds", async () => {
    const targets = await separateInPersonSlots(8);
    let holding = true;
    const readers = Array.from({ length: 4 }, async () => {
      let reads = 0;
      while (holding || reads === 0) {
        await read();
        reads++;
      }
      return reads;
    });
    const holds = targets.map(async (slot) => {
      const hold = await visitor().bookings.hold(holdOf(slot));
      // The hold has committed: whatever any reader cached meanwhile, this read must not offer it.
      expect(keys(await read())).not.toContain(keyOf(slot));
      return hold;
    });
    const placed = await Promise.all(holds);
    holding = false;
    expect((await Promise.all(readers)).every((n) => n > 0)).toBe(true);
    const final = await expectCachedEqualsFresh();
    for (const slot of targets) expect(keys(final)).not.toContain(keyOf(slot));
    await Promise.all(placed.map((hold) => visitor().bookings.releaseHold(hold)));
    const released = await expectCachedEqualsFresh();
    for (const slot of targets) expect(keys(released)).toContain(keyOf(slot));
  });

  it("frees a slot when its booking is cancelled", async () => {
    const [slot] = await separateInPersonSlots(1);
    const caller = visitor();
    const hold = await caller.bookings.hold(holdOf(slot!));
    await verifyGuestContact(caller, db.db, hold, guest);
    const booking = await caller.bookings.confirm({ holdId: hold.holdId, holdToken: hold.holdToken, contact: guest, consent: true, patientTimeZone: "Europe/London" });
    expect(keys(await expectCachedEqualsFresh())).not.toContain(keyOf(slot!));
    await provider().bookings.cancelAsProvider({ bookingId: booking.id, reason: "Unwell today" });
    expect(keys(await expectCachedEqualsFresh())).toContain(keyOf(slot!));
  });

  it("offers a lapsed hold's slot again although no write marks the lapse", async () => {
    // A start well past the minimum notice at every moment of this test.
    const slot = (await separateInPersonSlots(3))[2]!;
    const hold = await visitor().bookings.hold(holdOf(slot));
    try {
      expect(keys(await expectCachedEqualsFresh())).not.toContain(keyOf(slot));
      clock.now = new Date(MONDAY_0800.getTime() + (HOLD_MINUTES - 1) * 60_000);
      expect(keys(await expectCachedEqualsFresh())).not.toContain(keyOf(slot));
      clock.now = new Date(MONDAY_0800.getTime() + HOLD_MINUTES * 60_000);
      expect(keys(await expectCachedEqualsFresh())).toContain(keyOf(slot));
    } finally {
      clock.now = MONDAY_0800;
      await visitor().bookings.releaseHold(hold);
    }
  });

  it("trims a cached list to the minimum notice of the moment it is read", async () => {
    const at0800 = await expectCachedEqualsFresh();
    const hits = publicSlotCache!.hits;
    clock.now = new Date(MONDAY_0800.getTime() + 47 * 60_000);
    const at0847 = await expectCachedEqualsFresh();
    // Served from the same entry (the fresh computation in between is uncached).
    expect(publicSlotCache!.hits).toBe(hits + 1);
    // The 60-minute notice from 08:47 rules out everything before 09:47: 10:00 is the first start.
    expect(decodePublicSlots(at0800).slots[0]!.startsAt.toISOString()).toBe("2027-03-01T09:00:00.000Z");
    expect(decodePublicSlots(at0847).slots[0]!.startsAt.toISOString()).toBe("2027-03-01T10:00:00.000Z");
  });

  it("follows weekly schedule, override and service changes", async () => {
    const before = keys(await expectCachedEqualsFresh());
    await provider().availability.saveWeeklySchedule({
      rules: [{ weekday: 2, startMinute: 600, endMinute: 660, mode: "IN_PERSON", locationId: world.location.id }],
    });
    const scheduled = keys(await expectCachedEqualsFresh());
    expect(scheduled).not.toEqual(before);
    expect(scheduled).toEqual(["2027-03-02T10:00:00.000Z", "2027-03-02T10:15:00.000Z", "2027-03-02T10:30:00.000Z"].map((iso) => `${iso}|IN_PERSON|${world.location.id}`));

    const { id } = await provider().availability.addOverride({ startDate: "2027-03-02", endDate: "2027-03-02", kind: "OFF", reason: "Training" });
    expect(keys(await expectCachedEqualsFresh())).toEqual([]);
    await provider().availability.removeOverride({ overrideId: id });
    expect(keys(await expectCachedEqualsFresh())).toEqual(scheduled);

    await provider().providers.saveService({
      serviceId: world.services.short.id,
      service: { name: "Short", durationMinutes: 30, priceMinor: 5_000, currency: "GBP", isOnline: true, isInPerson: true, slotStepMinutes: 30, minimumNoticeMinutes: 60, bookingHorizonDays: 60 },
    });
    expect(keys(await expectCachedEqualsFresh())).toEqual(["2027-03-02T10:00:00.000Z", "2027-03-02T10:30:00.000Z"].map((iso) => `${iso}|IN_PERSON|${world.location.id}`));
  });

  it("follows the provider's link to the organization, the organization's status and the location's closures", async () => {
    const inPerson = (compact: CompactPublicSlots) => decodePublicSlots(compact).slots.filter((slot) => slot.mode === "IN_PERSON");
    const firstDay = inPerson(await expectCachedEqualsFresh())[0]!.startsAt.toISOString().slice(0, 10);
    const link = and(eq(providerOrganizations.providerId, world.provider.id), eq(providerOrganizations.organizationId, world.organization.id));
    try {
      await db.db.update(providerOrganizations).set({ status: "ENDED" }).where(link);
      expect(inPerson(await expectCachedEqualsFresh())).toEqual([]);
      await db.db.update(providerOrganizations).set({ status: "ACTIVE" }).where(link);
      expect(inPerson(await expectCachedEqualsFresh())).not.toEqual([]);

      await db.db.update(organizations).set({ status: "SUSPENDED" }).where(eq(organizations.id, world.organization.id));
      expect(inPerson(await expectCachedEqualsFresh())).toEqual([]);
      await db.db.update(organizations).set({ status: "APPROVED" }).where(eq(organizations.id, world.organization.id));

      // London is on UTC in March, so the first slot's UTC date is its local date.
      await db.db.insert(locationClosures).values({ locationId: world.location.id, startDate: firstDay, endDate: firstDay, name: "Closed", source: "MANUAL" });
      const closed = inPerson(await expectCachedEqualsFresh());
      expect(closed.some((slot) => slot.startsAt.toISOString().startsWith(firstDay))).toBe(false);
    } finally {
      await db.db.update(providerOrganizations).set({ status: "ACTIVE" }).where(link);
      await db.db.update(organizations).set({ status: "APPROVED" }).where(eq(organizations.id, world.organization.id));
      await db.db.delete(locationClosures).where(eq(locationClosures.locationId, world.location.id));
    }
    expect(inPerson(await expectCachedEqualsFresh())[0]!.startsAt.toISOString().slice(0, 10)).toBe(firstDay);
  });

  it("takes imported busy time into account only once it commits, and bumps nothing for time-neutral booking updates", async () => {
    const ten = `2027-03-02T10:00:00.000Z|IN_PERSON|${world.location.id}`;
    expect(keys(await expectCachedEqualsFresh())).toContain(ten);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const writer = db.db.transaction(async (tx) => {
      await tx.insert(externalBusyIntervals).values({
        providerId: world.provider.id,
        source: "test-calendar",
        externalId: "dentist",
        startsAt: new Date("2027-03-02T10:00:00Z"),
        endsAt: new Date("2027-03-02T10:20:00Z"),
      });
      inserted();
      await gate;
    });
    await written;
    // Not committed: the slot is still free, and the cache may say so.
    expect(keys(await expectCachedEqualsFresh())).toContain(ten);
    release();
    await writer;
    expect(keys(await expectCachedEqualsFresh())).not.toContain(ten);

    await db.db.delete(externalBusyIntervals).where(eq(externalBusyIntervals.externalId, "dentist"));
    expect(keys(await expectCachedEqualsFresh())).toContain(ten);

    const versionBefore = await findAvailabilityVersion(db.db, world.provider.id);
    await db.db.update(bookings).set({ calendarSequence: sql`${bookings.calendarSequence} + 1` }).where(eq(bookings.providerId, world.provider.id));
    expect(await findAvailabilityVersion(db.db, world.provider.id)).toBe(versionBefore);
  });

  it("keeps two app instances' caches correct: each reads the version from PostgreSQL", async () => {
    const instanceA = new SlotCache(100);
    const instanceB = new SlotCache(100);
    const input = publicSlotsInput.parse({ providerId: world.provider.id, serviceId: world.services.short.id, from: MONDAY_0800, days: 3 });
    const readOn = (cache: SlotCache) => getCompactSlots({ db: db.db, input, now: clock.now, cache });
    await readOn(instanceA);
    await readOn(instanceB);
    expect(await readOn(instanceA)).toEqual(await readOn(instanceB));
    expect([instanceA.hits, instanceB.hits]).toEqual([1, 1]);

    const [slot] = await separateInPersonSlots(1);
    const hold = await visitor().bookings.hold(holdOf(slot!));
    for (const cache of [instanceA, instanceB]) {
      expect(keys(await readOn(cache))).not.toContain(keyOf(slot!));
      expect(cache.misses).toBe(2);
    }
    await visitor().bookings.releaseHold(hold);
    for (const cache of [instanceA, instanceB]) expect(keys(await readOn(cache))).toContain(keyOf(slot!));
  });
});
