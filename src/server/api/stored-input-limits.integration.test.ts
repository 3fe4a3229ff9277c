import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { bookings } from "@/server/db/schema";
import { zodFieldErrors } from "@/server/trpc/error-map";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";

/**
 * Input PostgreSQL cannot hold (found by fuzzing the production build, where each answered 500):
 * instants and dates outside its range or JavaScript's agreement with it, and NUL characters in
 * text. Each must be a VALIDATION answer naming the field, before any query runs.
 */

let db: TestDatabase;
let world: BookingWorld;
const now = () => MONDAY_0800;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db, { patientEmail: "pat@example.test" });
});
afterAll(() => db.drop());

const FAR_INSTANTS = ["9999-12-31T00:00:00Z", "+010000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z"];
const FAR_DATES = ["0000-01-01", "9999-12-31", "1999-12-31", "2100-01-01"];
const NUL = "Needs a\u0000wheelchair";
const SOME_TOKEN = "a".repeat(43);
const SOME_UUID = "00000000-0000-4000-8000-000000000000";

type Actor = "anonymous" | "patient" | "provider";
interface Case {
  name: string;
  actor: Actor;
  call: (caller: ReturnType<typeof callerFor>) => Promise<unknown>;
  path: string;
}

function callerAs(actor: Actor) {
  if (actor === "anonymous") return callerFor(db.db, anonymous, now);
  return callerFor(db.db, asUser(actor === "patient" ? world.patient : world.providerUser), now);
}

const holdOf = (startsAt: unknown) => ({
  providerId: world.provider.id,
  serviceId: world.services.short.id,
  startsAt: startsAt as Date,
  mode: "IN_PERSON" as const,
  locationId: world.location.id,
});

function instantCases(value: string): Case[] {
  const at = value as unknown as Date;
  return [
    {
      name: `availability.slots from ${value}`,
      actor: "anonymous",
      path: "from",
      call: (c) => c.availability.slots({ providerId: world.provider.id, serviceId: world.services.short.id, from: at, days: 7 }),
    },
    { name: `bookings.hold startsAt ${value}`, actor: "anonymous", path: "startsAt", call: (c) => c.bookings.hold(holdOf(at)) },
    {
      name: `bookings.rescheduleManaged startsAt ${value}`,
      actor: "anonymous",
      path: "startsAt",
      call: (c) => c.bookings.rescheduleManaged({ token: SOME_TOKEN, startsAt: at, mode: "ONLINE", locationId: null }),
    },
    {
      name: `bookings.rescheduleMine startsAt ${value}`,
      actor: "patient",
      path: "startsAt",
      call: (c) => c.bookings.rescheduleMine({ bookingId: SOME_UUID, startsAt: at, mode: "ONLINE", locationId: null }),
    },
    {
      name: `bookings.providerList from ${value}`,
      actor: "provider",
      path: "from",
      call: (c) => c.bookings.providerList({ from: at, to: TUESDAY_0900 }),
    },
    {
      name: `bookings.providerList to ${value}`,
      actor: "provider",
      path: "to",
      call: (c) => c.bookings.providerList({ from: MONDAY_0800, to: at }),
    },
  ];
}

function dateCases(value: string): Case[] {
  return [
    {
      name: `availability.addOverride startDate ${value}`,
      actor: "provider",
      path: "startDate",
      call: (c) => c.availability.addOverride({ startDate: value, endDate: "2027-03-10", kind: "OFF" }),
    },
    {
      name: `availability.addOverride endDate ${value}`,
      actor: "provider",
      path: "endDate",
      call: (c) => c.availability.addOverride({ startDate: "2027-03-10", endDate: value, kind: "OFF" }),
    },
    {
      name: `availability.saveWeeklySchedule effectiveFrom ${value}`,
      actor: "provider",
      path: "effectiveFrom",
      call: (c) => c.availability.saveWeeklySchedule({ rules: [], effectiveFrom: value }),
    },
    {
      name: `availability.saveWeeklySchedule effectiveUntil ${value}`,
      actor: "provider",
      path: "effectiveUntil",
      call: (c) => c.availability.saveWeeklySchedule({ rules: [], effectiveUntil: value }),
    },
  ];
}

const guest = { name: "Gail Guest", email: "gail@example.test", phone: "+447700900001" };

