import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERASED_ADDRESS } from "@/lib/erased-person";
import { auditLog, notifications, users } from "@/server/db/schema";
import { failure } from "@/test/call-outcome";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { asUser, callerFor } from "@/test/trpc";
import type { AuditListInput, NotificationLogInput } from "../../audit-schemas";
import { insertBooking } from "../directory/directory-test-data";

let db: TestDatabase;
let world: BookingWorld;
const now = () => MONDAY_0800;
let admin: { id: string; role: "ADMIN" };
let alice: { id: string };
let bob: { id: string };
let erased: { id: string };
const r = {} as Record<"org1" | "org2" | "loc" | "system" | "erased" | "family" | "familyNear" | "tieA" | "tieB" | "tieC", number>;
const n = {} as Record<"delivered" | "failed" | "provider" | "invitee" | "erased" | "placeholder", string>;
let bookingA: { id: string };
let bookingB: { id: string };

const asAdmin = () => callerFor(db.db, asUser(admin), now);
const list = (input: AuditListInput) => asAdmin().admin.audit.list(input);
const log = (input: NotificationLogInput) => asAdmin().admin.audit.notifications(input);
const rowIds = (page: { items: Array<{ id: number | string }> }) => page.items.map((item) => item.id);
/** The span the trail rows below are written in, far from the clock the other rows get. */
const SPAN = { from: new Date("2030-01-01T00:00:00Z"), to: new Date("2030-01-05T00:00:00Z") };

async function audit(values: { actorUserId: string | null; action: string; subjectType: string; subjectId: string; at: string; ip?: string }) {
  const [row] = await db.db
    .insert(auditLog)
    .values({
      actorUserId: values.actorUserId,
      action: values.action,
      subjectType: values.subjectType,
      subjectId: values.subjectId,
      details: { to: "DONE" },
      ipAddress: values.ip ?? null,
      userAgent: values.ip ? "TrailTest/2.0" : null,
      occurredAt: sql`${values.at}::timestamptz`,
    })
    .returning({ id: auditLog.id });
  return row!.id;
}

