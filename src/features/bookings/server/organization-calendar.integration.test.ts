import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createLocation, createMembership, createOrganization, createProvider, createUser, createWeeklyRules } from "@/test/factories";
import { createCalendarBooking, createClosure, createDayOff, createScheduleLink } from "@/test/factories/org-calendar";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import { failure, outcome } from "@/test/call-outcome";

const ROLES = ["OWNER", "ADMIN", "MANAGER", "STAFF"] as const;
const WHO = [...ROLES, "STRANGER", "PLATFORM_ADMIN", "ANONYMOUS"] as const;
/** The Monday of the week in which London's clocks go back (Sunday 25 October 2026, 02:00 BST → 01:00 GMT). */
const WEEK = "2026-10-19";

let db: TestDatabase;
let organizationId: string;
let otherOrganizationId: string;
const actors: Record<string, TestActor> = {};
const as = (actor: TestActor) => callerFor(db.db, actor);
const staff = () => as(actors.STAFF!);
const ids = {} as Record<
  "harbour" | "kolkata" | "lisbon" | "provider" | "colleague" | "ended" | "outsider" | "atHarbour" | "online" | "abroad" | "atKolkata" | "outsiders" | "cancelled" | "sundayLate" | "afterWeek" | "beforeWeek",
  string
>;

const iso = (date: Date) => date.toISOString();

