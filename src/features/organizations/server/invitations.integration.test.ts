import { createHash, randomUUID } from "node:crypto";
import { type TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { drainOutbox, sendNotification, type NotificationDeps } from "@/features/communications/server";
import { notifications, organizationInvitations, organizations, outboxEvents, providerOrganizations } from "@/server/db/schema";
import { createProductJobHandlers } from "@/server/jobs/product-jobs";
import { enqueueDomainEvent } from "@/server/outbox/outbox-repository";
import type { RateLimitPolicyName } from "@/server/rate-limit/policies";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/trpc";
import { describeError } from "@/server/trpc/error-map";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createMembership, createOrganization, createProvider, createUser } from "@/test/factories";
import { startNotificationVendors, TEST_APP_URL, type NotificationVendors } from "@/test/notification-vendors";
import { silentLogger } from "@/test/request-context";
import { anonymous, asUser, callerFor, sessionFor, type TestActor } from "@/test/trpc";
import { MAX_OPEN_INVITATIONS } from "../invitation-rules";
import type { OrganizationRole } from "../schemas";
import { invitationToken } from "./invitation-token";
import { failure, outcome } from "@/test/call-outcome";

let db: TestDatabase;
let vendors: NotificationVendors;
let notificationDeps: NotificationDeps;
let organizationId: string;
const actors: Record<string, TestActor> = {};
const ROLES: OrganizationRole[] = ["OWNER", "ADMIN", "MANAGER", "STAFF"];
/** A Monday in March; every call in this file reads a fixed clock. */
const NOW = new Date("2027-03-01T10:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);
const MINUTE = 60_000;
const DAY = 86_400_000;

const as = (actor: TestActor, now: Date = NOW) => callerFor(db.db, actor, () => now);

async function member(role: OrganizationRole, orgId: string, name?: string): Promise<{ id: string; email: string; actor: TestActor }> {
  const user = await createUser(db.db, name ? { name } : {});
  await createMembership(db.db, { organizationId: orgId, userId: user.id, role });
  return { id: user.id, email: user.email, actor: asUser({ id: user.id }) };
}

async function invitationRow(id: string) {
  const [row] = await db.db.select().from(organizationInvitations).where(eq(organizationInvitations.id, id));
  return row!;
}

/** The token of an invitation's current link, as the worker derives it. */
async function tokenOf(id: string): Promise<string> {
  return invitationToken(await invitationRow(id));
}

const freshEmail = () => `invitee-${randomUUID().slice(0, 8)}@example.test`;

/** Drains the outbox and sends every pending invitation email, as the worker does. */
async function deliverInvitationEmails(now: Date) {
  await drainOutbox({ db: db.db, now });
  const pending = await db.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.status, "PENDING"), eq(notifications.channel, "EMAIL")));
  const results: Record<string, string> = {};
  for (const row of pending) results[row.id] = await sendNotification({ db: db.db, deps: notificationDeps, notificationId: row.id, now });
  return results;
}

function emailsTo(address: string) {
  return vendors.sendgrid
    .snapshot()
    .messages.filter((message) => message.recipients.some((recipient) => recipient.email === address))
    .map((message) => ({ subject: message.personalizations[0]!.subject, text: message.personalizations[0]!.text ?? "", html: message.personalizations[0]!.html ?? "" }));
}

const linkToken = (text: string) => new RegExp(`${TEST_APP_URL}/invitations/([A-Za-z0-9_-]{43})`).exec(text)?.[1];

