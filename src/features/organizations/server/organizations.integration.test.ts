import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createMembership, createOrganization, createUser } from "@/test/factories";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import type { OrganizationRole } from "../schemas";
import { failure, outcome } from "@/test/call-outcome";

let db: TestDatabase;
let organizationId: string;
const actors: Record<string, TestActor> = {};
const ROLES: OrganizationRole[] = ["OWNER", "ADMIN", "MANAGER", "STAFF"];

async function member(role: OrganizationRole, orgId = organizationId): Promise<{ id: string; actor: TestActor }> {
  const user = await createUser(db.db);
  await createMembership(db.db, { organizationId: orgId, userId: user.id, role });
  return { id: user.id, actor: asUser({ id: user.id }) };
}

const as = (actor: TestActor) => callerFor(db.db, actor);

beforeAll(async () => {
  db = await createTestDatabase();
  organizationId = (await createOrganization(db.db, { name: "Harbour Health" })).id;
  for (const role of ROLES) actors[role] = (await member(role)).actor;
  actors.STRANGER = asUser({ id: (await createUser(db.db)).id });
  actors.PLATFORM_ADMIN = asUser({ id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" });
  actors.ANONYMOUS = anonymous;
});

afterAll(async () => {
  await db?.drop();
});

describe("the role matrix: every organization procedure as every role, a stranger, a platform admin and nobody", () => {
  const WHO = ["OWNER", "ADMIN", "MANAGER", "STAFF", "STRANGER", "PLATFORM_ADMIN", "ANONYMOUS"] as const;
  // A platform admin who is not a member is a stranger to the organization's own procedures.
  const MEMBERS_ONLY = { STRANGER: "NOT_FOUND", PLATFORM_ADMIN: "NOT_FOUND", ANONYMOUS: "UNAUTHORIZED" } as const;
  const expected: Record<string, Record<(typeof WHO)[number], string>> = {
    get: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "ok", ...MEMBERS_ONLY },
    update: { OWNER: "ok", ADMIN: "ok", MANAGER: "FORBIDDEN", STAFF: "FORBIDDEN", ...MEMBERS_ONLY },
    changeRole: { OWNER: "ok", ADMIN: "ok", MANAGER: "FORBIDDEN", STAFF: "FORBIDDEN", ...MEMBERS_ONLY },
    removeMember: { OWNER: "ok", ADMIN: "ok", MANAGER: "FORBIDDEN", STAFF: "FORBIDDEN", ...MEMBERS_ONLY },
    leave: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "ok", ...MEMBERS_ONLY },
    create: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "ok", STRANGER: "ok", PLATFORM_ADMIN: "ok", ANONYMOUS: "UNAUTHORIZED" },
    mine: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "ok", STRANGER: "ok", PLATFORM_ADMIN: "ok", ANONYMOUS: "UNAUTHORIZED" },
    pending: { OWNER: "FORBIDDEN", ADMIN: "FORBIDDEN", MANAGER: "FORBIDDEN", STAFF: "FORBIDDEN", STRANGER: "FORBIDDEN", PLATFORM_ADMIN: "ok", ANONYMOUS: "UNAUTHORIZED" },
    review: { OWNER: "FORBIDDEN", ADMIN: "FORBIDDEN", MANAGER: "FORBIDDEN", STAFF: "FORBIDDEN", STRANGER: "FORBIDDEN", PLATFORM_ADMIN: "ok", ANONYMOUS: "UNAUTHORIZED" },
  };

  it("covers every procedure of the organizations router", async () => {
    const { appRouter } = await import("@/server/api/root");
    // Sub-routers (organizations.invitations.*, .network.*, .locations.*, .closures.*) have role
    // matrices of their own, each checking that it covers its sub-router.
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("organizations."))
      .map((path) => path.slice("organizations.".length))
      .filter((name) => !name.includes("."));
    expect(procedures.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const who of WHO) {
    it(`as ${who}`, async () => {
      // Each write acts on things made for this row: a fresh staff member, a fresh pending organization.
      const actor = actors[who]!;
      const isRole = (ROLES as readonly string[]).includes(who);
      const results: Record<string, string> = {};
      results.get = await outcome(as(actor).organizations.get({ organizationId }));
      results.update = await outcome(as(actor).organizations.update({ organizationId, description: `Edited as ${who}` }));
      results.changeRole = await outcome(as(actor).organizations.changeRole({ organizationId, userId: (await member("STAFF")).id, role: "MANAGER" }));
      results.removeMember = await outcome(as(actor).organizations.removeMember({ organizationId, userId: (await member("STAFF")).id }));
      // Leaving is tried from an organization of its own, so this row's member stays for the others.
      const own = (await createOrganization(db.db)).id;
      if (isRole) {
        const leaver = actor.kind === "user" ? actor.user.id : "";
        await createMembership(db.db, { organizationId: own, userId: leaver, role: who as OrganizationRole });
        if (who === "OWNER") await member("OWNER", own);
      }
      results.leave = await outcome(as(actor).organizations.leave({ organizationId: own }));
      results.create = await outcome(as(actor).organizations.create({ name: `Practice of ${who}` }));
      results.mine = await outcome(as(actor).organizations.mine());
      results.pending = await outcome(as(actor).organizations.pending());
      const pending = (await createOrganization(db.db, { status: "PENDING" })).id;
      results.review = await outcome(as(actor).organizations.review({ organizationId: pending, decision: "APPROVE" }));
      expect(results).toEqual(Object.fromEntries(Object.entries(expected).map(([procedure, row]) => [procedure, row[who]])));
    });
  }

  it("an organization id that does not exist is NOT_FOUND, as one the caller is not in", async () => {
    expect(await outcome(as(actors.OWNER!).organizations.get({ organizationId: randomUUID() }))).toBe("NOT_FOUND");
    const other = (await createOrganization(db.db)).id;
    const stranger = await failure(as(actors.OWNER!).organizations.get({ organizationId: other }));
    expect(stranger).toMatchObject({ appCode: "NOT_FOUND", message: "Organization not found." });
  });
});

