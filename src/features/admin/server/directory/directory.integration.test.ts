import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotification } from "@/features/communications/server";
import { ERASED_ADDRESS, ERASED_GUEST_EMAIL, ERASED_PATIENT_NAME } from "@/lib/erased-person";
import { recordAudit } from "@/server/audit/audit-repository";
import { auditLog, patientProfiles, users } from "@/server/db/schema";
import { failure, outcome } from "@/test/call-outcome";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createMembership, createPatient, createProvider, createUser } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import type { Page } from "../../directory-types";
import { insertBooking } from "./directory-test-data";

let db: TestDatabase;
let world: BookingWorld;
const now = () => MONDAY_0800;
const ORIGIN = { ip: "203.0.113.9", headers: { "user-agent": "AdminBrowser/1.0 (directory test)" } };
let admin: { id: string; role: "ADMIN" };
let owner: { id: string };
let erased: { id: string };
let quinn: { id: string };
const b = {} as Record<
  "patient" | "gail1" | "gail2" | "underscore" | "underscoreNear" | "percent" | "percentNear" | "erased" | "erasedGuest" | "held" | "other" | "quinn",
  { id: string; startsAt: Date }
>;
const p = {} as Record<"pending" | "suspended" | "rejected" | "percent" | "percentNear" | "underscore" | "underscoreNear", { id: string; slug: string }>;

const asAdmin = () => callerFor(db.db, asUser(admin), now, ORIGIN);
const ids = (page: Page<{ id: string }>) => page.items.map((item) => item.id);