beforeAll(async () => {
  db = await createTestDatabase();
  vendors = await startNotificationVendors();
  notificationDeps = createProductJobHandlers(vendors.deps).notificationDeps(db.db);
  organizationId = (await createOrganization(db.db, { name: "Harbour Health" })).id;
  for (const role of ROLES) actors[role] = (await member(role, organizationId)).actor;
  actors.STRANGER = asUser({ id: (await createUser(db.db)).id });
  actors.PLATFORM_ADMIN = asUser({ id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" });
  actors.ANONYMOUS = anonymous;
});

afterAll(async () => {
  await vendors?.close();
  await db?.drop();
});

beforeEach(() => vendors.sendgrid.reset());

describe("the role matrix: every invitations procedure as every role, a stranger, a platform admin and nobody", () => {
  const WHO = ["OWNER", "ADMIN", "MANAGER", "STAFF", "STRANGER", "PLATFORM_ADMIN", "ANONYMOUS"] as const;
  const ADMINS_ONLY = { OWNER: "ok", ADMIN: "ok", MANAGER: "FORBIDDEN", STAFF: "FORBIDDEN", STRANGER: "NOT_FOUND", PLATFORM_ADMIN: "NOT_FOUND", ANONYMOUS: "UNAUTHORIZED" } as const;
  const expected: Record<string, Record<(typeof WHO)[number], string>> = {
    list: ADMINS_ONLY,
    invite: ADMINS_ONLY,
    resend: ADMINS_ONLY,
    revoke: ADMINS_ONLY,
    // The link is the credential: anyone holding it may see what it is about.
    byToken: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "ok", STRANGER: "ok", PLATFORM_ADMIN: "ok", ANONYMOUS: "ok" },
    // Anyone signed in with the invited address may accept (here: an invitation to a second organization sent to them).
    accept: { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "ok", STRANGER: "ok", PLATFORM_ADMIN: "ok", ANONYMOUS: "UNAUTHORIZED" },
  };

  it("covers every procedure of organizations.invitations", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("organizations.invitations."))
      .map((path) => path.slice("organizations.invitations.".length));
    expect(procedures.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const who of WHO) {
    it(`as ${who}`, async () => {
      const actor = actors[who]!;
      const owner = as(actors.OWNER!, at(-2 * MINUTE));
      // Each write acts on an invitation made for this row, two minutes ago (so a resend is allowed).
      const forResend = await owner.organizations.invitations.invite({ organizationId, email: freshEmail(), role: "STAFF" });
      const forRevoke = await owner.organizations.invitations.invite({ organizationId, email: freshEmail(), role: "STAFF" });
      const other = (await createOrganization(db.db, { name: `Second practice for ${who}` })).id;
      const otherOwner = await member("OWNER", other);
      const userId = actor.kind === "user" ? actor.user.id : null;
      const email = userId ? (await db.db.query.users.findFirst({ where: (u, { eq: is }) => is(u.id, userId) }))!.email : freshEmail();
      const toActor = await as(otherOwner.actor).organizations.invitations.invite({ organizationId: other, email, role: "STAFF" });

      const results: Record<string, string> = {};
      results.list = await outcome(as(actor).organizations.invitations.list({ organizationId }));
      results.invite = await outcome(as(actor).organizations.invitations.invite({ organizationId, email: freshEmail(), role: "MANAGER" }));
      results.resend = await outcome(as(actor).organizations.invitations.resend({ organizationId, invitationId: forResend.id }));
      results.revoke = await outcome(as(actor).organizations.invitations.revoke({ organizationId, invitationId: forRevoke.id }));
      results.byToken = await outcome(as(actor).organizations.invitations.byToken({ token: await tokenOf(forResend.id) }));
      results.accept = await outcome(as(actor).organizations.invitations.accept({ token: await tokenOf(toActor.id) }));
      expect(results).toEqual(Object.fromEntries(Object.entries(expected).map(([procedure, row]) => [procedure, row[who]])));
    });
  }

  it("an invitation of another organization is NOT_FOUND with this organization's id", async () => {
    const other = (await createOrganization(db.db)).id;
    const otherOwner = await member("OWNER", other);
    const theirs = await as(otherOwner.actor).organizations.invitations.invite({ organizationId: other, email: freshEmail(), role: "STAFF" });
    for (const call of [
      () => as(actors.OWNER!, at(2 * MINUTE)).organizations.invitations.resend({ organizationId, invitationId: theirs.id }),
      () => as(actors.OWNER!).organizations.invitations.revoke({ organizationId, invitationId: theirs.id }),
      () => as(actors.OWNER!).organizations.invitations.revoke({ organizationId, invitationId: randomUUID() }),
    ]) {
      expect(await failure(call())).toMatchObject({ appCode: "NOT_FOUND", fieldErrors: { invitationId: ["No such invitation in this organization."] } });
    }
    expect((await invitationRow(theirs.id)).revokedAt).toBeNull();
    expect((await as(actors.OWNER!).organizations.invitations.list({ organizationId })).some((i) => i.id === theirs.id)).toBe(false);
  });

  it("byToken and accept count against the invitation:client limit", async () => {
    const counted: Array<[RateLimitPolicyName, string]> = [];
    const rateLimiter = { consume: (policy: RateLimitPolicyName, key: string) => Promise.resolve(void counted.push([policy, key])) };
    const user = await createUser(db.db);
    const caller = createCaller(
      createContext({ db: db.db, session: sessionFor(asUser({ id: user.id })), headers: new Headers({ "x-forwarded-for": "198.51.100.7" }), rateLimiter, logger: silentLogger, now: () => NOW }),
    );
    const bogus = "A".repeat(43);
    await outcome(caller.organizations.invitations.byToken({ token: bogus }));
    await outcome(caller.organizations.invitations.accept({ token: bogus }));
    expect(counted).toEqual([
      ["invitation:client", "198.51.100.7"],
      ["invitation:client", "198.51.100.7"],
    ]);
  });
});

describe("inviting, the email and accepting", () => {
  it("emails a link to the invited address, without the token in the outbox or the notification, and the link makes a new account a member", async () => {
    const org = (await createOrganization(db.db, { name: "Harbour Health Islington" })).id;
    const owner = await member("OWNER", org, "Priya Shah");
    const invited = await as(owner.actor).organizations.invitations.invite({ organizationId: org, email: "  New.Person@Example.TEST ", role: "MANAGER" });
    expect(invited).toMatchObject({ email: "new.person@example.test", role: "MANAGER", expiresAt: at(7 * DAY) });

    const [event] = await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, invited.id));
    expect(event).toMatchObject({ type: "organization.member_invited", aggregateType: "organization_invitation" });
    expect(event!.payload).toEqual({ invitationId: invited.id, organizationId: org, sendNumber: 1 });

    expect(Object.values(await deliverInvitationEmails(NOW))).toContain("sent");
    const [notification] = await db.db.select().from(notifications).where(eq(notifications.address, "new.person@example.test"));
    expect(notification).toMatchObject({ recipient: "INVITEE", bookingId: null, channel: "EMAIL", address: "new.person@example.test", status: "SENT" });

    const [email, ...more] = emailsTo("new.person@example.test");
    expect(more).toEqual([]);
    expect(email!.subject).toBe("Join Harbour Health Islington on MedBookings");
    expect(email!.text).toContain("Priya Shah invited you to join Harbour Health Islington on MedBookings as a manager.");
    expect(email!.text).toContain("The link works until 10:00 on Monday 8 March 2027 (UTC)");
    const token = linkToken(email!.text)!;
    expect(token).toBeDefined();
    // Only the token's hash is kept; neither the event nor the notification carries the token.
    expect((await invitationRow(invited.id)).tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(event!.payload)).not.toContain(token);
    expect(JSON.stringify(notification!.params)).not.toContain(token);

    // Anonymous: the address is masked. Signed in as the invited person (address cased differently): plain.
    expect(await as(anonymous).organizations.invitations.byToken({ token })).toMatchObject({
      organizationName: "Harbour Health Islington",
      role: "MANAGER",
      status: "OPEN",
      email: "n***@example.test",
      invitedByName: "Priya Shah",
      viewer: null,
    });
    const newcomer = await createUser(db.db, { email: "NEW.person@example.test" });
    const asNewcomer = as(asUser({ id: newcomer.id }), at(DAY));
    expect(await asNewcomer.organizations.invitations.byToken({ token })).toMatchObject({ email: "new.person@example.test", viewer: { isInvitee: true, isMember: false } });
    expect(await asNewcomer.organizations.invitations.accept({ token })).toEqual({ organizationId: org, organizationName: "Harbour Health Islington", role: "MANAGER" });
    expect(await asNewcomer.organizations.get({ organizationId: org })).toMatchObject({ myRole: "MANAGER" });
    const [listed] = await as(owner.actor, at(DAY)).organizations.invitations.list({ organizationId: org });
    expect(listed).toMatchObject({ id: invited.id, status: "ACCEPTED", acceptedAt: at(DAY) });

    // Reuse: the same link a second time.
    const reused = await failure(asNewcomer.organizations.invitations.accept({ token }));
    expect(reused).toMatchObject({ appCode: "CONFLICT" });
    expect(reused.message).toMatch(/^This invitation has already been used\./);
    expect((await as(anonymous).organizations.invitations.byToken({ token })).status).toBe("ACCEPTED");
  });

  it("an expired link says so and names who to ask; the invitation lists as EXPIRED and a resend gives a working link", async () => {
    const org = (await createOrganization(db.db, { name: "Quayside Clinic" })).id;
    const owner = await member("OWNER", org, "Omar Owner");
    const email = freshEmail();
    const invited = await as(owner.actor).organizations.invitations.invite({ organizationId: org, email, role: "STAFF" });
    const token = await tokenOf(invited.id);
    const invitee = await createUser(db.db, { email });
    const afterExpiry = at(7 * DAY + 1000);
    // One second before expiry it is still open.
    expect((await as(anonymous, at(7 * DAY - 1000)).organizations.invitations.byToken({ token })).status).toBe("OPEN");
    expect((await as(anonymous, afterExpiry).organizations.invitations.byToken({ token })).status).toBe("EXPIRED");
    expect(await failure(as(asUser({ id: invitee.id }), afterExpiry).organizations.invitations.accept({ token }))).toMatchObject({
      appCode: "CONFLICT",
      message: "This invitation has expired; ask Omar Owner at Quayside Clinic to send a new one.",
    });
    expect((await as(owner.actor, afterExpiry).organizations.invitations.list({ organizationId: org }))[0]).toMatchObject({ status: "EXPIRED" });
    // Inviting the address again points at the resend.
    const again = await failure(as(owner.actor, afterExpiry).organizations.invitations.invite({ organizationId: org, email, role: "STAFF" }));
    expect(again.appCode).toBe("CONFLICT");
    expect(again.message).toMatch(/has expired\. Resend it/);

    const resent = await as(owner.actor, afterExpiry).organizations.invitations.resend({ organizationId: org, invitationId: invited.id });
    expect(resent).toEqual({ id: invited.id, expiresAt: new Date(afterExpiry.getTime() + 7 * DAY), sentCount: 2 });
    const fresh = await tokenOf(invited.id);
    expect(await as(asUser({ id: invitee.id }), afterExpiry).organizations.invitations.accept({ token: fresh })).toMatchObject({ role: "STAFF" });
  });

  it("a resend rotates the link: the old one stops working, the first email is not sent late, and sends are limited", async () => {
    const org = (await createOrganization(db.db, { name: "Resend Dental" })).id;
    const owner = await member("OWNER", org);
    const email = freshEmail();
    const invited = await as(owner.actor).organizations.invitations.invite({ organizationId: org, email, role: "STAFF" });
    const first = await tokenOf(invited.id);
    // The first email is queued (fanned out) but not yet sent when the resend comes.
    await drainOutbox({ db: db.db, now: NOW });

    const tooSoon = await failure(as(owner.actor, at(30_000)).organizations.invitations.resend({ organizationId: org, invitationId: invited.id }));
    expect(tooSoon).toMatchObject({ appCode: "RATE_LIMITED", message: "This invitation was sent less than a minute ago. Wait 30 seconds before sending it again." });

    await as(owner.actor, at(MINUTE)).organizations.invitations.resend({ organizationId: org, invitationId: invited.id });
    const second = await tokenOf(invited.id);
    expect(second).not.toBe(first);
    expect(await failure(as(anonymous, at(MINUTE)).organizations.invitations.byToken({ token: first }))).toMatchObject({ appCode: "NOT_FOUND" });
    expect((await as(anonymous, at(MINUTE)).organizations.invitations.byToken({ token: second })).status).toBe("OPEN");

    // Both sends were queued; only the second one's email goes out, with the second link: the
    // first, sent late, would carry a dead link.
    await deliverInvitationEmails(at(MINUTE));
    const sent = emailsTo(email);
    expect(sent).toHaveLength(1);
    expect(linkToken(sent[0]!.text)).toBe(second);
    const rows = await db.db.select().from(notifications).where(eq(notifications.address, email));
    expect(rows.map((row) => [row.params.sendNumber, row.status, row.skipReason]).sort()).toEqual([
      [1, "SKIPPED", "a newer invitation email was sent"],
      [2, "SENT", null],
    ]);

    for (let send = 3; send <= 5; send++) {
      await as(owner.actor, at(send * MINUTE)).organizations.invitations.resend({ organizationId: org, invitationId: invited.id });
    }
    const sixth = await failure(as(owner.actor, at(10 * MINUTE)).organizations.invitations.resend({ organizationId: org, invitationId: invited.id }));
    expect(sixth.appCode).toBe("RATE_LIMITED");
    expect(sixth.message).toMatch(/^This invitation has been sent 5 times/);
    expect((await invitationRow(invited.id)).sentCount).toBe(5);
  });

  it("a revoked link is withdrawn, the address can be invited again, and an accepted invitation cannot be revoked or resent", async () => {
    const org = (await createOrganization(db.db, { name: "Revoke Health" })).id;
    const owner = await member("OWNER", org);
    const email = freshEmail();
    const invitee = await createUser(db.db, { email });
    const invited = await as(owner.actor).organizations.invitations.invite({ organizationId: org, email, role: "STAFF" });
    const token = await tokenOf(invited.id);
    expect(await as(owner.actor).organizations.invitations.revoke({ organizationId: org, invitationId: invited.id })).toEqual({ id: invited.id, revokedAt: NOW });
    const withdrawn = await failure(as(asUser({ id: invitee.id })).organizations.invitations.accept({ token }));
    expect(withdrawn.appCode).toBe("CONFLICT");
    expect(withdrawn.message).toMatch(/^This invitation was withdrawn by Revoke Health\./);
    expect((await as(anonymous).organizations.invitations.byToken({ token })).status).toBe("REVOKED");
    expect((await failure(as(owner.actor, at(2 * MINUTE)).organizations.invitations.resend({ organizationId: org, invitationId: invited.id }))).appCode).toBe("CONFLICT");

    const again = await as(owner.actor).organizations.invitations.invite({ organizationId: org, email, role: "ADMIN" });
    await as(asUser({ id: invitee.id })).organizations.invitations.accept({ token: await tokenOf(again.id) });
    expect(await failure(as(owner.actor).organizations.invitations.revoke({ organizationId: org, invitationId: again.id }))).toMatchObject({
      appCode: "CONFLICT",
      message: "This invitation was already accepted. To take the person out, remove them from the members list.",
    });
    expect((await failure(as(owner.actor, at(2 * MINUTE)).organizations.invitations.resend({ organizationId: org, invitationId: again.id }))).appCode).toBe("CONFLICT");
    const listed = await as(owner.actor).organizations.invitations.list({ organizationId: org });
    expect(listed.map((i) => i.status)).toEqual(["ACCEPTED", "REVOKED"]);
  });

  it("only the invited account may accept: another one is told which (masked) address to sign in with", async () => {
    const org = (await createOrganization(db.db, { name: "Wrong Account Clinic" })).id;
    const owner = await member("OWNER", org);
    const invited = await as(owner.actor).organizations.invitations.invite({ organizationId: org, email: "jane.doe@example.test", role: "STAFF" });
    const someoneElse = await createUser(db.db);
    const token = await tokenOf(invited.id);
    expect(await failure(as(asUser({ id: someoneElse.id })).organizations.invitations.accept({ token }))).toMatchObject({
      appCode: "FORBIDDEN",
      message: "This invitation was sent to j***@example.test. Sign out, then sign in with that account to accept it.",
    });
    expect(await as(asUser({ id: someoneElse.id })).organizations.invitations.byToken({ token })).toMatchObject({
      email: "j***@example.test",
      viewer: { isInvitee: false, isMember: false },
    });
    expect((await invitationRow(invited.id)).acceptedAt).toBeNull();
  });

  it("a suspended or rejected organization cannot send invitations, and its open ones cannot be accepted until it is reinstated", async () => {
    const org = (await createOrganization(db.db, { name: "Paused Practice" })).id;
    const owner = await member("OWNER", org);
    const invited = await as(owner.actor).organizations.invitations.invite({ organizationId: org, email: "paused.invitee@example.test", role: "STAFF" });
    const invitee = await createUser(db.db, { email: "paused.invitee@example.test" });
    const token = await tokenOf(invited.id);
    for (const status of ["SUSPENDED", "REJECTED"] as const) {
      await db.db.update(organizations).set({ status }).where(eq(organizations.id, org));
      const refused = await failure(as(asUser({ id: invitee.id })).organizations.invitations.accept({ token }));
      expect(refused).toMatchObject({ appCode: "PRECONDITION_FAILED", details: { reason: "ORGANIZATION_INACTIVE" } });
      expect(refused.message).toContain("Paused Practice");
      expect(await outcome(as(owner.actor).organizations.invitations.invite({ organizationId: org, email: "another@example.test", role: "STAFF" }))).toBe("PRECONDITION_FAILED");
      expect(await outcome(as(owner.actor).organizations.invitations.resend({ organizationId: org, invitationId: invited.id }))).toBe("PRECONDITION_FAILED");
    }
    expect((await invitationRow(invited.id)).acceptedAt).toBeNull();
    await db.db.update(organizations).set({ status: "APPROVED" }).where(eq(organizations.id, org));
    expect(await as(asUser({ id: invitee.id })).organizations.invitations.accept({ token })).toMatchObject({ organizationId: org, role: "STAFF" });
  });

  it("of two accepts at the same moment, one joins and the other is told the link was used", async () => {
    const org = (await createOrganization(db.db, { name: "Concurrent Care" })).id;
    const owner = await member("OWNER", org);
    const email = freshEmail();
    const invitee = await createUser(db.db, { email });
    const invited = await as(owner.actor).organizations.invitations.invite({ organizationId: org, email, role: "ADMIN" });
    const token = await tokenOf(invited.id);
    const caller = as(asUser({ id: invitee.id }));
    const attempt = () => caller.organizations.invitations.accept({ token }).then(() => "joined", (error: TRPCError) => describeError(error).message);
    const results = await Promise.all([attempt(), attempt()]);
    // The loser waited for the winner's row lock and saw the invitation used (not merely that
    // the membership exists).
    expect(results.sort()).toEqual(["This invitation has already been used. If you joined Concurrent Care, open it from your organizations.", "joined"]);
    const members = (await as(owner.actor).organizations.get({ organizationId: org })).members;
    expect(members.filter((m) => m.userId === invitee.id)).toEqual([expect.objectContaining({ role: "ADMIN" })]);
  });

  it("a member accepting an invitation stays as they are", async () => {
    const org = (await createOrganization(db.db)).id;
    const owner = await member("OWNER", org);
    const email = freshEmail();
    const invited = await as(owner.actor).organizations.invitations.invite({ organizationId: org, email, role: "ADMIN" });
    const user = await createUser(db.db, { email });
    // They joined by another way (an owner added them) after the invitation went out.
    await createMembership(db.db, { organizationId: org, userId: user.id, role: "STAFF" });
    const refused = await failure(as(asUser({ id: user.id })).organizations.invitations.accept({ token: await tokenOf(invited.id) }));
    expect(refused.appCode).toBe("CONFLICT");
    expect(refused.message).toMatch(/^You are already a member of/);
    expect((await as(owner.actor).organizations.get({ organizationId: org })).members.find((m) => m.userId === user.id)?.role).toBe("STAFF");
  });
});