describe("creating an organization", () => {
  it("is pending, with its creator as owner, listed under mine", async () => {
    const creator = await createUser(db.db);
    const caller = as(asUser({ id: creator.id }));
    const created = await caller.organizations.create({ name: "  Clínica São José  ", description: "Family practice" });
    expect(created.slug).toBe("clinica-sao-jose");
    const organization = await caller.organizations.get({ organizationId: created.id });
    expect(organization).toMatchObject({ name: "Clínica São José", description: "Family practice", status: "PENDING", myRole: "OWNER" });
    expect(organization.members).toEqual([expect.objectContaining({ userId: creator.id, role: "OWNER" })]);
    expect(await caller.organizations.mine()).toEqual([expect.objectContaining({ id: created.id, role: "OWNER", status: "PENDING" })]);

    // The same name again gets its own address.
    const again = await caller.organizations.create({ name: "Clinica Sao Jose" });
    expect(again.slug).toMatch(/^clinica-sao-jose-[0-9a-f]{6}$/);
  });

  it("allows three awaiting review per person", async () => {
    const caller = as(asUser({ id: (await createUser(db.db)).id }));
    for (const name of ["First", "Second", "Third"]) await caller.organizations.create({ name: `${name} practice` });
    const refused = await failure(caller.organizations.create({ name: "Fourth practice" }));
    expect(refused.appCode).toBe("CONFLICT");
    expect(refused.message).toMatch(/^You already have 3 organizations awaiting review/);
  });

  it("refuses a bad name or description, naming the field, and writes nothing", async () => {
    const user = await createUser(db.db);
    const caller = as(asUser({ id: user.id }));
    expect((await failure(caller.organizations.create({ name: " x " }))).fieldErrors).toEqual({ name: ["name must be at least 2 characters"] });
    expect((await failure(caller.organizations.create({ name: "A\u0000B" }))).fieldErrors.name?.[0]).toMatch(/null character/);
    expect((await failure(caller.organizations.create({ name: "Fine", description: "d".repeat(2001) }))).fieldErrors).toHaveProperty("description");
    expect(await caller.organizations.mine()).toEqual([]);
  });
});

