import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availabilityOverrides, bookings, outboxEvents } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createLocation, createOrganization, createProvider, createUser } from "@/test/factories";
import { createBookingAt, createClosure, createClosureWorld, createMember, type ClosureWorld } from "@/test/factories/closures";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import { failure, outcome } from "@/test/call-outcome";

/** Monday 21 December 2026, 08:00 UTC. */
const NOW = new Date("2026-12-21T08:00:00Z");
const now = () => NOW;

let db: TestDatabase;
let world: ClosureWorld;
let organizationId: string;
let closureId: string;
let overrideId: string;
const actors: Record<string, TestActor> = {};
const ROLES = ["OWNER", "ADMIN", "MANAGER", "STAFF"] as const;

const as = (actor: TestActor) => callerFor(db.db, actor, now);

/** A confirmed booking of the world's provider (times in each test are chosen not to overlap: the exclusion constraint). */
function book(startsAt: Date, locationId: string | null, extra: Partial<typeof bookings.$inferInsert> = {}) {
  return createBookingAt(db.db, { providerId: world.provider.id, serviceId: world.service.id, patientUserId: world.patient.id, locationId, startsAt, ...extra });
}

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createClosureWorld(db.db);
  organizationId = world.organization.id;
  for (const role of ROLES) actors[role] = asUser({ id: (await createMember(db.db, organizationId, role)).id });
  actors.PROVIDER = asUser({ id: world.providerUser.id });
  actors.STRANGER = asUser({ id: (await createUser(db.db)).id });
  actors.PLATFORM_ADMIN = asUser({ id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" });
  actors.ANONYMOUS = anonymous;
  closureId = (await createClosure(db.db, { locationId: world.lisbon.id, startDate: "2026-12-29", endDate: "2026-12-29", name: "Floor repairs", source: "MANUAL" })).id;
  const [override] = await db.db
    .insert(availabilityOverrides)
    .values({ providerId: world.provider.id, startDate: "2026-12-31", endDate: "2027-01-01", kind: "OFF", reason: "New Year" })
    .returning();
  overrideId = override!.id;
});

afterAll(async () => {
  await db?.drop();
});

describe("the role matrix: every bookings.affected procedure as every role, the provider, a stranger, a platform admin and nobody", () => {
  const WHO = ["OWNER", "ADMIN", "MANAGER", "STAFF", "PROVIDER", "STRANGER", "PLATFORM_ADMIN", "ANONYMOUS"] as const;
  // Members who are not providers have no time off; the provider is not a member of the organization.
  const NOT_PROVIDER = "FORBIDDEN";
  const expected: Record<string, Record<(typeof WHO)[number], string>> = {
    byClosure: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "FORBIDDEN", PROVIDER: "NOT_FOUND", STRANGER: "NOT_FOUND", PLATFORM_ADMIN: "NOT_FOUND", ANONYMOUS: "UNAUTHORIZED" },
    cancelForClosure: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "FORBIDDEN", PROVIDER: "NOT_FOUND", STRANGER: "NOT_FOUND", PLATFORM_ADMIN: "NOT_FOUND", ANONYMOUS: "UNAUTHORIZED" },
    byTimeOff: { OWNER: NOT_PROVIDER, ADMIN: NOT_PROVIDER, MANAGER: NOT_PROVIDER, STAFF: NOT_PROVIDER, PROVIDER: "ok", STRANGER: NOT_PROVIDER, PLATFORM_ADMIN: NOT_PROVIDER, ANONYMOUS: "UNAUTHORIZED" },
    cancelForTimeOff: { OWNER: NOT_PROVIDER, ADMIN: NOT_PROVIDER, MANAGER: NOT_PROVIDER, STAFF: NOT_PROVIDER, PROVIDER: "ok", STRANGER: NOT_PROVIDER, PLATFORM_ADMIN: NOT_PROVIDER, ANONYMOUS: "UNAUTHORIZED" },
  };

  it("covers every procedure of bookings.affected", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("bookings.affected."))
      .map((path) => path.slice("bookings.affected.".length));
    expect(procedures.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const who of WHO) {
    it(`as ${who}`, async () => {
      const caller = as(actors[who]!).bookings.affected;
      // Each row's own bookings, half an hour apart: the closure's day and the time off's second day, small hours UTC.
      const slot = WHO.indexOf(who) * 30 * 60_000;
      const atClosure = await book(new Date(Date.parse("2026-12-29T00:00:00Z") + slot), world.lisbon.id);
      const onTimeOff = await book(new Date(Date.parse("2027-01-01T00:00:00Z") + slot), null);
      const results: Record<string, string> = {};
      results.byClosure = await outcome(caller.byClosure({ organizationId, closureId }));
      results.cancelForClosure = await outcome(caller.cancelForClosure({ organizationId, closureId, bookingIds: [atClosure.id], reason: "The clinic is closed for repairs." }));
      results.byTimeOff = await outcome(caller.byTimeOff({ overrideId }));
      results.cancelForTimeOff = await outcome(caller.cancelForTimeOff({ overrideId, bookingIds: [onTimeOff.id], reason: "I am away that day." }));
      expect(results).toEqual(Object.fromEntries(Object.entries(expected).map(([procedure, row]) => [procedure, row[who]])));
    });
  }
});

