import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createLocation, createMembership, createOrganization, createProvider, createUser, createWeeklyRules } from "@/test/factories";
import { createScheduleLink } from "@/test/factories/org-calendar";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import { decodePublicSlots } from "../slot-encoding";
import { failure, outcome } from "@/test/call-outcome";

/** Monday 1 March 2027, 08:00 London (GMT). */
const NOW = new Date("2027-03-01T08:00:00Z");
const now = () => NOW;
const ROLES = ["OWNER", "ADMIN", "MANAGER", "STAFF"] as const;
const WHO = [...ROLES, "STRANGER", "PLATFORM_ADMIN", "ANONYMOUS"] as const;

let db: TestDatabase;
let organizationId: string;
let otherOrganizationId: string;
let harbour: { id: string };
let hill: { id: string };
let lisbon: { id: string };
const actors: Record<string, TestActor> = {};
const as = (actor: TestActor) => callerFor(db.db, actor, now);

/**
 * A London provider working with this organization (Harbour, London) and another (Lisbon):
 * Monday 09:00–12:00 at Harbour, Tuesday 09:00–12:00 in Lisbon, Monday 14:00–17:00 online.
 */
async function providerOfBoth(options: { allowsScheduleEdits?: boolean; status?: "ACTIVE" | "ENDED" } = {}) {
  const { provider, user, services } = await createProvider(db.db, {
    provider: { timeZone: "Europe/London" },
    services: [{ name: "Check-up", durationMinutes: 30, slotStepMinutes: 30, minimumNoticeMinutes: 0, bookingHorizonDays: 60 }],
  });
  await createScheduleLink(db.db, { providerId: provider.id, organizationId, status: options.status, allowsScheduleEdits: options.allowsScheduleEdits ?? true });
  await createScheduleLink(db.db, { providerId: provider.id, organizationId: otherOrganizationId });
  await createWeeklyRules(db.db, provider.id, [
    { weekday: 1, startMinute: 540, endMinute: 720, mode: "IN_PERSON", locationId: harbour.id },
    { weekday: 2, startMinute: 540, endMinute: 720, mode: "IN_PERSON", locationId: lisbon.id },
    { weekday: 1, startMinute: 840, endMinute: 1020, mode: "ONLINE", locationId: null },
  ]);
  return { provider, user, service: services[0]! };
}

beforeAll(async () => {
  db = await createTestDatabase();
  organizationId = (await createOrganization(db.db, { name: "Harbour Health" })).id;
  otherOrganizationId = (await createOrganization(db.db, { name: "Lisbon Care" })).id;
  harbour = await createLocation(db.db, { organizationId, name: "Harbour clinic", timeZone: "Europe/London" });
  hill = await createLocation(db.db, { organizationId, name: "Hill clinic", timeZone: "Europe/London" });
  lisbon = await createLocation(db.db, { organizationId: otherOrganizationId, name: "Lisbon clinic", timeZone: "Europe/Lisbon" });
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

describe("the role matrix of availability.organizationSchedule", () => {
  const MEMBERS_ONLY = { STRANGER: "NOT_FOUND", PLATFORM_ADMIN: "NOT_FOUND", ANONYMOUS: "UNAUTHORIZED" } as const;
  const expected: Record<string, Record<(typeof WHO)[number], string>> = {
    get: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "FORBIDDEN", ...MEMBERS_ONLY },
    save: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "FORBIDDEN", ...MEMBERS_ONLY },
  };

  it("covers every procedure of the sub-router", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("availability.organizationSchedule."))
      .map((path) => path.slice("availability.organizationSchedule.".length));
    expect(procedures.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const who of WHO) {
    it(`as ${who}`, async () => {
      const { provider } = await providerOfBoth();
      const caller = as(actors[who]!);
      const results = {
        get: await outcome(caller.availability.organizationSchedule.get({ organizationId, providerId: provider.id })),
        save: await outcome(
          caller.availability.organizationSchedule.save({
            organizationId,
            providerId: provider.id,
            rules: [{ weekday: 3, startMinute: 600, endMinute: 780, mode: "IN_PERSON", locationId: harbour.id }],
          }),
        ),
      };
      expect(results).toEqual({ get: expected.get![who], save: expected.save![who] });
    });
  }
});