describe("ownership rules", () => {
  it("an admin can neither make an owner nor change or remove one; nobody changes their own role", async () => {
    const org = (await createOrganization(db.db)).id;
    const owner = await member("OWNER", org);
    const admin = await member("ADMIN", org);
    const staff = await member("STAFF", org);
    const grant = await failure(as(admin.actor).organizations.changeRole({ organizationId: org, userId: staff.id, role: "OWNER" }));
    expect(grant).toMatchObject({ appCode: "FORBIDDEN", fieldErrors: { role: ["Only an owner can grant OWNER."] } });
    expect((await failure(as(admin.actor).organizations.changeRole({ organizationId: org, userId: owner.id, role: "STAFF" }))).appCode).toBe("FORBIDDEN");
    expect((await failure(as(admin.actor).organizations.removeMember({ organizationId: org, userId: owner.id }))).appCode).toBe("FORBIDDEN");
    expect((await failure(as(admin.actor).organizations.changeRole({ organizationId: org, userId: admin.id, role: "OWNER" }))).message).toMatch(/^You cannot change your own role/);
    expect(await as(owner.actor).organizations.changeRole({ organizationId: org, userId: staff.id, role: "OWNER" })).toEqual({ userId: staff.id, role: "OWNER" });
    const roles = (await as(owner.actor).organizations.get({ organizationId: org })).members.map((m) => [m.userId, m.role]);
    expect(roles).toEqual(expect.arrayContaining([[owner.id, "OWNER"], [staff.id, "OWNER"], [admin.id, "ADMIN"]]));
  });

  it("the last owner cannot leave, nor can an owner whose co-owner is leaving at the same moment", async () => {
    const org = (await createOrganization(db.db)).id;
    const first = await member("OWNER", org);
    const lastOne = await failure(as(first.actor).organizations.leave({ organizationId: org }));
    expect(lastOne).toMatchObject({ appCode: "CONFLICT", message: "You are this organization's last owner: make another member an owner before you leave." });

    // The second owner is leaving in a transaction of its own, not yet committed, when the
    // first asks to leave: the first must wait for it, then see itself as the last owner.
    const second = await member("OWNER", org);
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT user_id FROM memberships WHERE organization_id = $1 FOR UPDATE", [org]);
      await other.query("DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2", [org, second.id]);
      const leaving = outcome(as(first.actor).organizations.leave({ organizationId: org }));
      // Wait until the first owner's leave is blocked on the memberships' row locks.
      for (;;) {
        const { rows } = await other.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (rows[0]!.n > 0) break;
        if ((await Promise.race([leaving, Promise.resolve("pending")])) !== "pending") break;
      }
      await other.query("COMMIT");
      expect(await leaving).toBe("CONFLICT");
    } finally {
      await other.end();
    }
    const organization = await as(first.actor).organizations.get({ organizationId: org });
    expect(organization.members.map((m) => [m.userId, m.role])).toEqual([[first.id, "OWNER"]]);
  });

  it("a member who is not in the organization is NOT_FOUND, naming userId", async () => {
    const org = (await createOrganization(db.db)).id;
    const owner = await member("OWNER", org);
    const outsider = await createUser(db.db);
    const refused = await failure(as(owner.actor).organizations.changeRole({ organizationId: org, userId: outsider.id, role: "STAFF" }));
    expect(refused).toMatchObject({ appCode: "NOT_FOUND", fieldErrors: { userId: ["Not a member of this organization."] } });
  });
});

describe("platform review", () => {
  it("lists organizations awaiting review with their owners, approves once, and says why a second decision is refused", async () => {
    const creator = await createUser(db.db, { name: "Priya Owner" });
    const created = await as(asUser({ id: creator.id })).organizations.create({ name: "Review Me Clinic" });
    const admin = as(actors.PLATFORM_ADMIN!);
    const pending = await admin.organizations.pending();
    expect(pending.find((o) => o.id === created.id)).toMatchObject({ name: "Review Me Clinic", owners: [{ name: "Priya Owner", email: creator.email }] });
    expect(await admin.organizations.review({ organizationId: created.id, decision: "APPROVE" })).toEqual({ id: created.id, status: "APPROVED" });
    const again = await failure(admin.organizations.review({ organizationId: created.id, decision: "REJECT" }));
    expect(again).toMatchObject({ appCode: "CONFLICT", message: "This organization is not awaiting review: it is approved." });
    expect((await failure(admin.organizations.review({ organizationId: randomUUID(), decision: "APPROVE" }))).appCode).toBe("NOT_FOUND");
    expect((await admin.organizations.pending()).some((o) => o.id === created.id)).toBe(false);
  });
});