describe("bookings a closure covers", () => {
  it("lists pending and confirmed in-person bookings at that location on its local dates, not online, elsewhere, other days or cancelled", async () => {
    const covered = await book(new Date("2026-12-29T11:00:00Z"), world.lisbon.id);
    const pending = await book(new Date("2026-12-29T11:30:00Z"), world.lisbon.id, { status: "PENDING", confirmedAt: null });
    const online = await book(new Date("2026-12-29T20:00:00Z"), null);
    const london = await book(new Date("2026-12-29T14:00:00Z"), world.london.id);
    const nextDay = await book(new Date("2026-12-30T09:00:00Z"), world.lisbon.id);
    const cancelled = await book(new Date("2026-12-29T10:45:00Z"), world.lisbon.id, { status: "CANCELLED", cancelledAt: NOW, cancelledBy: "PATIENT" });
    const list = await as(actors.MANAGER!).bookings.affected.byClosure({ organizationId, closureId });
    expect(list).toMatchObject({ name: "Floor repairs", startDate: "2026-12-29", endDate: "2026-12-29" });
    const ids = list.bookings.map((b) => b.id);
    expect(ids).toEqual(expect.arrayContaining([covered.id, pending.id]));
    for (const outside of [online, london, nextDay, cancelled]) expect(ids).not.toContain(outside.id);
    expect(list.bookings.find((b) => b.id === covered.id)).toMatchObject({
      status: "CONFIRMED",
      mode: "IN_PERSON",
      timeZone: "Europe/Lisbon",
      locationName: "Atlantic Lisbon",
      patientName: "Inês Patient",
      serviceName: "Visit",
    });
  });

  it("reads the dates on the location's clock in a half-hour zone (Asia/Kolkata)", async () => {
    const mumbai = await createLocation(db.db, { organizationId, name: "Atlantic Mumbai", timeZone: "Asia/Kolkata", latitude: 19.05, longitude: 72.83 });
    const closure = await createClosure(db.db, { locationId: mumbai.id, startDate: "2026-12-29", endDate: "2026-12-29", name: "Local holiday", source: "MANUAL" });
    const justAfterMidnight = await book(new Date("2026-12-28T19:00:00Z"), mumbai.id); // 00:30 on the 29th in Mumbai
    const lateEvening = await book(new Date("2026-12-29T18:00:00Z"), mumbai.id); // 23:30 on the 29th
    const nextMorning = await book(new Date("2026-12-29T18:45:00Z"), mumbai.id); // 00:15 on the 30th
    const beforeMidnight = await book(new Date("2026-12-28T18:15:00Z"), mumbai.id); // 23:45 on the 28th
    const list = await as(actors.MANAGER!).bookings.affected.byClosure({ organizationId, closureId: closure.id });
    expect(list.bookings.map((b) => b.id)).toEqual([justAfterMidnight.id, lateEvening.id]);
    expect(list.bookings.map((b) => b.id)).not.toContain(nextMorning.id);
    expect(list.bookings.map((b) => b.id)).not.toContain(beforeMidnight.id);
  });

  it("a rejected holiday covers nothing; another organization's closure is NOT_FOUND", async () => {
    const rejected = await createClosure(db.db, { locationId: world.lisbon.id, startDate: "2026-12-25", endDate: "2026-12-25", name: "Natal", source: "PUBLIC_HOLIDAY", accepted: false });
    await book(new Date("2026-12-25T09:00:00Z"), world.lisbon.id);
    expect((await as(actors.MANAGER!).bookings.affected.byClosure({ organizationId, closureId: rejected.id })).bookings).toEqual([]);
    const other = await createOrganization(db.db);
    const theirs = await createLocation(db.db, { organizationId: other.id });
    const theirClosure = await createClosure(db.db, { locationId: theirs.id, startDate: "2026-12-29", endDate: "2026-12-29", name: "Theirs", source: "MANUAL" });
    expect(await outcome(as(actors.MANAGER!).bookings.affected.byClosure({ organizationId, closureId: theirClosure.id }))).toBe("NOT_FOUND");
    expect(await outcome(as(actors.MANAGER!).bookings.affected.byClosure({ organizationId, closureId: randomUUID() }))).toBe("NOT_FOUND");
  });
});