describe("a manager editing a provider's hours", () => {
  const manager = () => as(actors.MANAGER!);

  it("shows the provider's in-person hours at this organization's locations only, and that editing is allowed", async () => {
    const { provider } = await providerOfBoth();
    const schedule = await manager().availability.organizationSchedule.get({ organizationId, providerId: provider.id });
    expect(schedule).toMatchObject({ provider: { id: provider.id, timeZone: "Europe/London" }, canEdit: true, editBlockedReason: null });
    expect(schedule.locations.map((l) => l.id).sort()).toEqual([harbour.id, hill.id].sort());
    expect(schedule.rules.map((r) => [r.weekday, r.startMinute, r.endMinute, r.locationId])).toEqual([[1, 540, 720, harbour.id]]);
  });

  it("replaces those hours and leaves online hours and another organization's hours as they were; the edit is recorded", async () => {
    const { provider, user } = await providerOfBoth();
    const before = await as(asUser({ id: user.id })).availability.mySchedule();
    const untouched = before.rules.filter((rule) => rule.locationId !== harbour.id);
    const saved = await manager().availability.organizationSchedule.save({
      organizationId,
      providerId: provider.id,
      rules: [
        { weekday: 3, startMinute: 600, endMinute: 780, mode: "IN_PERSON", locationId: harbour.id },
        { weekday: 4, startMinute: 540, endMinute: 600, mode: "IN_PERSON", locationId: hill.id },
      ],
    });
    expect(saved.rules.map((r) => [r.weekday, r.startMinute, r.locationId])).toEqual([
      [3, 600, harbour.id],
      [4, 540, hill.id],
    ]);
    const after = await as(asUser({ id: user.id })).availability.mySchedule();
    // The kept rules are the same rows (same ids), not copies.
    expect(after.rules.filter((rule) => rule.locationId !== harbour.id && rule.locationId !== hill.id)).toEqual(untouched);
    expect(after.rules).toHaveLength(4);

    const managerId = actors.MANAGER!.kind === "user" ? actors.MANAGER!.user.id : "";
    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, provider.id), eq(auditLog.action, "availability.organization_schedule_saved")));
    expect(audit).toEqual([expect.objectContaining({ actorUserId: managerId, subjectType: "provider", details: { organizationId, intervals: 2 } })]);
  });

  it("an empty week clears only this organization's hours", async () => {
    const { provider, user } = await providerOfBoth();
    await manager().availability.organizationSchedule.save({ organizationId, providerId: provider.id, rules: [] });
    const after = await as(asUser({ id: user.id })).availability.mySchedule();
    expect(after.rules.map((r) => [r.mode, r.locationId]).sort()).toEqual([["IN_PERSON", lisbon.id], ["ONLINE", null]].sort());
  });

  it("the public slots follow the change", async () => {
    const { provider, service } = await providerOfBoth();
    const slots = async () =>
      decodePublicSlots(await as(anonymous).availability.slots({ providerId: provider.id, serviceId: service.id, from: NOW, days: 7 })).slots.filter(
        (slot) => slot.locationId === harbour.id,
      );
    expect((await slots()).map((s) => s.startsAt.toISOString())).toContain("2027-03-01T09:00:00.000Z");
    await manager().availability.organizationSchedule.save({
      organizationId,
      providerId: provider.id,
      rules: [{ weekday: 3, startMinute: 600, endMinute: 660, mode: "IN_PERSON", locationId: harbour.id }],
    });
    expect((await slots()).map((s) => s.startsAt.toISOString())).toEqual(["2027-03-03T10:00:00.000Z", "2027-03-03T10:30:00.000Z"]);
  });

  it("is refused when the provider has not allowed edits, and nothing changes", async () => {
    const { provider, user } = await providerOfBoth({ allowsScheduleEdits: false });
    const schedule = await manager().availability.organizationSchedule.get({ organizationId, providerId: provider.id });
    expect(schedule.canEdit).toBe(false);
    expect(schedule.editBlockedReason).toMatch(/has not allowed schedule edits by this organization/);
    const before = await as(asUser({ id: user.id })).availability.mySchedule();
    const refused = await failure(
      as(actors.OWNER!).availability.organizationSchedule.save({
        organizationId,
        providerId: provider.id,
        rules: [{ weekday: 3, startMinute: 600, endMinute: 780, mode: "IN_PERSON", locationId: harbour.id }],
      }),
    );
    expect(refused.appCode).toBe("FORBIDDEN");
    expect(refused.message).toMatch(/has not allowed schedule edits by this organization/);
    expect((await as(asUser({ id: user.id })).availability.mySchedule()).rules).toEqual(before.rules);
  });

  it("is refused when the provider's link with the organization has ended, even with the grant left on", async () => {
    const { provider } = await providerOfBoth({ status: "ENDED", allowsScheduleEdits: true });
    const refused = await failure(
      manager().availability.organizationSchedule.save({
        organizationId,
        providerId: provider.id,
        rules: [{ weekday: 3, startMinute: 600, endMinute: 780, mode: "IN_PERSON", locationId: harbour.id }],
      }),
    );
    expect(refused).toMatchObject({ appCode: "FORBIDDEN" });
    expect(refused.message).toMatch(/has not allowed schedule edits by this organization/);
  });

  it("another organization's provider, and a location of another organization, are not found", async () => {
    const { provider: theirs } = await createProvider(db.db);
    await createScheduleLink(db.db, { providerId: theirs.id, organizationId: otherOrganizationId, allowsScheduleEdits: true });
    const rules = [{ weekday: 3, startMinute: 600, endMinute: 780, mode: "IN_PERSON" as const, locationId: harbour.id }];
    expect(await failure(manager().availability.organizationSchedule.get({ organizationId, providerId: theirs.id }))).toMatchObject({
      appCode: "NOT_FOUND",
      message: "Provider not found in this organization.",
    });
    expect((await failure(manager().availability.organizationSchedule.save({ organizationId, providerId: theirs.id, rules }))).appCode).toBe("NOT_FOUND");

    const { provider, user } = await providerOfBoth();
    const before = await as(asUser({ id: user.id })).availability.mySchedule();
    const elsewhere = await failure(
      manager().availability.organizationSchedule.save({
        organizationId,
        providerId: provider.id,
        rules: [{ weekday: 5, startMinute: 600, endMinute: 780, mode: "IN_PERSON", locationId: lisbon.id }],
      }),
    );
    expect(elsewhere).toMatchObject({ appCode: "NOT_FOUND", message: "Location not found in this organization." });
    expect((await as(asUser({ id: user.id })).availability.mySchedule()).rules).toEqual(before.rules);
  });

  it("refuses online hours and hours that overlap the provider's other hours in real time, naming the interval", async () => {
    const { provider, user } = await providerOfBoth();
    const online = await failure(
      manager().availability.organizationSchedule.save({
        organizationId,
        providerId: provider.id,
        rules: [{ weekday: 3, startMinute: 600, endMinute: 780, mode: "ONLINE", locationId: null }],
      }),
    );
    expect(online.appCode).toBe("VALIDATION");
    expect(online.fieldErrors["rules.0.mode"]?.[0]).toMatch(/^Only in-person hours/);

    const before = await as(asUser({ id: user.id })).availability.mySchedule();
    const clash = await failure(
      manager().availability.organizationSchedule.save({
        organizationId,
        providerId: provider.id,
        rules: [
          { weekday: 4, startMinute: 540, endMinute: 600, mode: "IN_PERSON", locationId: harbour.id },
          { weekday: 1, startMinute: 780, endMinute: 900, mode: "IN_PERSON", locationId: harbour.id },
        ],
      }),
    );
    expect(clash.appCode).toBe("VALIDATION");
    expect(clash.fieldErrors["rules.1.startMinute"]?.[0]).toMatch(/^This interval overlaps the provider's online hours, Monday 14:00–17:00 \(Europe\/London\)/);

    // Tuesday 10:00 London is 10:00 in Lisbon too (same offset): the other organization's hours.
    const abroad = await failure(
      manager().availability.organizationSchedule.save({
        organizationId,
        providerId: provider.id,
        rules: [{ weekday: 2, startMinute: 600, endMinute: 660, mode: "IN_PERSON", locationId: hill.id }],
      }),
    );
    expect(abroad.fieldErrors["rules.0.startMinute"]?.[0]).toMatch(/overlaps the provider's in-person hours elsewhere, Tuesday 09:00–12:00 \(Europe\/Lisbon\)/);
    expect((await as(asUser({ id: user.id })).availability.mySchedule()).rules).toEqual(before.rules);
  });

  it("a clash among the provider's other hours alone does not block the save", async () => {
    const { provider } = await providerOfBoth();
    // Their own online hours overlap their Lisbon hours (written directly, as older data might).
    await createWeeklyRules(db.db, provider.id, [{ weekday: 2, startMinute: 600, endMinute: 660, mode: "ONLINE", locationId: null }]);
    const saved = await manager().availability.organizationSchedule.save({
      organizationId,
      providerId: provider.id,
      rules: [{ weekday: 5, startMinute: 600, endMinute: 660, mode: "IN_PERSON", locationId: harbour.id }],
    });
    expect(saved.rules).toHaveLength(1);
  });
});