async function auditRows(action: string, subjectId: string) {
  return db.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));
}
async function auditCount() {
  const [row] = await db.db.select({ n: count() }).from(auditLog);
  return row!.n;
}

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
  admin = { id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" };
  owner = await createUser(db.db);
  await createMembership(db.db, { organizationId: world.organization.id, userId: owner.id, role: "OWNER" });
  await db.db.update(patientProfiles).set({ phone: "+447700900123" }).where(eq(patientProfiles.userId, world.patient.id));

  const erasedPatient = await createPatient(db.db, { user: { name: "Erin Erased", email: "erin.erased@example.test" } });
  erased = erasedPatient.user;
  await db.db.update(users).set({ erasedAt: new Date("2027-02-01T00:00:00Z") }).where(eq(users.id, erased.id));
  quinn = (await createPatient(db.db, { user: { name: "Quinn Quiet", email: "quinn.quiet@example.test" } })).user;

  const provider = { providerId: world.provider.id, serviceId: world.services.short.id };
  const hour = (h: number) => new Date(`2027-03-02T${String(h).padStart(2, "0")}:00:00Z`);
  b.patient = await insertBooking(db.db, { ...provider, startsAt: hour(9), patientUserId: world.patient.id, notes: "private symptoms", locationId: world.location.id });
  b.gail1 = await insertBooking(db.db, { ...provider, startsAt: hour(10), guestName: "Gail Guest", guestEmail: "gail.guest@example.test", guestPhone: "+447700900555" });
  b.gail2 = await insertBooking(db.db, { ...provider, startsAt: hour(11), status: "CANCELLED", guestName: "Gail G. Guest", guestEmail: "gail.guest@example.test", guestPhone: "+447700900555" });
  b.underscore = await insertBooking(db.db, { ...provider, startsAt: hour(12), guestName: "Zed A_B Guest", guestEmail: "zed.ab@example.test" });
  b.underscoreNear = await insertBooking(db.db, { ...provider, startsAt: hour(13), guestName: "Zed AXB Guest", guestEmail: "zed.axb@example.test" });
  b.percent = await insertBooking(db.db, { ...provider, startsAt: hour(14), guestName: "Percy 50% Smith", guestEmail: "percy@example.test" });
  b.percentNear = await insertBooking(db.db, { ...provider, startsAt: hour(15), guestName: "Penny 50 Smith", guestEmail: "penny@example.test" });
  b.erased = await insertBooking(db.db, {
    ...provider,
    startsAt: hour(16),
    patientUserId: erased.id,
    guestName: "Erin Erased",
    guestEmail: "erin.erased@example.test",
    notes: "erased notes",
  });
  // A guest booking as erasure leaves it: the shared placeholders instead of the guest's details.
  b.erasedGuest = await insertBooking(db.db, { ...provider, startsAt: hour(19), guestName: ERASED_PATIENT_NAME, guestEmail: ERASED_GUEST_EMAIL });
  b.held = await insertBooking(db.db, { ...provider, startsAt: hour(17), status: "HELD" });
  b.quinn = await insertBooking(db.db, { ...provider, startsAt: hour(18), patientUserId: quinn.id, guestName: "Quinn Q. Contact", guestEmail: "quinn.quiet@example.test", guestPhone: "+447700900999" });
  b.other = await insertBooking(db.db, { providerId: world.otherProvider.id, serviceId: (await otherServiceId()).id, startsAt: hour(9), guestName: "Olga Other", guestEmail: "olga@example.test" });

  await db.db.transaction((tx) =>
    createNotification(tx, {
      dedupeKey: `test:directory:${b.patient.id}`,
      purpose: "booking.confirmed",
      bookingId: b.patient.id,
      recipient: "PATIENT",
      recipientUserId: world.patient.id,
      channel: "EMAIL",
      address: world.patient.email,
    }),
  );
  await db.db.transaction((tx) =>
    createNotification(tx, {
      dedupeKey: `test:directory:${b.erased.id}`,
      purpose: "booking.confirmed",
      bookingId: b.erased.id,
      recipient: "PATIENT",
      recipientUserId: erased.id,
      channel: "EMAIL",
      address: "erin.erased@example.test",
    }),
  );
  await db.db.transaction((tx) =>
    createNotification(tx, {
      dedupeKey: `test:directory:${b.erasedGuest.id}`,
      purpose: "booking.confirmed",
      bookingId: b.erasedGuest.id,
      recipient: "PATIENT",
      recipientUserId: null,
      channel: "SMS",
      address: ERASED_ADDRESS,
    }),
  );
  await recordAudit(db.db, {
    actorUserId: world.providerUser.id,
    action: "booking.confirmed",
    subjectType: "booking",
    subjectId: b.patient.id,
    details: { from: "PENDING", to: "CONFIRMED", actorRole: "PROVIDER" },
  });

  const makeProvider = async (key: keyof typeof p, displayName: string, status: "PENDING" | "APPROVED" | "SUSPENDED" | "REJECTED", extra: { email?: string; registrationNumber?: string } = {}) => {
    const made = await createProvider(db.db, {
      user: { name: displayName, ...(extra.email && { email: extra.email }) },
      provider: { displayName, status, registrationNumber: extra.registrationNumber ?? null },
    });
    p[key] = { id: made.provider.id, slug: made.provider.slug };
  };
  await makeProvider("pending", "Dr Pending Person", "PENDING", { email: "pending.doc@example.test", registrationNumber: "GMC-7654321" });
  await makeProvider("suspended", "Dr Suspended Sam", "SUSPENDED");
  await makeProvider("rejected", "Dr Rejected Rita", "REJECTED");
  await makeProvider("percent", "Dr 100% Care", "APPROVED");
  await makeProvider("percentNear", "Dr 1000 Care", "APPROVED");
  await makeProvider("underscore", "Dr Under_Score", "APPROVED");
  await makeProvider("underscoreNear", "Dr UnderXScore", "APPROVED");
});
afterAll(() => db.drop());

async function otherServiceId() {
  const [service] = await db.db.query.services.findMany({ where: (s, { eq: is }) => is(s.providerId, world.otherProvider.id), limit: 1 });
  return service!;
}