describe("cancel and tell the patients", () => {
  it("cancels the chosen bookings as a provider cancellation: status, reason, and the same outbox event a provider's cancel writes", async () => {
    const first = await book(new Date("2026-12-29T09:00:00Z"), world.lisbon.id, { status: "CONFIRMED" });
    const second = await book(new Date("2026-12-29T09:30:00Z"), world.lisbon.id, { status: "PENDING", confirmedAt: null });
    const kept = await book(new Date("2026-12-29T10:00:00Z"), world.lisbon.id);
    const result = await as(actors.MANAGER!).bookings.affected.cancelForClosure({
      organizationId,
      closureId,
      bookingIds: [first.id, second.id],
      reason: "The clinic is closed for floor repairs.",
    });
    expect(result.cancelled).toEqual([
      { id: first.id, status: "CANCELLED" },
      { id: second.id, status: "CANCELLED" },
    ]);
    const rows = await db.db.select().from(bookings).where(inArray(bookings.id, [first.id, second.id, kept.id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first.id)).toMatchObject({ status: "CANCELLED", cancelledBy: "PROVIDER", cancellationReason: "The clinic is closed for floor repairs.", cancelledAt: NOW });
    expect(byId.get(kept.id)?.status).toBe("CONFIRMED");

    // The provider's own cancel of a booking, for the shape of its event.
    const own = await book(new Date("2026-12-29T10:30:00Z"), world.lisbon.id);
    await as(actors.PROVIDER!).bookings.cancelAsProvider({ bookingId: own.id, reason: "Provider cancel for comparison" });
    const events = await db.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, "booking.cancelled"), inArray(outboxEvents.aggregateId, [first.id, own.id])));
    const closureEvent = events.find((e) => e.aggregateId === first.id)!;
    const providerEvent = events.find((e) => e.aggregateId === own.id)!;
    expect(closureEvent.payload).toMatchObject({ bookingId: first.id, status: "CANCELLED", previousStatus: "CONFIRMED", actorRole: "PROVIDER", hasReason: true });
    expect(Object.keys(closureEvent.payload).sort()).toEqual(Object.keys(providerEvent.payload).sort());
    expect(closureEvent.payload.calendarSequence).toBe(providerEvent.payload.calendarSequence);
  });

  it("refuses the whole request when one booking is outside the closure (another day, another organization's, already cancelled); nothing is cancelled", async () => {
    const inside = await book(new Date("2026-12-29T12:00:00Z"), world.lisbon.id);
    const nextDay = await book(new Date("2026-12-30T11:00:00Z"), world.lisbon.id);
    const other = await createOrganization(db.db);
    const theirLocation = await createLocation(db.db, { organizationId: other.id });
    const someoneElse = await createProvider(db.db, { services: [{ name: "Theirs" }] });
    const theirs = await createBookingAt(db.db, {
      providerId: someoneElse.provider.id,
      serviceId: someoneElse.services[0]!.id,
      patientUserId: world.patient.id,
      locationId: theirLocation.id,
      startsAt: new Date("2026-12-29T11:00:00Z"),
    });
    const refused = await failure(
      as(actors.MANAGER!).bookings.affected.cancelForClosure({ organizationId, closureId, bookingIds: [inside.id, nextDay.id, theirs.id], reason: "Closed for repairs." }),
    );
    expect(refused.appCode).toBe("VALIDATION");
    expect(Object.keys(refused.fieldErrors).sort()).toEqual(["bookingIds.1", "bookingIds.2"]);
    const statuses = await db.db.select({ id: bookings.id, status: bookings.status }).from(bookings).where(inArray(bookings.id, [inside.id, nextDay.id, theirs.id]));
    expect(statuses.every((s) => s.status === "CONFIRMED")).toBe(true);

    await as(actors.MANAGER!).bookings.affected.cancelForClosure({ organizationId, closureId, bookingIds: [inside.id], reason: "Closed for repairs." });
    const again = await failure(as(actors.MANAGER!).bookings.affected.cancelForClosure({ organizationId, closureId, bookingIds: [inside.id], reason: "Closed for repairs." }));
    expect(again).toMatchObject({ appCode: "VALIDATION", fieldErrors: { "bookingIds.0": [expect.stringMatching(/not one this closure or time off covers/)] } });
  });

  it("asks for a reason the patients will read", async () => {
    const booking = await book(new Date("2026-12-29T12:30:00Z"), world.lisbon.id);
    const refused = await failure(as(actors.MANAGER!).bookings.affected.cancelForClosure({ organizationId, closureId, bookingIds: [booking.id], reason: " " }));
    expect(refused.fieldErrors.reason).toEqual(["Tell the patients why (at least 3 characters)."]);
  });
});