async function notification(values: Partial<typeof notifications.$inferInsert> & Pick<typeof notifications.$inferInsert, "purpose" | "channel" | "recipient" | "address" | "createdAt">) {
  const [row] = await db.db
    .insert(notifications)
    .values({ dedupeKey: `test:log:${values.address}:${values.createdAt!.toISOString()}`, bookingId: null, ...values })
    .returning({ id: notifications.id });
  return row!.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
  admin = { id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" };
  alice = await createUser(db.db, { name: "Alice Actor", email: "alice.actor@example.test" });
  bob = await createUser(db.db, { name: "Bob Actor" });
  erased = await createUser(db.db, { name: "Erin Erased", email: "erin.erased@example.test" });
  await db.db.update(users).set({ erasedAt: new Date("2029-01-01T00:00:00Z") }).where(eq(users.id, erased.id));

  r.org1 = await audit({ actorUserId: alice.id, action: "organization.created", subjectType: "organization", subjectId: "org-1", at: "2030-01-01T10:00:00Z", ip: "198.51.100.7" });
  r.org2 = await audit({ actorUserId: alice.id, action: "organization.updated", subjectType: "organization", subjectId: "org-1", at: "2030-01-01T11:00:00Z" });
  r.loc = await audit({ actorUserId: bob.id, action: "location.created", subjectType: "location", subjectId: "loc-1", at: "2030-01-02T10:00:00Z" });
  r.system = await audit({ actorUserId: null, action: "booking.cancelled", subjectType: "booking", subjectId: "bk-1", at: "2030-01-03T10:00:00Z" });
  r.erased = await audit({ actorUserId: erased.id, action: "notification_preferences.updated", subjectType: "user", subjectId: erased.id, at: "2030-01-04T10:00:00Z" });
  r.family = await audit({ actorUserId: bob.id, action: "test_x.done", subjectType: "family", subjectId: "f", at: "2030-02-01T10:00:00Z" });
  r.familyNear = await audit({ actorUserId: bob.id, action: "testxx.done", subjectType: "family", subjectId: "f", at: "2030-02-01T11:00:00Z" });
  // Two rows within one millisecond and one sharing the other's instant exactly.
  r.tieA = await audit({ actorUserId: bob.id, action: "tie.row", subjectType: "tie", subjectId: "t", at: "2030-03-01T10:00:00.000100Z" });
  r.tieB = await audit({ actorUserId: bob.id, action: "tie.row", subjectType: "tie", subjectId: "t", at: "2030-03-01T10:00:00.000900Z" });
  r.tieC = await audit({ actorUserId: bob.id, action: "tie.row", subjectType: "tie", subjectId: "t", at: "2030-03-01T10:00:00.000900Z" });
  for (let i = 0; i < 55; i++) {
    await audit({ actorUserId: null, action: "bulk.row", subjectType: "bulk", subjectId: String(i), at: `2030-04-01T10:${String(i).padStart(2, "0")}:00Z` });
  }

  const service = { providerId: world.provider.id, serviceId: world.services.short.id };
  bookingA = await insertBooking(db.db, { ...service, startsAt: new Date("2030-02-04T09:00:00Z"), guestName: "Gail Guest", guestEmail: "pat.one@example.test" });
  bookingB = await insertBooking(db.db, { ...service, startsAt: new Date("2030-02-04T10:00:00Z"), guestName: "Olga Other", guestEmail: "olga@example.test" });
  n.delivered = await notification({
    purpose: "booking.confirmed",
    channel: "EMAIL",
    recipient: "PATIENT",
    address: "pat.one@example.test",
    bookingId: bookingA.id,
    status: "DELIVERED",
    attempts: 1,
    createdAt: new Date("2030-02-01T10:00:00Z"),
    sentAt: new Date("2030-02-01T10:00:05Z"),
    deliveredAt: new Date("2030-02-01T10:00:09Z"),
  });
  n.failed = await notification({
    purpose: "booking.reminder",
    channel: "SMS",
    recipient: "PATIENT",
    address: "+447700900321",
    bookingId: bookingA.id,
    status: "FAILED",
    attempts: 2,
    lastError: "30003 unreachable",
    createdAt: new Date("2030-02-02T10:00:00Z"),
  });
  n.provider = await notification({
    purpose: "provider.booking_confirmed",
    channel: "WHATSAPP",
    recipient: "PROVIDER",
    address: "+447700900654",
    bookingId: bookingB.id,
    status: "SENT",
    createdAt: new Date("2030-02-03T10:00:00Z"),
  });
  n.invitee = await notification({
    purpose: "organization.invitation",
    channel: "EMAIL",
    recipient: "INVITEE",
    address: "invitee@example.test",
    status: "SKIPPED",
    skipReason: "opted out",
    createdAt: new Date("2030-02-04T10:00:00Z"),
  });
  // As erasure leaves a message to a guest: the placeholder instead of the address (before SINCE).
  n.placeholder = await notification({
    purpose: "booking.confirmed",
    channel: "EMAIL",
    recipient: "PATIENT",
    address: ERASED_ADDRESS,
    bookingId: bookingB.id,
    status: "SENT",
    createdAt: new Date("2030-01-20T10:00:00Z"),
  });
  n.erased = await notification({
    purpose: "booking.confirmed",
    channel: "EMAIL",
    recipient: "PATIENT",
    address: "erin.erased@example.test",
    recipientUserId: erased.id,
    createdAt: new Date("2030-02-05T10:00:00Z"),
  });
});
afterAll(() => db.drop());