describe("strangers to admin.directory and admin.audit", () => {
  const calls: Record<string, (caller: ReturnType<typeof callerFor>) => Promise<unknown>> = {
    "directory.searchBookings": (caller) => caller.admin.directory.searchBookings({}),
    // Records other tests do not count reads of.
    "directory.booking": (caller) => caller.admin.directory.booking({ bookingId: b.quinn.id }),
    "directory.searchProviders": (caller) => caller.admin.directory.searchProviders({}),
    "directory.searchPatients": (caller) => caller.admin.directory.searchPatients({ query: "Pat" }),
    "directory.patient": (caller) => caller.admin.directory.patient({ userId: quinn.id }),
    "audit.list": (caller) => caller.admin.audit.list({}),
    "audit.notifications": (caller) => caller.admin.audit.notifications({}),
  };

  it("covers every procedure of both routers", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("admin.directory.") || path.startsWith("admin.audit."))
      .map((path) => path.slice("admin.".length));
    expect(procedures.sort()).toEqual(Object.keys(calls).sort());
  });

  it("refuses visitors, patients, providers and organization owners, and records no read for them", async () => {
    const strangers: Record<string, TestActor> = {
      anonymous,
      patient: asUser(world.patient),
      provider: asUser(world.providerUser),
      organizationOwner: asUser(owner),
    };
    const before = await auditCount();
    const results: Record<string, Record<string, string>> = {};
    for (const [who, actor] of Object.entries(strangers)) {
      results[who] = {};
      for (const [name, call] of Object.entries(calls)) results[who][name] = await outcome(call(callerFor(db.db, actor, now, ORIGIN)));
    }
    const expected = (code: string) => Object.fromEntries(Object.keys(calls).map((name) => [name, code]));
    expect(results).toEqual({
      anonymous: expected("UNAUTHORIZED"),
      patient: expected("FORBIDDEN"),
      provider: expected("FORBIDDEN"),
      organizationOwner: expected("FORBIDDEN"),
    });
    expect(await auditCount()).toBe(before);
  });

  it("serves an administrator", async () => {
    const results = Object.fromEntries(await Promise.all(Object.entries(calls).map(async ([name, call]) => [name, await outcome(call(asAdmin()))])));
    expect(results).toEqual(Object.fromEntries(Object.keys(calls).map((name) => [name, "ok"])));
  });
});

