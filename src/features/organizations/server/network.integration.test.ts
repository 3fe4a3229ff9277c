import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, availabilityOverrideIntervals, availabilityOverrides, availabilityRules, outboxEvents, providerOrganizations } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import {
  createLocation,
  createMembership,
  createOrganization,
  createPatient,
  createProvider,
  createUser,
  createWeeklyRules,
  linkProviderToOrganization,
} from "@/test/factories";
import { createNetworkBooking, createOverride, createProviderLink } from "@/test/factories/network";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import type { OrganizationRole } from "../schemas";
import { failure, outcome } from "@/test/call-outcome";

let db: TestDatabase;
let organizationId: string;
const actors: Record<string, TestActor> = {};
const ROLES: OrganizationRole[] = ["OWNER", "ADMIN", "MANAGER", "STAFF"];
/** Monday 1 March 2027, 08:00 UTC: the fixed "now" of these tests. */
const NOW = new Date("2027-03-01T08:00:00Z");
const DAY = 86_400_000;

const as = (actor: TestActor, now: Date = NOW) => callerFor(db.db, actor, () => now);

async function member(role: OrganizationRole, orgId = organizationId): Promise<{ id: string; actor: TestActor }> {
  const user = await createUser(db.db);
  await createMembership(db.db, { organizationId: orgId, userId: user.id, role });
  return { id: user.id, actor: asUser({ id: user.id }) };
}

async function provider(overrides: Parameters<typeof createProvider>[1] = {}) {
  const created = await createProvider(db.db, { services: [{ name: "Check-up" }], ...overrides });
  return { ...created, actor: asUser({ id: created.user.id }) };
}

/** An approved organization with one location and an owner. */
async function practice(name = "Practice", location: { name?: string; timeZone?: string } = {}) {
  const organization = await createOrganization(db.db, { name });
  const site = await createLocation(db.db, { organizationId: organization.id, name: location.name ?? `${name} site`, timeZone: location.timeZone ?? "Europe/London" });
  const owner = await member("OWNER", organization.id);
  return { id: organization.id, location: site, owner };
}

const linkOf = async (providerId: string, orgId: string) =>
  (await db.db.select().from(providerOrganizations).where(and(eq(providerOrganizations.providerId, providerId), eq(providerOrganizations.organizationId, orgId))))[0];

const inPersonWeek = (locationId: string) => ({ rules: [{ weekday: 2, startMinute: 9 * 60, endMinute: 12 * 60, mode: "IN_PERSON" as const, locationId }] });

