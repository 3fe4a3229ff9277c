import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findNextFreeTimes } from "@/features/search/server/find-next-free-times";
import { locationClosures, organizations, providerOrganizations } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createBookingAt, createClosure, createClosureWorld, type ClosureWorld } from "@/test/factories/closures";
import { getPublicSlots } from "./get-public-slots";

/** Monday 21 December 2026, 08:00 UTC. */
const NOW = new Date("2026-12-21T08:00:00Z");

let db: TestDatabase;
let world: ClosureWorld;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createClosureWorld(db.db);
});
afterAll(() => db.drop());

beforeEach(async () => {
  await db.db.delete(locationClosures);
  await db.db.update(providerOrganizations).set({ status: "ACTIVE" }).where(eq(providerOrganizations.providerId, world.provider.id));
  await db.db.update(organizations).set({ status: "APPROVED" }).where(eq(organizations.id, world.organization.id));
});

/** Slots of one local date (Lisbon and London are both on UTC in December), uncached. */
async function slotsOn(date: string) {
  const { slots, locations } = await getPublicSlots({
    db: db.db,
    input: { providerId: world.provider.id, serviceId: world.service.id, from: new Date("2026-12-21T00:00:00Z"), days: 14 },
    now: NOW,
    cache: null,
  });
  const that = slots.filter((s) => s.startsAt.toISOString().startsWith(date));
  return {
    lisbon: that.filter((s) => s.locationId === world.lisbon.id).length,
    london: that.filter((s) => s.locationId === world.london.id).length,
    online: that.filter((s) => s.mode === "ONLINE").length,
    locationNames: locations.map((l) => l.name).sort(),
  };
}

describe("in-person slots only where the provider may work now", () => {
  it("are offered while the link is ACTIVE and the organization APPROVED", async () => {
    expect(await slotsOn("2026-12-22")).toEqual({ lisbon: 6, london: 6, online: 4, locationNames: ["Atlantic Lisbon", "Atlantic London"] });
  });

  it("disappear when the provider's link to the organization ends; online hours stay", async () => {
    await db.db
      .update(providerOrganizations)
      .set({ status: "ENDED", endedAt: NOW })
      .where(and(eq(providerOrganizations.providerId, world.provider.id), eq(providerOrganizations.organizationId, world.organization.id)));
    expect(await slotsOn("2026-12-22")).toEqual({ lisbon: 0, london: 0, online: 4, locationNames: [] });
  });

  it("disappear while the organization is suspended", async () => {
    await db.db.update(organizations).set({ status: "SUSPENDED" }).where(eq(organizations.id, world.organization.id));
    expect(await slotsOn("2026-12-22")).toMatchObject({ lisbon: 0, london: 0, online: 4 });
  });
});

describe("closures in the slot engine and in search", () => {
  it("an accepted closure removes in-person slots at its location on its dates; a rejected holiday does not", async () => {
    await createClosure(db.db, { locationId: world.lisbon.id, startDate: "2026-12-25", endDate: "2026-12-25", name: "Natal", source: "PUBLIC_HOLIDAY", accepted: true });
    await createClosure(db.db, { locationId: world.london.id, startDate: "2026-12-25", endDate: "2026-12-25", name: "Christmas Day", source: "PUBLIC_HOLIDAY", accepted: false });
    expect(await slotsOn("2026-12-25")).toMatchObject({ lisbon: 0, london: 6, online: 4 });
    expect(await slotsOn("2026-12-24")).toMatchObject({ lisbon: 6, london: 6, online: 4 });
  });

  it("search's next free time skips a closed date at that location, not online", async () => {
    const from = new Date("2026-12-25T00:00:00Z");
    const to = new Date("2027-01-01T00:00:00Z");
    const ask = async () => {
      const { nextFree } = await findNextFreeTimes({
        db: db.db,
        requests: [
          { providerId: world.provider.id, mode: "IN_PERSON", locationId: world.lisbon.id },
        ],
        from,
        to,
        now: NOW,
      });
      const online = await findNextFreeTimes({ db: db.db, requests: [{ providerId: world.provider.id, mode: "ONLINE", locationId: null }], from, to, now: NOW });
      return { inPerson: nextFree.get(world.provider.id)?.startsAt, online: online.nextFree.get(world.provider.id)?.startsAt };
    };
    expect(await ask()).toEqual({ inPerson: Date.parse("2026-12-25T09:00:00Z"), online: Date.parse("2026-12-25T17:00:00Z") });
    await createClosure(db.db, { locationId: world.lisbon.id, startDate: "2026-12-25", endDate: "2026-12-25", name: "Natal", source: "PUBLIC_HOLIDAY" });
    // Friday closed; the weekend has no hours; Monday the 28th at 09:00 in Lisbon.
    expect(await ask()).toEqual({ inPerson: Date.parse("2026-12-28T09:00:00Z"), online: Date.parse("2026-12-25T17:00:00Z") });
  });

  it("a closure does not hide the busy time of a booking already there (it still blocks the provider elsewhere)", async () => {
    await createBookingAt(db.db, {
      providerId: world.provider.id,
      serviceId: world.service.id,
      patientUserId: world.patient.id,
      locationId: world.lisbon.id,
      startsAt: new Date("2026-12-23T17:00:00Z"),
    });
    await createClosure(db.db, { locationId: world.lisbon.id, startDate: "2026-12-23", endDate: "2026-12-23", name: "Works", source: "MANUAL" });
    expect(await slotsOn("2026-12-23")).toMatchObject({ lisbon: 0, london: 6, online: 3 });
  });
});