describe("admin.directory.searchBookings", () => {
  const search = (input: Parameters<ReturnType<typeof asAdmin>["admin"]["directory"]["searchBookings"]>[0]) => asAdmin().admin.directory.searchBookings(input);

  it("finds a booking by its id", async () => {
    expect(ids(await search({ query: b.gail1.id }))).toEqual([b.gail1.id]);
  });

  it("finds guests by name, email and phone (typed with spaces and the trunk zero)", async () => {
    const gail = [b.gail2.id, b.gail1.id];
    expect(ids(await search({ query: "gail" }))).toEqual(gail);
    expect(ids(await search({ query: "GAIL.GUEST@example" }))).toEqual(gail);
    expect(ids(await search({ query: "+447700900555" }))).toEqual(gail);
    expect(ids(await search({ query: "07700 900555" }))).toEqual(gail);
  });

  it("finds signed-in patients by their profile name, account email and profile phone", async () => {
    expect(ids(await search({ query: "Pat Example" }))).toEqual([b.patient.id]);
    expect(ids(await search({ query: world.patient.email }))).toEqual([b.patient.id]);
    expect(ids(await search({ query: "07700 900123" }))).toEqual([b.patient.id]);
  });

  it("finds bookings by the provider's name", async () => {
    expect(ids(await search({ query: world.otherProvider.displayName }))).toEqual([b.other.id]);
  });

  it("treats % and _ as themselves", async () => {
    expect(ids(await search({ query: "A_B" }))).toEqual([b.underscore.id]);
    expect(ids(await search({ query: "50%" }))).toEqual([b.percent.id]);
  });

  it("filters by status, provider and time, and leaves holds out unless asked", async () => {
    expect(ids(await search({ status: "CANCELLED" }))).toEqual([b.gail2.id]);
    expect(ids(await search({ status: "HELD" }))).toEqual([b.held.id]);
    expect(ids(await search({ providerId: world.provider.id, limit: 100 }))).not.toContain(b.held.id);
    expect(ids(await search({ providerId: world.otherProvider.id }))).toEqual([b.other.id]);
    expect(ids(await search({ providerId: world.provider.id, from: new Date("2027-03-02T10:00:00Z"), to: new Date("2027-03-02T12:00:00Z") }))).toEqual([b.gail2.id, b.gail1.id]);
  });

  it("shows patients with a masked email, the provider's zone and instants", async () => {
    const page = await search({ query: b.gail1.id });
    expect(page.items[0]).toMatchObject({
      startsAt: new Date("2027-03-02T10:00:00Z"),
      status: "CONFIRMED",
      provider: { id: world.provider.id, timeZone: "Europe/London" },
      serviceName: "Short",
      patient: { kind: "GUEST", name: "Gail Guest", maskedEmail: "g***@example.test" },
    });
    const account = await search({ query: b.patient.id });
    expect(account.items[0]!.patient).toEqual({ kind: "ACCOUNT", userId: world.patient.id, name: "Pat Example", maskedEmail: `${world.patient.email[0]}***@example.test` });
  });

  it("never finds an erased patient by what was their data, and shows their booking without it", async () => {
    expect(ids(await search({ query: "Erin" }))).toEqual([]);
    expect(ids(await search({ query: "erin.erased@example.test" }))).toEqual([]);
    const page = await search({ query: b.erased.id });
    expect(page.items[0]!.patient).toEqual({ kind: "ERASED", userId: erased.id });
    expect(JSON.stringify(page)).not.toMatch(/erin/i);
    const guest = await search({ query: b.erasedGuest.id });
    expect(guest.items[0]!.patient).toEqual({ kind: "ERASED", userId: null });
  });

  it("pages through every booking exactly once, latest first", async () => {
    const all = await search({ providerId: world.provider.id, limit: 100 });
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ providerId: world.provider.id, limit: 3, cursor });
      seen.push(...ids(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids(all));
    const starts = all.items.map((item) => item.startsAt.getTime());
    expect(starts).toEqual([...starts].sort((x, y) => y - x));
  });

  it("says which field is wrong", async () => {
    expect((await failure(search({ cursor: "not-a-cursor" }))).fieldErrors).toHaveProperty("cursor");
    expect((await failure(search({ query: "a" }))).fieldErrors).toHaveProperty("query");
    expect((await failure(search({ from: new Date("2027-03-02T12:00:00Z"), to: new Date("2027-03-02T10:00:00Z") }))).fieldErrors).toHaveProperty("to");
    expect((await failure(search({ limit: 101 }))).fieldErrors).toHaveProperty("limit");
  });
});