beforeAll(async () => {
  db = await createTestDatabase();
  organizationId = (await createOrganization(db.db, { name: "Harbour Health" })).id;
  await createLocation(db.db, { organizationId, name: "Harbour Street" });
  for (const role of ROLES) actors[role] = (await member(role)).actor;
  actors.STRANGER = asUser({ id: (await createUser(db.db)).id });
  actors.PLATFORM_ADMIN = asUser({ id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" });
  actors.ANONYMOUS = anonymous;
});

afterAll(async () => {
  await db?.drop();
});

type OrganizationSide = "list" | "searchProviders" | "invite" | "end";
type ProviderSide = "mine" | "respond" | "leave" | "setScheduleEdits";

describe("the role matrix of organizations.network", () => {
  const WHO = ["OWNER", "ADMIN", "MANAGER", "STAFF", "STRANGER", "PLATFORM_ADMIN", "ANONYMOUS"] as const;
  const MEMBERS_ONLY = { STRANGER: "NOT_FOUND", PLATFORM_ADMIN: "NOT_FOUND", ANONYMOUS: "UNAUTHORIZED" } as const;
  const expected: Record<OrganizationSide, Record<(typeof WHO)[number], string>> = {
    list: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "ok", ...MEMBERS_ONLY },
    searchProviders: { OWNER: "ok", ADMIN: "ok", MANAGER: "FORBIDDEN", STAFF: "FORBIDDEN", ...MEMBERS_ONLY },
    invite: { OWNER: "ok", ADMIN: "ok", MANAGER: "FORBIDDEN", STAFF: "FORBIDDEN", ...MEMBERS_ONLY },
    end: { OWNER: "ok", ADMIN: "ok", MANAGER: "FORBIDDEN", STAFF: "FORBIDDEN", ...MEMBERS_ONLY },
  };

  const PROVIDER_WHO = ["THE_PROVIDER", "OTHER_PROVIDER", "PATIENT", "ORGANIZATION_OWNER", "ANONYMOUS"] as const;
  // Another provider's link is not theirs to see: NOT_FOUND, as for a link that does not exist.
  const providerExpected: Record<ProviderSide, Record<(typeof PROVIDER_WHO)[number], string>> = {
    mine: { THE_PROVIDER: "ok", OTHER_PROVIDER: "ok", PATIENT: "FORBIDDEN", ORGANIZATION_OWNER: "FORBIDDEN", ANONYMOUS: "UNAUTHORIZED" },
    respond: { THE_PROVIDER: "ok", OTHER_PROVIDER: "NOT_FOUND", PATIENT: "FORBIDDEN", ORGANIZATION_OWNER: "FORBIDDEN", ANONYMOUS: "UNAUTHORIZED" },
    leave: { THE_PROVIDER: "ok", OTHER_PROVIDER: "NOT_FOUND", PATIENT: "FORBIDDEN", ORGANIZATION_OWNER: "FORBIDDEN", ANONYMOUS: "UNAUTHORIZED" },
    setScheduleEdits: { THE_PROVIDER: "ok", OTHER_PROVIDER: "NOT_FOUND", PATIENT: "FORBIDDEN", ORGANIZATION_OWNER: "FORBIDDEN", ANONYMOUS: "UNAUTHORIZED" },
  };

  it("covers every procedure of organizations.network, each on one side", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("organizations.network."))
      .map((path) => path.slice("organizations.network.".length));
    expect(procedures.sort()).toEqual([...Object.keys(expected), ...Object.keys(providerExpected)].sort());
  });

  for (const who of WHO) {
    it(`organization side as ${who}`, async () => {
      const actor = actors[who]!;
      const candidate = await provider();
      const linked = await provider();
      await linkProviderToOrganization(db.db, linked.provider.id, organizationId);
      const results: Record<string, string> = {};
      results.list = await outcome(as(actor).organizations.network.list({ organizationId }));
      results.searchProviders = await outcome(as(actor).organizations.network.searchProviders({ organizationId, query: "Test User" }));
      results.invite = await outcome(as(actor).organizations.network.invite({ organizationId, providerId: candidate.provider.id }));
      results.end = await outcome(as(actor).organizations.network.end({ organizationId, providerId: linked.provider.id }));
      expect(results).toEqual(Object.fromEntries(Object.entries(expected).map(([procedure, row]) => [procedure, row[who]])));
    });
  }

  for (const who of PROVIDER_WHO) {
    it(`provider side as ${who}`, async () => {
      // Each row has its own provider with fresh links, so one row's answers do not change the next.
      const theProvider = await provider();
      const invitedBy = await practice("Inviting practice");
      await createProviderLink(db.db, { providerId: theProvider.provider.id, organizationId: invitedBy.id, status: "INVITED" });
      const leaving = await practice("Left practice");
      await createProviderLink(db.db, { providerId: theProvider.provider.id, organizationId: leaving.id, status: "ACTIVE" });
      const editing = await practice("Editing practice");
      await createProviderLink(db.db, { providerId: theProvider.provider.id, organizationId: editing.id, status: "ACTIVE" });
      const actor: TestActor = {
        THE_PROVIDER: theProvider.actor,
        OTHER_PROVIDER: (await provider()).actor,
        PATIENT: asUser({ id: (await createPatient(db.db)).user.id }),
        ORGANIZATION_OWNER: invitedBy.owner.actor,
        ANONYMOUS: anonymous,
      }[who];
      const caller = as(actor).organizations.network;
      const results: Record<string, string> = {};
      results.mine = await outcome(caller.mine());
      results.respond = await outcome(caller.respond({ organizationId: invitedBy.id, decision: "ACCEPT" }));
      results.leave = await outcome(caller.leave({ organizationId: leaving.id }));
      results.setScheduleEdits = await outcome(caller.setScheduleEdits({ organizationId: editing.id, allowsScheduleEdits: true }));
      expect(results).toEqual(Object.fromEntries(Object.entries(providerExpected).map(([procedure, row]) => [procedure, row[who]])));
      // Nobody but the provider changed the provider's links.
      const expectedStatuses = who === "THE_PROVIDER" ? ["ACTIVE", "ENDED", "ACTIVE"] : ["INVITED", "ACTIVE", "ACTIVE"];
      const statuses = await Promise.all([invitedBy.id, leaving.id, editing.id].map(async (id) => (await linkOf(theProvider.provider.id, id))!.status));
      expect(statuses).toEqual(expectedStatuses);
      expect((await linkOf(theProvider.provider.id, editing.id))!.allowsScheduleEdits).toBe(who === "THE_PROVIDER");
    });
  }

  it("an organization id the caller is not in is NOT_FOUND, and bad input names its field", async () => {
    const other = await practice("Elsewhere");
    expect(await outcome(as(actors.OWNER!).organizations.network.list({ organizationId: other.id }))).toBe("NOT_FOUND");
    expect(await outcome(as(actors.OWNER!).organizations.network.list({ organizationId: randomUUID() }))).toBe("NOT_FOUND");
    const short = await failure(as(actors.ADMIN!).organizations.network.searchProviders({ organizationId, query: " a " }));
    expect(short).toMatchObject({ appCode: "VALIDATION", fieldErrors: { query: [expect.stringMatching(/^query must be at least 2 characters/)] } });
    const badId = await failure(as(actors.ADMIN!).organizations.network.invite({ organizationId, providerId: "not-an-id" }));
    expect(badId).toMatchObject({ appCode: "VALIDATION", fieldErrors: { providerId: ["providerId must be a provider's id"] } });
    const badDecision = await failure(as((await provider()).actor).organizations.network.respond({ organizationId, decision: "accept" as "ACCEPT" }));
    expect(badDecision.fieldErrors).toEqual({ decision: ["decision must be ACCEPT or DECLINE"] });
  });
});

