import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePublicSlots } from "@/features/availability";
import { locationClosures, providerAvailabilityVersions } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createLocation, createOrganization, createUser } from "@/test/factories";
import { createBookingAt, createClosure, createClosureWorld, createMember, type ClosureWorld } from "@/test/factories/closures";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import { failure, outcome } from "@/test/call-outcome";

/** Monday 21 December 2026, 08:00 UTC: Christmas Day is that Friday. */
const NOW = new Date("2026-12-21T08:00:00Z");
const now = () => NOW;

let db: TestDatabase;
let world: ClosureWorld;
let organizationId: string;
const actors: Record<string, TestActor> = {};
const ROLES = ["OWNER", "ADMIN", "MANAGER", "STAFF"] as const;

const as = (actor: TestActor) => callerFor(db.db, actor, now);
const manager = () => as(actors.MANAGER!);

/** In-person slots per location and online slots on one local date (Lisbon and London share the date here). */
async function slotsOn(date: string) {
  const { slots } = decodePublicSlots(
    await as(anonymous).availability.slots({ providerId: world.provider.id, serviceId: world.service.id, from: new Date("2026-12-21T00:00:00Z"), days: 14 }),
  );
  const that = slots.filter((s) => s.startsAt.toISOString().startsWith(date));
  return {
    lisbon: that.filter((s) => s.locationId === world.lisbon.id).length,
    london: that.filter((s) => s.locationId === world.london.id).length,
    online: that.filter((s) => s.mode === "ONLINE").length,
  };
}

async function availabilityVersion(): Promise<number> {
  const [row] = await db.db.select().from(providerAvailabilityVersions).where(eq(providerAvailabilityVersions.providerId, world.provider.id));
  return Number(row?.version ?? 0);
}

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createClosureWorld(db.db);
  organizationId = world.organization.id;
  for (const role of ROLES) actors[role] = asUser({ id: (await createMember(db.db, organizationId, role)).id });
  actors.STRANGER = asUser({ id: (await createUser(db.db)).id });
  actors.PLATFORM_ADMIN = asUser({ id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" });
  actors.ANONYMOUS = anonymous;
});

afterAll(async () => {
  await db?.drop();
});

describe("the role matrix: every organizations.closures procedure as every role, a stranger, a platform admin and nobody", () => {
  const WHO = ["OWNER", "ADMIN", "MANAGER", "STAFF", "STRANGER", "PLATFORM_ADMIN", "ANONYMOUS"] as const;
  const OUTSIDERS = { STRANGER: "NOT_FOUND", PLATFORM_ADMIN: "NOT_FOUND", ANONYMOUS: "UNAUTHORIZED" } as const;
  const STAFF_UP = { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "ok", ...OUTSIDERS };
  const MANAGER_UP = { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "FORBIDDEN", ...OUTSIDERS };
  const expected: Record<string, Record<(typeof WHO)[number], string>> = {
    holidays: STAFF_UP,
    decideHolidays: MANAGER_UP,
    list: STAFF_UP,
    addClosure: MANAGER_UP,
    removeClosure: MANAGER_UP,
  };

  it("covers every procedure of organizations.closures", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("organizations.closures."))
      .map((path) => path.slice("organizations.closures.".length));
    expect(procedures.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const who of WHO) {
    it(`as ${who}`, async () => {
      // A location of its own per row, so one row's decisions do not touch the slots tested below.
      const location = await createLocation(db.db, { organizationId, name: `Matrix ${who}`, countryCode: "PT", timeZone: "Europe/Lisbon" });
      const closure = await createClosure(db.db, { locationId: location.id, startDate: "2027-08-02", endDate: "2027-08-03", name: "Painting", source: "MANUAL" });
      const caller = as(actors[who]!);
      const results: Record<string, string> = {};
      results.holidays = await outcome(caller.organizations.closures.holidays({ organizationId, locationId: location.id, year: 2026 }));
      results.decideHolidays = await outcome(
        caller.organizations.closures.decideHolidays({ organizationId, locationId: location.id, year: 2026, decisions: [{ startDate: "2026-12-08", decision: "REJECT" }] }),
      );
      results.list = await outcome(caller.organizations.closures.list({ organizationId, from: "2027-01-01", to: "2027-12-31" }));
      results.addClosure = await outcome(
        caller.organizations.closures.addClosure({ organizationId, locationId: location.id, startDate: "2027-09-01", endDate: "2027-09-02", name: `Works by ${who}` }),
      );
      results.removeClosure = await outcome(caller.organizations.closures.removeClosure({ organizationId, closureId: closure.id }));
      expect(results).toEqual(Object.fromEntries(Object.entries(expected).map(([procedure, row]) => [procedure, row[who]])));
    });
  }
});