describe("admin.directory.booking", () => {
  it("returns the full record and records the read with actor, address and user agent", async () => {
    const record = await asAdmin().admin.directory.booking({ bookingId: b.patient.id });
    expect(record).toMatchObject({
      id: b.patient.id,
      patient: { kind: "ACCOUNT", userId: world.patient.id, name: "Pat Example", email: world.patient.email, phone: "+447700900123" },
      notes: "private symptoms",
      provider: { id: world.provider.id, timeZone: "Europe/London" },
      location: { id: world.location.id },
      history: [{ action: "booking.confirmed", from: "PENDING", to: "CONFIRMED", actorRole: "PROVIDER" }],
    });
    expect(record.notifications).toHaveLength(1);
    expect(record.notifications[0]).toMatchObject({ purpose: "booking.confirmed", channel: "EMAIL", maskedAddress: `${world.patient.email[0]}***@example.test` });

    const rows = await auditRows("booking.record_read", b.patient.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: admin.id,
      subjectType: "booking",
      details: { patientUserId: world.patient.id },
      ipAddress: "203.0.113.9",
      userAgent: "AdminBrowser/1.0 (directory test)",
    });
  });

  it("records a guest booking's read without a patient id, and each read once", async () => {
    await asAdmin().admin.directory.booking({ bookingId: b.gail1.id });
    await asAdmin().admin.directory.booking({ bookingId: b.gail1.id });
    const rows = await auditRows("booking.record_read", b.gail1.id);
    expect(rows.map((row) => row.details)).toEqual([{}, {}]);
  });

  it("answers NOT_FOUND for an unknown booking and records nothing", async () => {
    const unknown = "00000000-0000-4000-8000-000000000001";
    const before = await auditCount();
    expect(await outcome(asAdmin().admin.directory.booking({ bookingId: unknown }))).toBe("NOT_FOUND");
    expect(await auditRows("booking.record_read", unknown)).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it("shows an erased patient's booking without their data", async () => {
    const record = await asAdmin().admin.directory.booking({ bookingId: b.erased.id });
    expect(record.patient).toEqual({ kind: "ERASED", userId: erased.id });
    expect(record.notes).toBeNull();
    expect(record.notifications[0]!.maskedAddress).toBeNull();
    expect(JSON.stringify(record)).not.toMatch(/erin|erased notes/i);
  });

  it("shows a guest booking left by erasure as an erased patient, with no placeholder address", async () => {
    const record = await asAdmin().admin.directory.booking({ bookingId: b.erasedGuest.id });
    expect(record.patient).toEqual({ kind: "ERASED", userId: null });
    expect(record.notifications.map((notification) => notification.maskedAddress)).toEqual([null]);
    expect(JSON.stringify(record)).not.toContain("erased.invalid");
  });
});

describe("admin.directory.searchProviders", () => {
  const search = (input: Parameters<ReturnType<typeof asAdmin>["admin"]["directory"]["searchProviders"]>[0]) => asAdmin().admin.directory.searchProviders(input);

  it("finds a provider by name, slug, email, registration number and id, in any status", async () => {
    for (const query of ["Pending Person", p.pending.slug, "pending.doc@", "7654321", p.pending.id]) {
      expect(ids(await search({ query })), query).toEqual([p.pending.id]);
    }
    const [row] = (await search({ query: p.pending.id })).items;
    expect(row).toMatchObject({ status: "PENDING", email: "pending.doc@example.test", registrationNumber: "GMC-7654321", slug: p.pending.slug });
  });

  it("filters by each status", async () => {
    expect(ids(await search({ status: "PENDING" }))).toEqual([p.pending.id]);
    expect(ids(await search({ status: "SUSPENDED" }))).toEqual([p.suspended.id]);
    expect(ids(await search({ status: "REJECTED" }))).toEqual([p.rejected.id]);
    expect(ids(await search({ status: "APPROVED", limit: 100 }))).toEqual(expect.arrayContaining([world.provider.id, p.percent.id]));
  });

  it("treats % and _ as themselves", async () => {
    expect(ids(await search({ query: "100%" }))).toEqual([p.percent.id]);
    expect(ids(await search({ query: "Under_Score" }))).toEqual([p.underscore.id]);
  });

  it("pages through every provider exactly once, by name", async () => {
    const all = await search({ limit: 100 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ limit: 2, cursor });
      seen.push(...ids(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids(all));
    expect(seen.length).toBeGreaterThanOrEqual(9);
  });
});

describe("admin.directory.searchPatients", () => {
  const search = (input: Parameters<ReturnType<typeof asAdmin>["admin"]["directory"]["searchPatients"]>[0]) => asAdmin().admin.directory.searchPatients(input);
  const keys = (page: Awaited<ReturnType<typeof search>>) => page.items.map((item) => (item.kind === "GUEST" ? `guest:${item.maskedEmail}` : item.userId));

  it("finds signed-in patients by name, email, profile phone, booking contact details and id", async () => {
    expect(keys(await search({ query: "Pat Example" }))).toEqual([world.patient.id]);
    expect(keys(await search({ query: world.patient.email.toUpperCase() }))).toEqual([world.patient.id]);
    expect(keys(await search({ query: "07700 900123" }))).toEqual([world.patient.id]);
    expect(keys(await search({ query: "Q. Contact" }))).toEqual([quinn.id]);
    expect(keys(await search({ query: "+44 7700 900999" }))).toEqual([quinn.id]);
    expect(keys(await search({ query: world.patient.id }))).toEqual([world.patient.id]);
    const [row] = (await search({ query: "Pat Example" })).items;
    expect(row).toEqual({
      kind: "ACCOUNT",
      userId: world.patient.id,
      name: "Pat Example",
      maskedEmail: `${world.patient.email[0]}***@example.test`,
      maskedPhone: "+44*******123",
      bookingCount: 1,
    });
  });

  it("groups a guest's bookings by email", async () => {
    const page = await search({ query: "gail" });
    expect(page.items).toEqual([
      {
        kind: "GUEST",
        name: "Gail G. Guest",
        maskedEmail: "g***@example.test",
        maskedPhone: "+44*******555",
        bookingCount: 2,
        recentBookings: [
          expect.objectContaining({ id: b.gail2.id, status: "CANCELLED", providerTimeZone: "Europe/London" }),
          expect.objectContaining({ id: b.gail1.id, status: "CONFIRMED" }),
        ],
      },
    ]);
  });

  it("does not list people who are not patients", async () => {
    expect((await search({ query: world.providerUser.email })).items).toEqual([]);
  });

  it("finds an erased patient only by id, and then without personal data", async () => {
    expect((await search({ query: "Erin" })).items).toEqual([]);
    const page = await search({ query: erased.id });
    expect(page.items).toEqual([{ kind: "ERASED", userId: erased.id, bookingCount: 1 }]);
  });

  it("does not group erased guests under their shared placeholder", async () => {
    expect((await search({ query: "erased" })).items).toEqual([]);
  });

  it("treats % and _ as themselves", async () => {
    expect(keys(await search({ query: "A_B" }))).toEqual(["guest:z***@example.test"]);
    expect((await search({ query: "50%" })).items.map((item) => item.kind === "GUEST" && item.name)).toEqual(["Percy 50% Smith"]);
  });

  it("pages through accounts, then guests, each exactly once", async () => {
    const all = await search({ query: "@example.test", limit: 100 });
    expect(all.items.some((item) => item.kind === "ACCOUNT")).toBe(true);
    expect(all.items.some((item) => item.kind === "GUEST")).toBe(true);
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search({ query: "@example.test", limit, cursor });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...keys(page));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen, `limit ${limit}`).toEqual(keys(all));
    }
  });

  it("needs a query", async () => {
    expect((await failure(search({ query: " " }))).fieldErrors).toHaveProperty("query");
  });
});