describe("admin.audit.list", () => {
  it("lists the trail newest first, with the actor (or System), subject, details, address and user agent", async () => {
    const page = await list(SPAN);
    expect(rowIds(page)).toEqual([r.erased, r.system, r.loc, r.org2, r.org1]);
    const byId = new Map(page.items.map((item) => [item.id, item]));
    expect(byId.get(r.org1)).toEqual({
      id: r.org1,
      occurredAt: new Date("2030-01-01T10:00:00Z"),
      actor: { kind: "USER", userId: alice.id, name: "Alice Actor", email: "alice.actor@example.test" },
      action: "organization.created",
      subjectType: "organization",
      subjectId: "org-1",
      details: { to: "DONE" },
      ipAddress: "198.51.100.7",
      userAgent: "TrailTest/2.0",
    });
    expect(byId.get(r.system)!.actor).toEqual({ kind: "SYSTEM" });
    expect(byId.get(r.erased)!.actor).toEqual({ kind: "ERASED", userId: erased.id });
    expect(JSON.stringify(byId.get(r.erased))).not.toMatch(/erin/i);
  });

  it("filters by an exact action or a family of actions, % and _ meaning themselves", async () => {
    expect(rowIds(await list({ ...SPAN, action: "organization.created" }))).toEqual([r.org1]);
    expect(rowIds(await list({ ...SPAN, action: "organization." }))).toEqual([r.org2, r.org1]);
    expect(rowIds(await list({ action: "test_x." }))).toEqual([r.family]);
  });

  it("filters by actor id or email (any case); an unknown email finds nothing", async () => {
    expect(rowIds(await list({ ...SPAN, actorUserId: alice.id }))).toEqual([r.org2, r.org1]);
    expect(rowIds(await list({ ...SPAN, actorEmail: "Alice.Actor@EXAMPLE.test" }))).toEqual([r.org2, r.org1]);
    expect(rowIds(await list({ actorEmail: "nobody@example.test" }))).toEqual([]);
    expect(rowIds(await list({ actorEmail: "alice.actor@example.test", actorUserId: bob.id }))).toEqual([]);
  });

  it("filters by subject type, and by subject type and id", async () => {
    expect(rowIds(await list({ subjectType: "location" }))).toEqual([r.loc]);
    expect(rowIds(await list({ subjectType: "organization", subjectId: "org-1" }))).toEqual([r.org2, r.org1]);
    expect(rowIds(await list({ subjectType: "organization", subjectId: "org-2" }))).toEqual([]);
  });

  it("filters by time, from inclusive to exclusive", async () => {
    expect(rowIds(await list({ from: new Date("2030-01-01T11:00:00Z"), to: new Date("2030-01-03T10:00:00Z") }))).toEqual([r.loc, r.org2]);
  });

  it("pages 50 at a time by default, and through rows that share an instant exactly once", async () => {
    const first = await list({ subjectType: "bulk" });
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.subjectId).toBe("54");
    const second = await list({ subjectType: "bulk", cursor: first.nextCursor! });
    expect(second.items.map((item) => item.subjectId)).toEqual(["4", "3", "2", "1", "0"]);
    expect(second.nextCursor).toBeNull();

    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ subjectType: "tie", limit: 1, cursor });
      seen.push(...(rowIds(page) as number[]));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([r.tieC, r.tieB, r.tieA]);
  });

  it("is not itself audited", async () => {
    const total = async () => (await db.db.select({ n: count() }).from(auditLog))[0]!.n;
    const before = await total();
    await list({});
    await list({ subjectType: "organization", subjectId: "org-1" });
    expect(await total()).toBe(before);
  });

  it("says which field is wrong", async () => {
    expect((await failure(list({ subjectId: "org-1" }))).fieldErrors).toHaveProperty("subjectType");
    expect((await failure(list({ actorEmail: "not an email" }))).fieldErrors).toHaveProperty("actorEmail");
    expect((await failure(list({ actorUserId: "alice" }))).fieldErrors).toHaveProperty("actorUserId");
    expect((await failure(list({ from: SPAN.to, to: SPAN.from }))).fieldErrors).toHaveProperty("to");
    expect((await failure(list({ cursor: "e30" }))).fieldErrors).toHaveProperty("cursor");
  });
});