describe("public holidays", () => {
  it("lists the year's holidays of the location's country as pending until decided", async () => {
    const list = await as(actors.STAFF!).organizations.closures.holidays({ organizationId, locationId: world.lisbon.id, year: 2026 });
    expect(list).toMatchObject({ countryCode: "PT", regionCode: "PT-11", timeZone: "Europe/Lisbon", isCountryKnown: true });
    expect(list.holidays.find((h) => h.startDate === "2026-12-25")).toMatchObject({ endDate: "2026-12-25", decision: "PENDING", closureId: null });
    const london = await as(actors.STAFF!).organizations.closures.holidays({ organizationId, locationId: world.london.id, year: 2026 });
    expect(london.holidays.find((h) => h.startDate === "2026-12-28")).toMatchObject({ name: "Boxing Day (substitute day)", isSubstitute: true });
  });

  it("accepting Christmas removes that day's in-person slots at that location only; online stays; rejecting brings them back", async () => {
    expect(await slotsOn("2026-12-25")).toEqual({ lisbon: 6, london: 6, online: 4 });
    const accepted = await manager().organizations.closures.decideHolidays({
      organizationId,
      locationId: world.lisbon.id,
      year: 2026,
      decisions: [{ startDate: "2026-12-25", decision: "ACCEPT" }],
    });
    expect(accepted.closures).toEqual([
      expect.objectContaining({ locationId: world.lisbon.id, startDate: "2026-12-25", endDate: "2026-12-25", source: "PUBLIC_HOLIDAY", accepted: true, coveredBookingCount: 0 }),
    ]);
    expect(await slotsOn("2026-12-25")).toEqual({ lisbon: 0, london: 6, online: 4 });
    expect(await slotsOn("2026-12-24")).toEqual({ lisbon: 6, london: 6, online: 4 });
    const list = await manager().organizations.closures.holidays({ organizationId, locationId: world.lisbon.id, year: 2026 });
    expect(list.holidays.find((h) => h.startDate === "2026-12-25")).toMatchObject({ decision: "ACCEPTED", closureId: accepted.closures[0]!.id });

    await manager().organizations.closures.decideHolidays({ organizationId, locationId: world.lisbon.id, year: 2026, decisions: [{ startDate: "2026-12-25", decision: "REJECT" }] });
    expect(await slotsOn("2026-12-25")).toEqual({ lisbon: 6, london: 6, online: 4 });
    const rejected = await manager().organizations.closures.holidays({ organizationId, locationId: world.lisbon.id, year: 2026 });
    expect(rejected.holidays.find((h) => h.startDate === "2026-12-25")?.decision).toBe("REJECTED");
  });

  it("deciding the same twice changes nothing the second time (no new row, no slot-cache bump)", async () => {
    const decide = () =>
      manager().organizations.closures.decideHolidays({
        organizationId,
        locationId: world.london.id,
        year: 2026,
        decisions: [
          { startDate: "2026-12-25", decision: "ACCEPT" },
          { startDate: "2026-12-26", decision: "REJECT" },
        ],
      });
    await decide();
    const rowsBefore = await db.db.select().from(locationClosures).where(eq(locationClosures.locationId, world.london.id));
    const versionBefore = await availabilityVersion();
    await decide();
    const rowsAfter = await db.db.select().from(locationClosures).where(eq(locationClosures.locationId, world.london.id));
    expect(rowsAfter).toEqual(rowsBefore);
    expect(await availabilityVersion()).toBe(versionBefore);
    expect(await slotsOn("2026-12-25")).toMatchObject({ london: 0 });
    expect(rowsAfter.filter((r) => r.source === "PUBLIC_HOLIDAY").map((r) => [r.startDate, r.accepted]).sort()).toEqual([
      ["2026-12-25", true],
      ["2026-12-26", false],
    ]);
  });

  it("refuses dates the dataset does not offer for that location and year, naming each", async () => {
    const refused = await failure(
      manager().organizations.closures.decideHolidays({
        organizationId,
        locationId: world.lisbon.id,
        year: 2026,
        decisions: [
          { startDate: "2026-12-25", decision: "ACCEPT" },
          { startDate: "2026-12-24", decision: "ACCEPT" },
          { startDate: "2027-01-01", decision: "ACCEPT" },
        ],
      }),
    );
    expect(refused.appCode).toBe("VALIDATION");
    expect(refused.fieldErrors["decisions.1.startDate"]).toEqual(["2026-12-24 is not a public holiday of this location in 2026."]);
    expect(refused.fieldErrors["decisions.2.startDate"]).toBeDefined();
    expect(refused.fieldErrors["decisions.0.startDate"]).toBeUndefined();
    // Nothing half-written: Christmas in Lisbon is still as the previous test left it.
    const list = await manager().organizations.closures.holidays({ organizationId, locationId: world.lisbon.id, year: 2026 });
    expect(list.holidays.find((h) => h.startDate === "2026-12-25")?.decision).toBe("REJECTED");
  });

  it("a location without a country offers no holidays and deciding says to set the country", async () => {
    const bare = await createLocation(db.db, { organizationId, name: "No country yet" });
    expect(await manager().organizations.closures.holidays({ organizationId, locationId: bare.id, year: 2026 })).toMatchObject({ isCountryKnown: false, holidays: [] });
    const refused = await failure(
      manager().organizations.closures.decideHolidays({ organizationId, locationId: bare.id, year: 2026, decisions: [{ startDate: "2026-12-25", decision: "ACCEPT" }] }),
    );
    expect(refused).toMatchObject({ appCode: "VALIDATION" });
    expect(refused.message).toMatch(/country.*locations page/);
  });
});