describe("inviting a provider", () => {
  it("writes INVITED and, in the same transaction, the event with ids only", async () => {
    const org = await practice("Event practice");
    const admin = await member("ADMIN", org.id);
    const invited = await provider({ user: { email: "dr.event@example.test" } });
    const result = await as(admin.actor).organizations.network.invite({ organizationId: org.id, providerId: invited.provider.id });
    expect(result).toEqual({ providerId: invited.provider.id, organizationId: org.id, status: "INVITED", allowsScheduleEdits: false });
    expect(await linkOf(invited.provider.id, org.id)).toMatchObject({ status: "INVITED", invitedByUserId: admin.id, joinedAt: null });
    const events = await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, org.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "organization.provider_invited", aggregateType: "organization", aggregateId: org.id });
    expect(events[0]!.payload).toEqual({ organizationId: org.id, providerId: invited.provider.id });

    // The list shows the invitation; the provider sees it with who sent it.
    const page = await as(org.owner.actor).organizations.network.list({ organizationId: org.id });
    expect(page).toMatchObject({ total: 1, page: 1, items: [{ providerId: invited.provider.id, status: "INVITED", since: NOW, upcomingBookingCount: 0 }] });
    const mine = await as(invited.actor).organizations.network.mine();
    expect(mine).toEqual([expect.objectContaining({ organizationId: org.id, status: "INVITED", invitedByName: expect.any(String), organizationName: "Event practice" })]);
  });

  it("refuses an unknown or unapproved provider (NOT_FOUND), one already in or invited (CONFLICT), and an organization not yet approved, writing no event", async () => {
    const org = await practice("Refusing practice");
    const pending = await provider({ provider: { status: "PENDING" } });
    const active = await provider();
    await linkProviderToOrganization(db.db, active.provider.id, org.id);
    const invited = await provider();
    await createProviderLink(db.db, { providerId: invited.provider.id, organizationId: org.id, status: "INVITED" });
    const invite = (providerId: string) => as(org.owner.actor).organizations.network.invite({ organizationId: org.id, providerId });
    expect((await failure(invite(randomUUID()))).appCode).toBe("NOT_FOUND");
    expect(await failure(invite(pending.provider.id))).toMatchObject({ appCode: "NOT_FOUND", fieldErrors: { providerId: ["Choose an approved provider from the search results."] } });
    expect(await failure(invite(active.provider.id))).toMatchObject({ appCode: "CONFLICT", message: "This provider is already in your organization's network." });
    expect((await failure(invite(invited.provider.id))).message).toBe("This provider has already been invited and has not answered yet.");

    const unreviewed = await createOrganization(db.db, { status: "PENDING" });
    const owner = await member("OWNER", unreviewed.id);
    const early = await failure(as(owner.actor).organizations.network.invite({ organizationId: unreviewed.id, providerId: (await provider()).provider.id }));
    expect(early.appCode).toBe("PRECONDITION_FAILED");
    expect(await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, org.id))).toEqual([]);
    expect(await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, unreviewed.id))).toEqual([]);
  });

  it("after a decline, again only 30 days later, by whoever invites then, with nothing carried over", async () => {
    const org = await practice("Patient practice");
    const firstAdmin = await member("ADMIN", org.id);
    const secondAdmin = await member("ADMIN", org.id);
    const invited = await provider();
    await as(firstAdmin.actor).organizations.network.invite({ organizationId: org.id, providerId: invited.provider.id });
    await as(invited.actor).organizations.network.respond({ organizationId: org.id, decision: "DECLINE" });
    expect(await linkOf(invited.provider.id, org.id)).toMatchObject({ status: "DECLINED", respondedAt: NOW });

    const tooSoon = new Date(NOW.getTime() + 30 * DAY - 60_000);
    const refused = await failure(as(secondAdmin.actor, tooSoon).organizations.network.invite({ organizationId: org.id, providerId: invited.provider.id }));
    expect(refused).toMatchObject({
      appCode: "CONFLICT",
      message: "This provider declined your invitation on Mon, 1 Mar 2027 (UTC). You can invite them again from Wed, 31 Mar 2027 (UTC).",
    });

    const later = new Date(NOW.getTime() + 30 * DAY);
    await as(secondAdmin.actor, later).organizations.network.invite({ organizationId: org.id, providerId: invited.provider.id });
    expect(await linkOf(invited.provider.id, org.id)).toMatchObject({ status: "INVITED", invitedByUserId: secondAdmin.id, respondedAt: null, updatedAt: later });
    expect(await db.db.select({ type: outboxEvents.type }).from(outboxEvents).where(eq(outboxEvents.aggregateId, org.id))).toHaveLength(2);
  });

  it("after the link ended, at once; the old permission to edit the schedule does not come back", async () => {
    const org = await practice("Returning practice");
    const returning = await provider();
    await createProviderLink(db.db, { providerId: returning.provider.id, organizationId: org.id, status: "ACTIVE", allowsScheduleEdits: true });
    await as(returning.actor).organizations.network.leave({ organizationId: org.id });
    await as(org.owner.actor).organizations.network.invite({ organizationId: org.id, providerId: returning.provider.id });
    await as(returning.actor).organizations.network.respond({ organizationId: org.id, decision: "ACCEPT" });
    expect(await linkOf(returning.provider.id, org.id)).toMatchObject({ status: "ACTIVE", allowsScheduleEdits: false, endedAt: null, joinedAt: NOW });
  });
});