describe("who may invite whom", () => {
  it("an admin cannot invite an owner, or resend or revoke an owner's invitation; an owner can", async () => {
    const org = (await createOrganization(db.db)).id;
    const owner = await member("OWNER", org);
    const admin = await member("ADMIN", org);
    expect(await failure(as(admin.actor).organizations.invitations.invite({ organizationId: org, email: freshEmail(), role: "OWNER" }))).toMatchObject({
      appCode: "FORBIDDEN",
      fieldErrors: { role: ["Only an owner can grant OWNER."] },
    });
    const ownerInvite = await as(owner.actor).organizations.invitations.invite({ organizationId: org, email: freshEmail(), role: "OWNER" });
    expect((await failure(as(admin.actor, at(2 * MINUTE)).organizations.invitations.resend({ organizationId: org, invitationId: ownerInvite.id }))).appCode).toBe("FORBIDDEN");
    expect((await failure(as(admin.actor).organizations.invitations.revoke({ organizationId: org, invitationId: ownerInvite.id }))).appCode).toBe("FORBIDDEN");
    expect(await as(admin.actor).organizations.invitations.invite({ organizationId: org, email: freshEmail(), role: "ADMIN" })).toMatchObject({ role: "ADMIN" });
  });

  it("refuses a member's address, an address already invited, and a bad address, naming email", async () => {
    const org = (await createOrganization(db.db)).id;
    const owner = await member("OWNER", org);
    const staff = await member("STAFF", org);
    const existing = await failure(as(owner.actor).organizations.invitations.invite({ organizationId: org, email: staff.email.toUpperCase(), role: "STAFF" }));
    expect(existing).toMatchObject({ appCode: "CONFLICT", fieldErrors: { email: ["Already a member of this organization."] } });
    expect(existing.message).toBe(`${staff.email} is already a member of this organization. Change their role in the members list instead.`);

    const email = freshEmail();
    await as(owner.actor).organizations.invitations.invite({ organizationId: org, email, role: "STAFF" });
    const twice = await failure(as(owner.actor).organizations.invitations.invite({ organizationId: org, email: email.toUpperCase(), role: "MANAGER" }));
    expect(twice).toMatchObject({ appCode: "CONFLICT", message: `${email} already has an open invitation. Resend it from the invitations list instead of inviting again.` });

    for (const bad of ["not-an-address", "", "a@b", `${"x".repeat(250)}@example.test`]) {
      const refused = await failure(as(owner.actor).organizations.invitations.invite({ organizationId: org, email: bad, role: "STAFF" }));
      expect(refused.appCode, bad).toBe("VALIDATION");
      expect(Object.keys(refused.fieldErrors), bad).toEqual(["email"]);
    }
    expect(Object.keys((await failure(as(owner.actor).organizations.invitations.invite({ organizationId: org, email: freshEmail(), role: "BOSS" as "STAFF" }))).fieldErrors)).toEqual(["role"]);
  });

  it(`allows ${MAX_OPEN_INVITATIONS} open invitations per organization`, async () => {
    const org = (await createOrganization(db.db)).id;
    const owner = await member("OWNER", org);
    for (let i = 0; i < MAX_OPEN_INVITATIONS; i++) await as(owner.actor).organizations.invitations.invite({ organizationId: org, email: freshEmail(), role: "STAFF" });
    const refused = await failure(as(owner.actor).organizations.invitations.invite({ organizationId: org, email: freshEmail(), role: "STAFF" }));
    expect(refused.appCode).toBe("CONFLICT");
    expect(refused.message).toMatch(/already has 50 open invitations/);
    // Expired ones do not count.
    expect(await as(owner.actor, at(8 * DAY)).organizations.invitations.invite({ organizationId: org, email: freshEmail(), role: "STAFF" })).toMatchObject({ role: "STAFF" });
  });

  it("an unknown or malformed token learns nothing", async () => {
    const unknown = await failure(as(anonymous).organizations.invitations.byToken({ token: "Z".repeat(43) }));
    expect(unknown).toMatchObject({ appCode: "NOT_FOUND" });
    expect(unknown.message).toMatch(/^This invitation link is not valid\./);
    const user = await createUser(db.db);
    expect((await failure(as(asUser({ id: user.id })).organizations.invitations.accept({ token: "Z".repeat(43) }))).appCode).toBe("NOT_FOUND");
    expect(await failure(as(anonymous).organizations.invitations.byToken({ token: "short" }))).toMatchObject({ appCode: "VALIDATION", fieldErrors: { token: ["token must be the code from an invitation link"] } });
  });
});