describe("manual closures", () => {
  it("adds a range that removes in-person slots, reports the bookings it covers, lists and removes it", async () => {
    await createBookingAt(db.db, {
      providerId: world.provider.id,
      serviceId: world.service.id,
      patientUserId: world.patient.id,
      locationId: world.lisbon.id,
      startsAt: new Date("2026-12-29T10:00:00Z"),
    });
    // Online at the same time elsewhere is not covered by a closure of the building.
    await createBookingAt(db.db, {
      providerId: world.provider.id,
      serviceId: world.service.id,
      patientUserId: world.patient.id,
      locationId: null,
      startsAt: new Date("2026-12-29T17:00:00Z"),
    });
    const added = await manager().organizations.closures.addClosure({
      organizationId,
      locationId: world.lisbon.id,
      startDate: "2026-12-29",
      endDate: "2026-12-30",
      name: "Floor repairs",
    });
    expect(added.closures).toEqual([expect.objectContaining({ name: "Floor repairs", source: "MANUAL", coveredBookingCount: 1, locationName: "Atlantic Lisbon" })]);
    expect(await slotsOn("2026-12-30")).toEqual({ lisbon: 0, london: 6, online: 4 });

    const listed = await as(actors.STAFF!).organizations.closures.list({ organizationId, locationId: world.lisbon.id, from: "2026-12-01", to: "2026-12-31" });
    expect(listed.map((c) => [c.startDate, c.name])).toContainEqual(["2026-12-29", "Floor repairs"]);
    const everywhere = await as(actors.STAFF!).organizations.closures.list({ organizationId, from: "2026-12-01", to: "2026-12-31" });
    expect(everywhere.some((c) => c.locationId === world.london.id)).toBe(true);

    await manager().organizations.closures.removeClosure({ organizationId, closureId: added.closures[0]!.id });
    expect(await slotsOn("2026-12-30")).toEqual({ lisbon: 6, london: 6, online: 4 });
  });

  it("names the field when the range is backwards or too long", async () => {
    const backwards = await failure(
      manager().organizations.closures.addClosure({ organizationId, locationId: world.lisbon.id, startDate: "2027-02-10", endDate: "2027-02-09", name: "Oops" }),
    );
    expect(backwards.fieldErrors.endDate).toEqual(["The last day must not be before the first day."]);
    const tooLong = await failure(
      manager().organizations.closures.addClosure({ organizationId, locationId: world.lisbon.id, startDate: "2027-01-01", endDate: "2028-01-02", name: "Rebuild" }),
    );
    expect(tooLong.fieldErrors.endDate?.[0]).toMatch(/at most 366 days/);
    const unnamed = await failure(
      manager().organizations.closures.addClosure({ organizationId, locationId: world.lisbon.id, startDate: "2027-01-01", endDate: "2027-01-01", name: "  " }),
    );
    expect(unnamed.fieldErrors.name).toBeDefined();
  });
});

describe("another organization's things are not found", () => {
  it("a location or closure of another organization, passed with this organization's id, is NOT_FOUND", async () => {
    const other = await createOrganization(db.db);
    const theirs = await createLocation(db.db, { organizationId: other.id, countryCode: "PT", timeZone: "Europe/Lisbon" });
    const theirClosure = await createClosure(db.db, { locationId: theirs.id, startDate: "2027-03-01", endDate: "2027-03-01", name: "Theirs", source: "MANUAL" });
    const c = manager().organizations.closures;
    expect(await outcome(c.holidays({ organizationId, locationId: theirs.id, year: 2026 }))).toBe("NOT_FOUND");
    expect(await outcome(c.decideHolidays({ organizationId, locationId: theirs.id, year: 2026, decisions: [{ startDate: "2026-12-25", decision: "ACCEPT" }] }))).toBe("NOT_FOUND");
    expect(await outcome(c.list({ organizationId, locationId: theirs.id, from: "2027-01-01", to: "2027-12-31" }))).toBe("NOT_FOUND");
    expect(await outcome(c.addClosure({ organizationId, locationId: theirs.id, startDate: "2027-03-02", endDate: "2027-03-02", name: "Mine now" }))).toBe("NOT_FOUND");
    expect(await outcome(c.removeClosure({ organizationId, closureId: theirClosure.id }))).toBe("NOT_FOUND");
    expect(await outcome(c.removeClosure({ organizationId, closureId: randomUUID() }))).toBe("NOT_FOUND");
    const all = await c.list({ organizationId, from: "2027-01-01", to: "2027-12-31" });
    expect(all.some((closure) => closure.id === theirClosure.id)).toBe(false);
    const [still] = await db.db.select().from(locationClosures).where(eq(locationClosures.id, theirClosure.id));
    expect(still).toBeDefined();
  });
});