describe("searching for providers to invite", () => {
  it("finds approved providers by name or address with their link here, never their email", async () => {
    const org = await practice("Searching practice");
    const approved = await provider({ user: { name: "Amelia Quistgaard", email: "amelia.quistgaard@example.test" }, specialties: [{ slug: "physiotherapy", name: "Physiotherapy" }] });
    await createProvider(db.db, { user: { name: "Bruno Quistgaard" }, provider: { status: "PENDING" } });
    const member = await provider({ user: { name: "Carla Quistgaard" } });
    await linkProviderToOrganization(db.db, member.provider.id, org.id);
    const found = await as(org.owner.actor).organizations.network.searchProviders({ organizationId: org.id, query: "quistgaard" });
    expect(found.map((c) => [c.displayName, c.linkStatus])).toEqual([
      ["Amelia Quistgaard", null],
      ["Carla Quistgaard", "ACTIVE"],
    ]);
    expect(found[0]!.specialties).toEqual(["Physiotherapy"]);
    expect(JSON.stringify(found)).not.toContain("@");
    const bySlug = await as(org.owner.actor).organizations.network.searchProviders({ organizationId: org.id, query: approved.provider.slug });
    expect(bySlug.map((c) => c.providerId)).toEqual([approved.provider.id]);
    // LIKE's wildcards are plain characters in a search.
    expect(await as(org.owner.actor).organizations.network.searchProviders({ organizationId: org.id, query: "%%" })).toEqual([]);
  });
});

