import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createMembership, createUser } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { asUser, callerFor } from "@/test/trpc";
import { insertBooking } from "../directory/directory-test-data";

/**
 * Providers and organization members read patients' names and contact details in their lists:
 * each such read is one `patient_records.listed` audit row naming the bookings (ids only).
 * A patient reading their own bookings is not recorded.
 */
let db: TestDatabase;
let world: BookingWorld;
let staff: { id: string };
const now = () => MONDAY_0800;
const ORIGIN = { ip: "203.0.113.9", headers: { "user-agent": "ClinicBrowser/3.0" } };
const b = {} as Record<"atClinic" | "online" | "mine", { id: string }>;

const listed = () => db.db.select().from(auditLog).where(eq(auditLog.action, "patient_records.listed")).orderBy(auditLog.id);

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
  staff = await createUser(db.db);
  await createMembership(db.db, { organizationId: world.organization.id, userId: staff.id, role: "STAFF" });
  const service = { providerId: world.provider.id, serviceId: world.services.short.id };
  b.atClinic = await insertBooking(db.db, { ...service, startsAt: new Date("2027-03-02T09:00:00Z"), locationId: world.location.id, guestName: "Gail Guest", guestEmail: "gail@example.test" });
  b.online = await insertBooking(db.db, { ...service, startsAt: new Date("2027-03-02T14:00:00Z"), guestName: "Olive Online", guestEmail: "olive@example.test" });
  b.mine = await insertBooking(db.db, { ...service, startsAt: new Date("2027-03-03T09:00:00Z"), locationId: world.location.id, patientUserId: world.patient.id });
});
afterAll(() => db.drop());

describe("patient_records.listed", () => {
  it("records one row when a provider lists bookings with patients", async () => {
    const before = (await listed()).length;
    const list = await callerFor(db.db, asUser(world.providerUser), now, ORIGIN).bookings.providerList({
      from: new Date("2027-03-01T00:00:00Z"),
      to: new Date("2027-03-08T00:00:00Z"),
    });
    expect(list.items.map((item) => item.id)).toEqual([b.atClinic.id, b.online.id, b.mine.id]);
    const rows = (await listed()).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: world.providerUser.id,
      subjectType: "provider",
      subjectId: world.provider.id,
      details: { bookingIds: [b.atClinic.id, b.online.id, b.mine.id] },
      ipAddress: "203.0.113.9",
      userAgent: "ClinicBrowser/3.0",
    });
    expect(JSON.stringify(rows[0]!.details)).not.toMatch(/Gail|gail@|Olive/);
  });

  it("records nothing when the list shows no booking", async () => {
    const before = (await listed()).length;
    const list = await callerFor(db.db, asUser(world.providerUser), now, ORIGIN).bookings.providerList({
      from: new Date("2027-05-01T00:00:00Z"),
      to: new Date("2027-05-08T00:00:00Z"),
    });
    expect(list.items).toEqual([]);
    expect(await listed()).toHaveLength(before);
  });

  it("records one row, for the bookings it names, when a member reads the organization calendar", async () => {
    const before = (await listed()).length;
    const week = await callerFor(db.db, asUser(staff), now, ORIGIN).bookings.organizationCalendar.week({
      organizationId: world.organization.id,
      weekStart: "2027-03-01",
      timeZone: "Europe/London",
    });
    const named = week.bookings.flatMap((booking) => (booking.kind === "BOOKING" ? [booking.id] : []));
    expect(named).toEqual([b.atClinic.id, b.mine.id]);
    expect(week.bookings.some((booking) => booking.kind === "BUSY")).toBe(true);
    const rows = (await listed()).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: staff.id,
      subjectType: "organization",
      subjectId: world.organization.id,
      details: { bookingIds: named },
      ipAddress: "203.0.113.9",
      userAgent: "ClinicBrowser/3.0",
    });
  });

  it("records nothing when a patient reads their own bookings", async () => {
    const before = (await listed()).length;
    const mine = await callerFor(db.db, asUser(world.patient), now, ORIGIN).bookings.mine({});
    expect(mine.items.map((item) => item.id)).toContain(b.mine.id);
    expect(await listed()).toHaveLength(before);
    expect(await db.db.select().from(auditLog).where(and(eq(auditLog.actorUserId, world.patient.id)))).toEqual([]);
  });
});