describe("admin.directory.patient", () => {
  it("returns the record and records the read", async () => {
    const record = await asAdmin().admin.directory.patient({ userId: world.patient.id });
    if (record.kind !== "ACCOUNT") throw new Error("expected an account");
    expect(record.user).toMatchObject({ id: world.patient.id, email: world.patient.email });
    expect(record.profile).toMatchObject({ fullName: "Pat Example", phone: "+447700900123", timeZone: "Europe/London" });
    expect(record.bookings.map((booking) => booking.id)).toEqual([b.patient.id]);
    expect(record.bookingCount).toBe(1);
    expect(record.notifications).toHaveLength(1);
    const rows = await auditRows("patient.record_read", world.patient.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: admin.id, subjectType: "user", ipAddress: "203.0.113.9", userAgent: "AdminBrowser/1.0 (directory test)" });
  });

  it("answers NOT_FOUND for an unknown id and for someone who is not a patient, recording nothing", async () => {
    const before = await auditCount();
    expect(await outcome(asAdmin().admin.directory.patient({ userId: "00000000-0000-4000-8000-000000000002" }))).toBe("NOT_FOUND");
    expect(await outcome(asAdmin().admin.directory.patient({ userId: world.providerUser.id }))).toBe("NOT_FOUND");
    expect(await auditCount()).toBe(before);
  });

  it("shows an erased patient with no personal data", async () => {
    const record = await asAdmin().admin.directory.patient({ userId: erased.id });
    expect(record.kind).toBe("ERASED");
    expect(record).not.toHaveProperty("user");
    expect(record).not.toHaveProperty("profile");
    expect(record.bookings.map((booking) => booking.id)).toEqual([b.erased.id]);
    expect(record.notifications[0]!.maskedAddress).toBeNull();
    expect(JSON.stringify(record)).not.toMatch(/erin|erased notes/i);
    expect(await auditRows("patient.record_read", erased.id)).toHaveLength(1);
  });
});