describe("answering an invitation", () => {
  it("accepting lets the provider save weekly hours at the organization's locations, refused before", async () => {
    const org = await practice("Accepting practice");
    const invited = await provider();
    await as(org.owner.actor).organizations.network.invite({ organizationId: org.id, providerId: invited.provider.id });
    const before = await failure(as(invited.actor).availability.saveWeeklySchedule(inPersonWeek(org.location.id)));
    expect(before).toMatchObject({ appCode: "VALIDATION", fieldErrors: { "rules.0.locationId": ["Choose one of your practice's locations."] } });

    const accepted = await as(invited.actor).organizations.network.respond({ organizationId: org.id, decision: "ACCEPT" });
    expect(accepted).toMatchObject({ status: "ACTIVE" });
    expect(await linkOf(invited.provider.id, org.id)).toMatchObject({ status: "ACTIVE", joinedAt: NOW, respondedAt: NOW });
    const saved = await as(invited.actor).availability.saveWeeklySchedule(inPersonWeek(org.location.id));
    expect(saved).toEqual([expect.objectContaining({ locationId: org.location.id, weekday: 2 })]);

    const again = await failure(as(invited.actor).organizations.network.respond({ organizationId: org.id, decision: "DECLINE" }));
    expect(again).toMatchObject({ appCode: "CONFLICT", message: "You already work with this organization." });
    const page = await as(org.owner.actor).organizations.network.list({ organizationId: org.id });
    expect(page.items).toEqual([expect.objectContaining({ status: "ACTIVE", since: NOW, locationsInUse: [{ id: org.location.id, name: org.location.name }] })]);
  });

  it("declining leaves the provider without the organization's locations; a withdrawn invitation cannot be answered", async () => {
    const org = await practice("Declined practice");
    const invited = await provider();
    await as(org.owner.actor).organizations.network.invite({ organizationId: org.id, providerId: invited.provider.id });
    await as(invited.actor).organizations.network.respond({ organizationId: org.id, decision: "DECLINE" });
    expect(await as(invited.actor).organizations.network.mine()).toEqual([]);
    expect((await failure(as(invited.actor).availability.saveWeeklySchedule(inPersonWeek(org.location.id)))).appCode).toBe("VALIDATION");

    const withdrawn = await provider();
    await as(org.owner.actor).organizations.network.invite({ organizationId: org.id, providerId: withdrawn.provider.id });
    await as(org.owner.actor).organizations.network.end({ organizationId: org.id, providerId: withdrawn.provider.id });
    const late = await failure(as(withdrawn.actor).organizations.network.respond({ organizationId: org.id, decision: "ACCEPT" }));
    expect(late).toMatchObject({ appCode: "CONFLICT", message: expect.stringMatching(/^This invitation is no longer open/) });
  });

  it("a provider whose profile is not approved may decline but not accept", async () => {
    const org = await practice("Careful practice");
    const pending = await provider({ provider: { status: "PENDING" } });
    await createProviderLink(db.db, { providerId: pending.provider.id, organizationId: org.id, status: "INVITED" });
    expect((await failure(as(pending.actor).organizations.network.respond({ organizationId: org.id, decision: "ACCEPT" }))).appCode).toBe("FORBIDDEN");
    expect(await as(pending.actor).organizations.network.respond({ organizationId: org.id, decision: "DECLINE" })).toMatchObject({ status: "DECLINED" });
  });
});