describe("bookings the provider's time off covers", () => {
  it("lists the provider's bookings on those dates, in person and online; cancels them as the provider", async () => {
    const inPerson = await book(new Date("2026-12-31T10:00:00Z"), world.london.id);
    const online = await book(new Date("2027-01-01T17:30:00Z"), null);
    const after = await book(new Date("2027-01-04T09:00:00Z"), world.lisbon.id);
    const list = await as(actors.PROVIDER!).bookings.affected.byTimeOff({ overrideId });
    expect(list).toMatchObject({ name: "New Year", startDate: "2026-12-31", endDate: "2027-01-01" });
    const ids = list.bookings.map((b) => b.id);
    expect(ids).toEqual(expect.arrayContaining([inPerson.id, online.id]));
    expect(ids).not.toContain(after.id);

    await as(actors.PROVIDER!).bookings.affected.cancelForTimeOff({ overrideId, bookingIds: [online.id], reason: "I am away that day." });
    const [row] = await db.db.select().from(bookings).where(eq(bookings.id, online.id));
    expect(row).toMatchObject({ status: "CANCELLED", cancelledBy: "PROVIDER" });
    const refused = await failure(as(actors.PROVIDER!).bookings.affected.cancelForTimeOff({ overrideId, bookingIds: [after.id], reason: "I am away that day." }));
    expect(refused.appCode).toBe("VALIDATION");
  });

  it("another provider's time off is NOT_FOUND; hours that are not time off cover nothing", async () => {
    const someoneElse = await createProvider(db.db);
    const [theirs] = await db.db.insert(availabilityOverrides).values({ providerId: someoneElse.provider.id, startDate: "2026-12-31", endDate: "2026-12-31", kind: "OFF" }).returning();
    expect(await outcome(as(actors.PROVIDER!).bookings.affected.byTimeOff({ overrideId: theirs!.id }))).toBe("NOT_FOUND");
    const [replace] = await db.db.insert(availabilityOverrides).values({ providerId: world.provider.id, startDate: "2026-12-31", endDate: "2026-12-31", kind: "REPLACE" }).returning();
    expect((await as(actors.PROVIDER!).bookings.affected.byTimeOff({ overrideId: replace!.id })).bookings).toEqual([]);
  });
});