const nulCases: Case[] = [
  { name: "providers.list query", actor: "anonymous", path: "query", call: (c) => c.providers.list({ query: NUL }) },
  { name: "providers.list service", actor: "anonymous", path: "service", call: (c) => c.providers.list({ service: NUL }) },
  ...(["name", "phone"] as const).map(
    (field): Case => ({
      name: `bookings.confirm contact.${field}`,
      actor: "anonymous",
      path: `contact.${field}`,
      call: (c) =>
        c.bookings.confirm({
          holdId: SOME_UUID,
          holdToken: SOME_TOKEN,
          contact: { ...guest, [field]: field === "phone" ? "+44 7700\u0000900001" : NUL },
          consent: true,
          patientTimeZone: "Europe/London",
        }),
    }),
  ),
  {
    name: "bookings.confirm notes",
    actor: "anonymous",
    path: "notes",
    call: (c) =>
      c.bookings.confirm({ holdId: SOME_UUID, holdToken: SOME_TOKEN, contact: guest, notes: NUL, consent: true, patientTimeZone: "Europe/London" }),
  },
  { name: "bookings.cancelManaged reason", actor: "anonymous", path: "reason", call: (c) => c.bookings.cancelManaged({ token: SOME_TOKEN, reason: NUL }) },
  { name: "bookings.cancelMine reason", actor: "patient", path: "reason", call: (c) => c.bookings.cancelMine({ bookingId: SOME_UUID, reason: NUL }) },
  {
    name: "bookings.decide reason",
    actor: "provider",
    path: "reason",
    call: (c) => c.bookings.decide({ bookingId: SOME_UUID, decision: "DECLINE", reason: NUL }),
  },
  { name: "bookings.cancelAsProvider reason", actor: "provider", path: "reason", call: (c) => c.bookings.cancelAsProvider({ bookingId: SOME_UUID, reason: NUL }) },
  {
    name: "availability.addOverride reason",
    actor: "provider",
    path: "reason",
    call: (c) => c.availability.addOverride({ startDate: "2027-03-10", endDate: "2027-03-10", kind: "OFF", reason: NUL }),
  },
  ...(["name", "description"] as const).map(
    (field): Case => ({
      name: `providers.saveService service.${field}`,
      actor: "provider",
      path: `service.${field}`,
      call: (c) =>
        c.providers.saveService({
          serviceId: null,
          service: {
            name: "Check-up",
            description: "",
            durationMinutes: 30,
            priceMinor: 5000,
            currency: "GBP",
            isOnline: true,
            isInPerson: false,
            [field]: NUL,
          },
        }),
    }),
  ),
];

const cases: Case[] = [...FAR_INSTANTS.flatMap(instantCases), ...FAR_DATES.flatMap(dateCases), ...nulCases];

describe("input PostgreSQL cannot hold is a field message, never a 500", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, testCase) => {
    const error = await testCase.call(callerAs(testCase.actor)).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TRPCError);
    const trpcError = error as TRPCError;
    expect(trpcError.code).toBe("BAD_REQUEST");
    expect(trpcError.cause).toBeInstanceOf(ZodError);
    const fieldErrors = zodFieldErrors(trpcError.cause as ZodError);
    expect(Object.keys(fieldErrors)).toContain(testCase.path);
    expect(fieldErrors[testCase.path]!.join(" ")).toMatch(/between 2000-01-01 and 2099-12-31|null character/);
  });

  it("still accepts the edges of the range", async () => {
    const caller = callerAs("provider");
    await expect(caller.bookings.providerList({ from: new Date("2000-01-01T00:00:00Z"), to: new Date("2000-12-31T00:00:00Z") })).resolves.toBeDefined();
    await expect(caller.bookings.providerList({ from: new Date("2099-06-01T00:00:00Z"), to: new Date("2099-12-31T23:59:59Z") })).resolves.toBeDefined();
  });
});

describe("phone numbers as people type them", () => {
  it.each([
    ["+44 7700 900123", undefined, "+447700900123", TUESDAY_0900],
    ["07700 900124", "GB", "+447700900124", new Date("2027-03-02T09:30:00Z")],
    ["+1 (212) 555-0100", "GB", "+12125550100", new Date("2027-03-02T10:00:00Z")],
  ] as const)("stores %j (default region %s) as %s", async (typed, phoneCountry, e164, startsAt) => {
    const caller = callerAs("anonymous");
    const hold = await caller.bookings.hold(holdOf(startsAt));
    const contact = { name: "Gail Guest", email: "gail@example.test", phone: typed, phoneCountry };
    await verifyGuestContact(caller, db.db, hold, contact);
    const booking = await caller.bookings.confirm({
      holdId: hold.holdId,
      holdToken: hold.holdToken,
      contact,
      consent: true,
      patientTimeZone: "Europe/London",
    });
    const [row] = await db.db.select({ guestPhone: bookings.guestPhone }).from(bookings).where(eq(bookings.id, booking.id));
    expect(row?.guestPhone).toBe(e164);
  });

  it("refuses a national number without a region, saying how to write it", async () => {
    const caller = callerAs("anonymous");
    const error = await caller.bookings
      .confirm({
        holdId: SOME_UUID,
        holdToken: SOME_TOKEN,
        contact: { name: "Gail Guest", email: "gail@example.test", phone: "12345", phoneCountry: "GB" },
        consent: true,
        patientTimeZone: "Europe/London",
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect(zodFieldErrors((error as TRPCError).cause as ZodError)["contact.phone"]?.[0]).toMatch(/Write it like 07\d{3} \d{6} or \+44 7\d{3} \d{6}\./);
  });
});