describe("ending a link", () => {
  async function workingProvider(timeZone = "Europe/London") {
    const org = await practice("Ending practice");
    const second = await createLocation(db.db, { organizationId: org.id, name: "Annex" });
    const elsewhere = await practice("Other practice");
    const worker = await provider({ provider: { timeZone } });
    await linkProviderToOrganization(db.db, worker.provider.id, org.id);
    await linkProviderToOrganization(db.db, worker.provider.id, elsewhere.id);
    await createWeeklyRules(db.db, worker.provider.id, [
      { weekday: 1, startMinute: 540, endMinute: 720, mode: "IN_PERSON", locationId: org.location.id },
      { weekday: 2, startMinute: 540, endMinute: 720, mode: "IN_PERSON", locationId: second.id },
      { weekday: 3, startMinute: 540, endMinute: 720, mode: "IN_PERSON", locationId: elsewhere.location.id },
      { weekday: 4, startMinute: 540, endMinute: 720, mode: "ONLINE", locationId: null },
    ]);
    return { org, second, elsewhere, worker };
  }

  const rulesOf = (providerId: string) =>
    db.db
      .select({ weekday: availabilityRules.weekday, locationId: availabilityRules.locationId })
      .from(availabilityRules)
      .where(eq(availabilityRules.providerId, providerId))
      .orderBy(asc(availabilityRules.weekday));

  const datedOf = (providerId: string) =>
    db.db
      .select({ startDate: availabilityOverrides.startDate, kind: availabilityOverrides.kind, locationId: availabilityOverrideIntervals.locationId })
      .from(availabilityOverrides)
      .leftJoin(availabilityOverrideIntervals, eq(availabilityOverrideIntervals.overrideId, availabilityOverrides.id))
      .where(eq(availabilityOverrides.providerId, providerId))
      .orderBy(asc(availabilityOverrides.startDate), asc(availabilityOverrideIntervals.startMinute));

  it("removes the provider's hours at the organization's locations, lists the bookings that stay, and leaves the other organization alone", async () => {
    const { org, second, elsewhere, worker } = await workingProvider();
    const service = worker.services[0]!.id;
    await createOverride(db.db, { providerId: worker.provider.id, startDate: "2027-02-20", intervals: [{ startMinute: 600, endMinute: 660, locationId: org.location.id }] });
    await createOverride(db.db, {
      providerId: worker.provider.id,
      startDate: "2027-03-05",
      intervals: [
        { startMinute: 600, endMinute: 660, locationId: second.id },
        { startMinute: 700, endMinute: 760, locationId: null },
      ],
    });
    await createOverride(db.db, { providerId: worker.provider.id, startDate: "2027-03-06", intervals: [{ startMinute: 600, endMinute: 660, locationId: org.location.id }] });
    await createOverride(db.db, { providerId: worker.provider.id, startDate: "2027-03-07", kind: "REPLACE", intervals: [{ startMinute: 600, endMinute: 660, locationId: org.location.id }] });
    const soon = await createNetworkBooking(db.db, { providerId: worker.provider.id, serviceId: service, locationId: second.id, startsAt: new Date("2027-03-02T09:00:00Z"), status: "PENDING" });
    const later = await createNetworkBooking(db.db, { providerId: worker.provider.id, serviceId: service, locationId: org.location.id, startsAt: new Date("2027-03-08T09:00:00Z") });
    // Not listed: past, cancelled, online, and at the other organization.
    await createNetworkBooking(db.db, { providerId: worker.provider.id, serviceId: service, locationId: org.location.id, startsAt: new Date("2027-02-22T09:00:00Z") });
    await createNetworkBooking(db.db, { providerId: worker.provider.id, serviceId: service, locationId: org.location.id, startsAt: new Date("2027-03-09T09:00:00Z"), status: "CANCELLED" });
    await createNetworkBooking(db.db, { providerId: worker.provider.id, serviceId: service, locationId: null, startsAt: new Date("2027-03-10T09:00:00Z") });
    await createNetworkBooking(db.db, { providerId: worker.provider.id, serviceId: service, locationId: elsewhere.location.id, startsAt: new Date("2027-03-11T09:00:00Z") });

    const listed = await as(org.owner.actor).organizations.network.list({ organizationId: org.id });
    expect(listed.items).toEqual([
      expect.objectContaining({ providerId: worker.provider.id, upcomingBookingCount: 2, locationsInUse: [{ id: second.id, name: "Annex" }, { id: org.location.id, name: org.location.name }] }),
    ]);

    const ended = await as(org.owner.actor).organizations.network.end({ organizationId: org.id, providerId: worker.provider.id });
    expect(ended).toEqual({
      providerId: worker.provider.id,
      organizationId: org.id,
      status: "ENDED",
      removedWeeklyIntervals: 2,
      removedDatedIntervals: 3,
      upcomingBookingCount: 2,
      upcomingBookings: [
        { id: soon.id, startsAt: soon.startsAt, endsAt: soon.endsAt, status: "PENDING", locationName: "Annex", timeZone: "Europe/London" },
        { id: later.id, startsAt: later.startsAt, endsAt: later.endsAt, status: "CONFIRMED", locationName: org.location.name, timeZone: "Europe/London" },
      ],
    });
    expect(await rulesOf(worker.provider.id)).toEqual([
      { weekday: 3, locationId: elsewhere.location.id },
      { weekday: 4, locationId: null },
    ]);
    // The past override stays; the emptied extra hours go; a REPLACE left empty still keeps the day free.
    expect(await datedOf(worker.provider.id)).toEqual([
      { startDate: "2027-02-20", kind: "EXTRA", locationId: org.location.id },
      { startDate: "2027-03-05", kind: "EXTRA", locationId: null },
      { startDate: "2027-03-07", kind: "REPLACE", locationId: null },
    ]);
    expect(await linkOf(worker.provider.id, org.id)).toMatchObject({ status: "ENDED", endedAt: NOW, allowsScheduleEdits: false });
    expect(await linkOf(worker.provider.id, elsewhere.id)).toMatchObject({ status: "ACTIVE" });
    expect((await failure(as(worker.actor).availability.saveWeeklySchedule(inPersonWeek(org.location.id)))).appCode).toBe("VALIDATION");
    await as(worker.actor).availability.saveWeeklySchedule(inPersonWeek(elsewhere.location.id));

    const [audit] = await db.db.select().from(auditLog).where(and(eq(auditLog.subjectId, org.id), eq(auditLog.action, "organization.provider_link_ended")));
    expect(audit!.details).toEqual({ providerId: worker.provider.id, previousStatus: "ACTIVE", upcomingBookings: 2 });
    expect((await failure(as(org.owner.actor).organizations.network.end({ organizationId: org.id, providerId: worker.provider.id }))).appCode).toBe("CONFLICT");
  });

  it("is NOT_FOUND for a provider of another organization, and touches nothing there", async () => {
    const { org, elsewhere, worker } = await workingProvider();
    const outsider = await provider();
    await linkProviderToOrganization(db.db, outsider.provider.id, elsewhere.id);
    await createWeeklyRules(db.db, outsider.provider.id, [{ weekday: 1, startMinute: 540, endMinute: 600, mode: "IN_PERSON", locationId: elsewhere.location.id }]);
    const refused = await failure(as(org.owner.actor).organizations.network.end({ organizationId: org.id, providerId: outsider.provider.id }));
    expect(refused).toMatchObject({ appCode: "NOT_FOUND", message: "This provider is not in your organization's network." });
    expect((await failure(as(org.owner.actor).organizations.network.end({ organizationId: org.id, providerId: randomUUID() }))).appCode).toBe("NOT_FOUND");
    expect(await linkOf(outsider.provider.id, elsewhere.id)).toMatchObject({ status: "ACTIVE" });
    expect(await rulesOf(outsider.provider.id)).toHaveLength(1);
    const listed = await as(org.owner.actor).organizations.network.list({ organizationId: org.id });
    expect(listed.items.map((item) => item.providerId)).toEqual([worker.provider.id]);
  });

  it("dated hours are cut from the provider's today: half an hour ahead of UTC's date in Kolkata, a day behind on the night the US clocks change", async () => {
    // 19:00 UTC on 1 March is already 00:30 on 2 March in Kolkata (UTC+5:30).
    const kolkata = await workingProvider("Asia/Kolkata");
    for (const date of ["2027-03-01", "2027-03-02"]) {
      await createOverride(db.db, { providerId: kolkata.worker.provider.id, startDate: date, intervals: [{ startMinute: 600, endMinute: 660, locationId: kolkata.org.location.id }] });
    }
    await as(kolkata.worker.actor, new Date("2027-03-01T19:00:00Z")).organizations.network.leave({ organizationId: kolkata.org.id });
    expect((await datedOf(kolkata.worker.provider.id)).map((row) => row.startDate)).toEqual(["2027-03-01"]);

    // 07:30 UTC on 14 March 2027 is 23:30 on 13 March in Los Angeles, hours before its clocks go forward.
    const losAngeles = await workingProvider("America/Los_Angeles");
    for (const date of ["2027-03-12", "2027-03-13"]) {
      await createOverride(db.db, { providerId: losAngeles.worker.provider.id, startDate: date, intervals: [{ startMinute: 600, endMinute: 660, locationId: losAngeles.org.location.id }] });
    }
    await as(losAngeles.org.owner.actor, new Date("2027-03-14T07:30:00Z")).organizations.network.end({ organizationId: losAngeles.org.id, providerId: losAngeles.worker.provider.id });
    expect((await datedOf(losAngeles.worker.provider.id)).map((row) => row.startDate)).toEqual(["2027-03-12"]);
  });

  it("the provider leaving has the same effects; an invitation is declined, not left", async () => {
    const { org, elsewhere, worker } = await workingProvider();
    const mine = await as(worker.actor).organizations.network.mine();
    // By name: "Ending practice" before "Other practice".
    expect(mine.map((link) => [link.organizationId, link.status])).toEqual([
      [org.id, "ACTIVE"],
      [elsewhere.id, "ACTIVE"],
    ]);
    const left = await as(worker.actor).organizations.network.leave({ organizationId: org.id });
    expect(left).toMatchObject({ status: "ENDED", removedWeeklyIntervals: 2, upcomingBookingCount: 0 });
    expect((await rulesOf(worker.provider.id)).map((rule) => rule.weekday)).toEqual([3, 4]);
    expect((await as(worker.actor).organizations.network.mine()).map((link) => link.organizationId)).toEqual([elsewhere.id]);
    expect((await failure(as(worker.actor).organizations.network.leave({ organizationId: org.id }))).appCode).toBe("CONFLICT");

    const inviting = await practice("Inviting");
    await createProviderLink(db.db, { providerId: worker.provider.id, organizationId: inviting.id, status: "INVITED" });
    const refused = await failure(as(worker.actor).organizations.network.leave({ organizationId: inviting.id }));
    expect(refused).toMatchObject({ appCode: "CONFLICT", message: "You have not joined this organization: decline its invitation instead." });
  });
});