describe("admin.audit.notifications", () => {
  const SINCE = { from: new Date("2030-02-01T00:00:00Z") };

  it("lists every notification newest first with masked addresses", async () => {
    const page = await log(SINCE);
    expect(rowIds(page)).toEqual([n.erased, n.invitee, n.provider, n.failed, n.delivered]);
    const byId = new Map(page.items.map((item) => [item.id, item]));
    expect(byId.get(n.delivered)).toEqual({
      id: n.delivered,
      purpose: "booking.confirmed",
      channel: "EMAIL",
      recipient: "PATIENT",
      maskedAddress: "p***@example.test",
      status: "DELIVERED",
      attempts: 1,
      error: null,
      skipReason: null,
      isFallback: false,
      bookingId: bookingA.id,
      createdAt: new Date("2030-02-01T10:00:00Z"),
      sentAt: new Date("2030-02-01T10:00:05Z"),
      deliveredAt: new Date("2030-02-01T10:00:09Z"),
      readAt: null,
      failedAt: null,
    });
    expect(byId.get(n.failed)).toMatchObject({ maskedAddress: "+44*******321", error: "30003 unreachable", attempts: 2 });
    expect(byId.get(n.invitee)).toMatchObject({ recipient: "INVITEE", skipReason: "opted out", bookingId: null });
    expect(byId.get(n.erased)!.maskedAddress).toBeNull();
    expect(JSON.stringify(page)).not.toMatch(/pat\.one|900321|erin/);
  });

  it("filters by purpose, channel, status and booking", async () => {
    expect(rowIds(await log({ ...SINCE, purpose: "booking.confirmed" }))).toEqual([n.erased, n.delivered]);
    expect(rowIds(await log({ ...SINCE, channel: "SMS" }))).toEqual([n.failed]);
    expect(rowIds(await log({ ...SINCE, status: "FAILED" }))).toEqual([n.failed]);
    expect(rowIds(await log({ bookingId: bookingA.id }))).toEqual([n.failed, n.delivered]);
  });

  it("shows no address for a message whose address erasure replaced", async () => {
    const page = await log({ bookingId: bookingB.id });
    expect(page.items.map((item) => [item.id, item.maskedAddress])).toEqual([
      [n.provider, "+44*******654"],
      [n.placeholder, null],
    ]);
  });

  it("filters by the whole address however it is typed, but never finds an erased person's", async () => {
    expect(rowIds(await log({ recipientAddress: " PAT.One@example.test " }))).toEqual([n.delivered]);
    expect(rowIds(await log({ recipientAddress: "+44 7700 900321" }))).toEqual([n.failed]);
    expect(rowIds(await log({ recipientAddress: "pat.one@" }))).toEqual([]);
    expect(rowIds(await log({ recipientAddress: "erin.erased@example.test" }))).toEqual([]);
  });

  it("filters by time and pages through every row exactly once", async () => {
    expect(rowIds(await log({ from: new Date("2030-02-02T10:00:00Z"), to: new Date("2030-02-04T10:00:00Z") }))).toEqual([n.provider, n.failed]);
    const all = rowIds(await log(SINCE));
    const seen: Array<number | string> = [];
    let cursor: string | undefined;
    do {
      const page = await log({ ...SINCE, limit: 2, cursor });
      seen.push(...rowIds(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("says which field is wrong", async () => {
    expect((await failure(log({ channel: "FAX" as never }))).fieldErrors).toHaveProperty("channel");
    expect((await failure(log({ bookingId: "b-1" }))).fieldErrors).toHaveProperty("bookingId");
    expect((await failure(log({ limit: 0 }))).fieldErrors).toHaveProperty("limit");
  });
});