beforeAll(async () => {
  db = await createTestDatabase();
  organizationId = (await createOrganization(db.db, { name: "Harbour Health" })).id;
  otherOrganizationId = (await createOrganization(db.db, { name: "Lisbon Care" })).id;
  ids.harbour = (await createLocation(db.db, { organizationId, name: "Harbour clinic", timeZone: "Europe/London" })).id;
  ids.kolkata = (await createLocation(db.db, { organizationId, name: "Kolkata clinic", timeZone: "Asia/Kolkata", latitude: 22.57, longitude: 88.36 })).id;
  ids.lisbon = (await createLocation(db.db, { organizationId: otherOrganizationId, name: "Lisbon clinic", timeZone: "Europe/Lisbon" })).id;

  const make = async (name: string) => {
    const { provider, services } = await createProvider(db.db, { provider: { displayName: name, timeZone: "Europe/London" }, services: [{ name: "Check-up" }] });
    return { id: provider.id, serviceId: services[0]!.id };
  };
  const provider = await make("Dr Ada Both");
  const colleague = await make("Dr Ben Here");
  const ended = await make("Dr Cy Gone");
  const outsider = await make("Dr Dee Elsewhere");
  Object.assign(ids, { provider: provider.id, colleague: colleague.id, ended: ended.id, outsider: outsider.id });
  await createScheduleLink(db.db, { providerId: provider.id, organizationId, allowsScheduleEdits: true });
  await createScheduleLink(db.db, { providerId: provider.id, organizationId: otherOrganizationId });
  await createScheduleLink(db.db, { providerId: colleague.id, organizationId });
  await createScheduleLink(db.db, { providerId: ended.id, organizationId, status: "ENDED" });
  await createScheduleLink(db.db, { providerId: outsider.id, organizationId: otherOrganizationId });

  await createWeeklyRules(db.db, provider.id, [
    { weekday: 1, startMinute: 540, endMinute: 720, mode: "IN_PERSON", locationId: ids.harbour },
    { weekday: 7, startMinute: 540, endMinute: 720, mode: "IN_PERSON", locationId: ids.harbour },
    { weekday: 4, startMinute: 540, endMinute: 720, mode: "IN_PERSON", locationId: ids.harbour },
    { weekday: 3, startMinute: 540, endMinute: 720, mode: "IN_PERSON", locationId: ids.lisbon },
    { weekday: 1, startMinute: 840, endMinute: 1020, mode: "ONLINE", locationId: null },
  ]);
  await createDayOff(db.db, provider.id, "2026-10-22");
  await createWeeklyRules(db.db, colleague.id, [{ weekday: 2, startMinute: 600, endMinute: 780, mode: "IN_PERSON", locationId: ids.kolkata }]);

  const book = async (who: { id: string; serviceId: string }, locationId: string | null, startsAt: string, patientName: string, status?: "CANCELLED") =>
    (await createCalendarBooking(db.db, { providerId: who.id, serviceId: who.serviceId, locationId, startsAt: new Date(startsAt), patientName, status })).id;
  ids.atHarbour = await book(provider, ids.harbour, "2026-10-19T08:00:00Z", "Alice Harbour");
  ids.online = await book(provider, null, "2026-10-19T13:00:00Z", "Olive Online");
  ids.abroad = await book(provider, ids.lisbon, "2026-10-21T09:00:00Z", "Lena Lisbon");
  ids.atKolkata = await book(colleague, ids.kolkata, "2026-10-20T04:30:00Z", "Kiran Kolkata");
  ids.outsiders = await book(outsider, ids.lisbon, "2026-10-20T09:00:00Z", "Oscar Outsider");
  ids.cancelled = await book(provider, ids.harbour, "2026-10-20T08:00:00Z", "Carl Cancelled", "CANCELLED");
  // Sunday 23:30 GMT, after the clocks went back: still this week in London, though 00:30 Monday in BST.
  ids.sundayLate = await book(provider, ids.harbour, "2026-10-25T23:30:00Z", "Sam Sunday");
  ids.afterWeek = await book(provider, ids.harbour, "2026-10-26T00:00:00Z", "Mo Monday");
  // Sunday 18 October, 23:30 BST: the week before in London, Monday morning in Kolkata.
  ids.beforeWeek = await book(provider, ids.harbour, "2026-10-18T22:30:00Z", "Pia Previous");

  for (const role of ROLES) {
    const user = await createUser(db.db);
    await createMembership(db.db, { organizationId, userId: user.id, role });
    actors[role] = asUser({ id: user.id });
  }
  actors.STRANGER = asUser({ id: (await createUser(db.db)).id });
  actors.PLATFORM_ADMIN = asUser({ id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" });
  actors.ANONYMOUS = anonymous;
});

afterAll(async () => {
  await db?.drop();
});

describe("the role matrix of bookings.organizationCalendar", () => {
  const expected: Record<string, Record<(typeof WHO)[number], string>> = {
    week: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "ok", STRANGER: "NOT_FOUND", PLATFORM_ADMIN: "NOT_FOUND", ANONYMOUS: "UNAUTHORIZED" },
  };

  it("covers every procedure of the sub-router", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("bookings.organizationCalendar."))
      .map((path) => path.slice("bookings.organizationCalendar.".length));
    expect(procedures.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const who of WHO) {
    it(`as ${who}`, async () => {
      const results = { week: await outcome(as(actors[who]!).bookings.organizationCalendar.week({ organizationId, weekStart: WEEK, timeZone: "Europe/London" })) };
      expect(results).toEqual({ week: expected.week![who] });
    });
  }
});

describe("the organization's week", () => {
  it("lists the active providers and the locations, and exactly this organization's bookings with patients; other bookings are busy time without details", async () => {
    const week = await staff().bookings.organizationCalendar.week({ organizationId, weekStart: WEEK, timeZone: "Europe/London" });
    expect(week.providers.map((p) => [p.displayName, p.allowsScheduleEdits])).toEqual([
      ["Dr Ada Both", true],
      ["Dr Ben Here", false],
    ]);
    expect(week.locations.map((l) => l.name)).toEqual(["Harbour clinic", "Kolkata clinic"]);
    expect(week.bookings).toEqual([
      { kind: "BOOKING", id: ids.atHarbour, providerId: ids.provider, status: "CONFIRMED", startsAt: new Date("2026-10-19T08:00:00Z"), endsAt: new Date("2026-10-19T08:30:00Z"), locationId: ids.harbour, serviceName: "Check-up", patientName: "Alice Harbour" },
      { kind: "BUSY", providerId: ids.provider, startsAt: new Date("2026-10-19T13:00:00Z"), endsAt: new Date("2026-10-19T13:30:00Z"), where: "ONLINE" },
      { kind: "BOOKING", id: ids.atKolkata, providerId: ids.colleague, status: "CONFIRMED", startsAt: new Date("2026-10-20T04:30:00Z"), endsAt: new Date("2026-10-20T05:00:00Z"), locationId: ids.kolkata, serviceName: "Check-up", patientName: "Kiran Kolkata" },
      { kind: "BUSY", providerId: ids.provider, startsAt: new Date("2026-10-21T09:00:00Z"), endsAt: new Date("2026-10-21T09:30:00Z"), where: "ELSEWHERE" },
      expect.objectContaining({ kind: "BOOKING", id: ids.sundayLate, patientName: "Sam Sunday" }),
    ]);
    const text = JSON.stringify(week);
    for (const hidden of ["Olive Online", "Lena Lisbon", "Oscar Outsider", "Carl Cancelled", ids.online, ids.abroad, ids.outsiders, ids.lisbon, ids.ended, ids.outsider]) {
      expect(text).not.toContain(hidden);
    }
  });

  it("a week across London's clock change has its true bounds and local times (the Sunday has 25 hours)", async () => {
    const week = await staff().bookings.organizationCalendar.week({ organizationId, weekStart: WEEK, timeZone: "Europe/London" });
    expect([iso(week.from), iso(week.to)]).toEqual(["2026-10-18T23:00:00.000Z", "2026-10-26T00:00:00.000Z"]);
    const bookingIds = week.bookings.flatMap((b) => (b.kind === "BOOKING" ? [b.id] : []));
    expect(bookingIds).toContain(ids.sundayLate);
    expect(bookingIds).not.toContain(ids.afterWeek);
    expect(bookingIds).not.toContain(ids.beforeWeek);
    // 09:00–12:00 at Harbour: BST on Monday, GMT on Sunday; Thursday is a day off; Kolkata 10:00–13:00 IST.
    expect(week.workingHours.map((h) => [h.providerId === ids.provider ? "Ada" : "Ben", h.locationId === ids.harbour ? "Harbour" : "Kolkata", iso(h.startsAt), iso(h.endsAt)])).toEqual([
      ["Ada", "Harbour", "2026-10-19T08:00:00.000Z", "2026-10-19T11:00:00.000Z"],
      ["Ben", "Kolkata", "2026-10-20T04:30:00.000Z", "2026-10-20T07:30:00.000Z"],
      ["Ada", "Harbour", "2026-10-25T09:00:00.000Z", "2026-10-25T12:00:00.000Z"],
    ]);
  });

  it("in a half-hour zone the week starts at its midnight; without a zone, the first location's is used", async () => {
    const kolkata = await staff().bookings.organizationCalendar.week({ organizationId, weekStart: WEEK, timeZone: "Asia/Kolkata" });
    expect([kolkata.timeZone, iso(kolkata.from), iso(kolkata.to)]).toEqual(["Asia/Kolkata", "2026-10-18T18:30:00.000Z", "2026-10-25T18:30:00.000Z"]);
    const bookingIds = kolkata.bookings.flatMap((b) => (b.kind === "BOOKING" ? [b.id] : []));
    expect(bookingIds).toContain(ids.beforeWeek);
    expect(bookingIds).not.toContain(ids.sundayLate);

    const byDefault = await staff().bookings.organizationCalendar.week({ organizationId, weekStart: WEEK });
    expect(byDefault.timeZone).toBe("Europe/London");
  });

  it("a location's closure removes the working hours there on its dates; a rejected public holiday does not", async () => {
    await createClosure(db.db, { locationId: ids.harbour, startDate: "2026-10-26" });
    await createClosure(db.db, { locationId: ids.harbour, startDate: "2026-11-01", source: "PUBLIC_HOLIDAY", accepted: false });
    const week = await staff().bookings.organizationCalendar.week({ organizationId, weekStart: "2026-10-26", timeZone: "Europe/London", providerId: ids.provider });
    expect(week.workingHours.map((h) => [h.locationId, iso(h.startsAt)])).toEqual([
      [ids.harbour, "2026-10-29T09:00:00.000Z"],
      [ids.harbour, "2026-11-01T09:00:00.000Z"],
    ]);
  });

  it("filters by provider and by location: bookings at other places become busy time", async () => {
    const ben = await staff().bookings.organizationCalendar.week({ organizationId, weekStart: WEEK, timeZone: "Europe/London", providerId: ids.colleague });
    expect(ben.providers.map((p) => p.id)).toEqual([ids.colleague]);
    expect(ben.bookings.map((b) => b.providerId)).toEqual([ids.colleague]);

    const atKolkata = await staff().bookings.organizationCalendar.week({ organizationId, weekStart: WEEK, timeZone: "Europe/London", locationId: ids.kolkata });
    expect(atKolkata.bookings.filter((b) => b.kind === "BOOKING").map((b) => (b.kind === "BOOKING" ? b.id : ""))).toEqual([ids.atKolkata]);
    expect(atKolkata.bookings).toContainEqual({ kind: "BUSY", providerId: ids.provider, startsAt: new Date("2026-10-19T08:00:00Z"), endsAt: new Date("2026-10-19T08:30:00Z"), where: "ELSEWHERE" });
    expect(JSON.stringify(atKolkata)).not.toContain("Alice Harbour");
    expect(atKolkata.workingHours.map((h) => h.locationId)).toEqual([ids.kolkata]);
  });

  it("another organization's provider or location, and a provider whose link ended, are not found", async () => {
    for (const filter of [{ providerId: ids.outsider }, { providerId: ids.ended }, { locationId: ids.lisbon }]) {
      const refused = await failure(staff().bookings.organizationCalendar.week({ organizationId, weekStart: WEEK, timeZone: "Europe/London", ...filter }));
      expect(refused.appCode).toBe("NOT_FOUND");
      expect(refused.message).toMatch(/^(Provider|Location) not found in this organization\.$/);
    }
  });

  it("refuses a zone that is not an IANA name and a malformed week, naming the field", async () => {
    const zone = await failure(staff().bookings.organizationCalendar.week({ organizationId, weekStart: WEEK, timeZone: "EST" }));
    expect(zone.appCode).toBe("VALIDATION");
    expect(Object.keys(zone.fieldErrors)).toEqual(["timeZone"]);
    const date = await failure(staff().bookings.organizationCalendar.week({ organizationId, weekStart: "2026-02-30", timeZone: "Europe/London" }));
    expect(Object.keys(date.fieldErrors)).toEqual(["weekStart"]);
  });

  it("shows at most 50 providers at a time", async () => {
    const big = (await createOrganization(db.db)).id;
    const owner = await createUser(db.db);
    await createMembership(db.db, { organizationId: big, userId: owner.id, role: "STAFF" });
    for (let i = 0; i < 52; i++) {
      const { provider } = await createProvider(db.db, { provider: { displayName: `Dr ${String(i).padStart(2, "0")}` } });
      await createScheduleLink(db.db, { providerId: provider.id, organizationId: big });
    }
    const caller = as(asUser({ id: owner.id }));
    const first = await caller.bookings.organizationCalendar.week({ organizationId: big, weekStart: WEEK, timeZone: "UTC" });
    const second = await caller.bookings.organizationCalendar.week({ organizationId: big, weekStart: WEEK, timeZone: "UTC", page: 2 });
    expect([first.providers.length, second.providers.length, first.pageCount, first.totalProviders]).toEqual([50, 2, 2, 52]);
    expect(second.providers.map((p) => p.displayName)).toEqual(["Dr 50", "Dr 51"]);
  });
});