describe("a provider in two organizations", () => {
  it("works at both organizations' locations, sees both with their locations and bookings, and grants schedule edits to one only", async () => {
    const north = await practice("North clinic", { name: "North site" });
    const south = await practice("South clinic", { name: "South site" });
    const both = await provider();
    for (const org of [north, south]) {
      await as(org.owner.actor).organizations.network.invite({ organizationId: org.id, providerId: both.provider.id });
      await as(both.actor).organizations.network.respond({ organizationId: org.id, decision: "ACCEPT" });
    }
    await as(both.actor).availability.saveWeeklySchedule({
      rules: [
        { weekday: 1, startMinute: 540, endMinute: 720, mode: "IN_PERSON", locationId: north.location.id },
        { weekday: 2, startMinute: 540, endMinute: 720, mode: "IN_PERSON", locationId: south.location.id },
      ],
    });
    await createNetworkBooking(db.db, { providerId: both.provider.id, serviceId: both.services[0]!.id, locationId: south.location.id, startsAt: new Date("2027-03-02T10:00:00Z") });

    await as(both.actor).organizations.network.setScheduleEdits({ organizationId: south.id, allowsScheduleEdits: true });
    const mine = await as(both.actor).organizations.network.mine();
    expect(mine.map((link) => [link.organizationName, link.allowsScheduleEdits, link.locations.map((l) => l.name), link.upcomingBookingCount])).toEqual([
      ["North clinic", false, ["North site"], 0],
      ["South clinic", true, ["South site"], 1],
    ]);
    const southList = await as(south.owner.actor).organizations.network.list({ organizationId: south.id });
    expect(southList.items).toEqual([expect.objectContaining({ allowsScheduleEdits: true, locationsInUse: [{ id: south.location.id, name: "South site" }], upcomingBookingCount: 1 })]);
    const northList = await as(north.owner.actor).organizations.network.list({ organizationId: north.id });
    expect(northList.items).toEqual([expect.objectContaining({ allowsScheduleEdits: false, locationsInUse: [{ id: north.location.id, name: "North site" }], upcomingBookingCount: 0 })]);

    await as(both.actor).organizations.network.setScheduleEdits({ organizationId: south.id, allowsScheduleEdits: false });
    expect((await linkOf(both.provider.id, south.id))!.allowsScheduleEdits).toBe(false);
  });

  it("schedule edits are only for an organization the provider works with", async () => {
    const org = await practice("Not yet");
    const invited = await provider();
    await createProviderLink(db.db, { providerId: invited.provider.id, organizationId: org.id, status: "INVITED" });
    const refused = await failure(as(invited.actor).organizations.network.setScheduleEdits({ organizationId: org.id, allowsScheduleEdits: true }));
    expect(refused.appCode).toBe("CONFLICT");
    expect((await failure(as(invited.actor).organizations.network.setScheduleEdits({ organizationId: randomUUID(), allowsScheduleEdits: true }))).appCode).toBe("NOT_FOUND");
  });
});