describe("a provider invited to an organization's network", () => {
  it("gets an email linking their organizations page, unless they answered before it went out", async () => {
    const org = (await createOrganization(db.db, { name: "Network Health" })).id;
    const owner = await member("OWNER", org, "Nadia Network");
    const { provider, user } = await createProvider(db.db);
    await db.db.insert(providerOrganizations).values({ providerId: provider.id, organizationId: org, status: "INVITED", invitedByUserId: owner.id });
    await enqueueDomainEvent(db.db, { type: "organization.provider_invited", aggregateType: "organization", aggregateId: org, payload: { organizationId: org, providerId: provider.id } });
    await deliverInvitationEmails(NOW);
    const [email, ...more] = emailsTo(user.email);
    expect(more).toEqual([]);
    expect(email!.subject).toBe("Network Health invited you to its network");
    expect(email!.text).toContain("Nadia Network invited you to join the provider network of Network Health on MedBookings.");
    expect(email!.html).toContain(`href="${TEST_APP_URL}/provider/organizations"`);
    const [row] = await db.db.select().from(notifications).where(eq(notifications.purpose, "organization.provider_invitation"));
    expect(row).toMatchObject({ recipient: "PROVIDER", recipientUserId: user.id, bookingId: null, status: "SENT" });

    // Declined before the (second) email was sent: it is skipped.
    vendors.sendgrid.reset();
    await enqueueDomainEvent(db.db, { type: "organization.provider_invited", aggregateType: "organization", aggregateId: org, payload: { organizationId: org, providerId: provider.id } });
    await drainOutbox({ db: db.db, now: NOW });
    await db.db.update(providerOrganizations).set({ status: "DECLINED" }).where(eq(providerOrganizations.providerId, provider.id));
    await deliverInvitationEmails(NOW);
    expect(emailsTo(user.email)).toEqual([]);
  });
});
