import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerOrganizations } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createLocation, createOrganization, createPatient, createProvider, createWeeklyRules, linkProviderToOrganization, standardWeek } from "@/test/factories";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import { getPublicSlots } from "./get-public-slots";
import { failure, outcome } from "@/test/call-outcome";

let db: TestDatabase;
// Monday 22 March 2027: Adelaide is on daylight time (+10:30) until Sunday 4 April 2027, 03:00.
const NOW = new Date("2027-03-22T00:00:00Z");
const as = (actor: TestActor) => callerFor(db.db, actor, () => NOW);

const WEEKDAYS_8_TO_12 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 480, endMinute: 720 }));

/** A provider in London linked ACTIVE to an Adelaide practice whose clinic opens 08:00–12:00 on weekdays. */
async function world() {
  const organization = await createOrganization(db.db);
  const clinic = await createLocation(db.db, {
    organizationId: organization.id,
    name: "Torrens Health North Terrace",
    formattedAddress: "North Terrace, Adelaide SA 5000, Australia",
    latitude: -34.9205,
    longitude: 138.6007,
    timeZone: "Australia/Adelaide",
    countryCode: "AU",
    openingHours: WEEKDAYS_8_TO_12,
  });
  const closedBook = await createLocation(db.db, { organizationId: organization.id, name: "Annex without hours", timeZone: "Australia/Adelaide" });
  const { user, provider, services } = await createProvider(db.db, {
    provider: { timeZone: "Europe/London" },
    services: [{ name: "Visit", durationMinutes: 60, slotStepMinutes: 60, minimumNoticeMinutes: 60, bookingHorizonDays: 60 }],
  });
  await linkProviderToOrganization(db.db, provider.id, organization.id);
  return { organization, clinic, closedBook, provider, service: services[0]!, actor: asUser({ id: user.id }) };
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("the role matrix of availability.openingHours", () => {
  const WHO = ["PROVIDER", "OTHER_PROVIDER", "PATIENT", "ANONYMOUS"] as const;
  const expected: Record<string, Record<(typeof WHO)[number], string>> = {
    locations: { PROVIDER: "ok", OTHER_PROVIDER: "ok", PATIENT: "FORBIDDEN", ANONYMOUS: "UNAUTHORIZED" },
    preview: { PROVIDER: "ok", OTHER_PROVIDER: "NOT_FOUND", PATIENT: "FORBIDDEN", ANONYMOUS: "UNAUTHORIZED" },
    seedSchedule: { PROVIDER: "ok", OTHER_PROVIDER: "NOT_FOUND", PATIENT: "FORBIDDEN", ANONYMOUS: "UNAUTHORIZED" },
  };

  it("covers every procedure of availability.openingHours", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("availability.openingHours."))
      .map((path) => path.slice("availability.openingHours.".length));
    expect(procedures.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const who of WHO) {
    it(`as ${who}`, async () => {
      const { clinic, actor } = await world();
      const actors: Record<(typeof WHO)[number], () => Promise<TestActor>> = {
        PROVIDER: async () => actor,
        OTHER_PROVIDER: async () => asUser({ id: (await createProvider(db.db)).user.id }),
        PATIENT: async () => asUser({ id: (await createPatient(db.db)).user.id }),
        ANONYMOUS: async () => anonymous,
      };
      const caller = as(await actors[who]()).availability.openingHours;
      const results = {
        locations: await outcome(caller.locations()),
        preview: await outcome(caller.preview({ locationId: clinic.id })),
        seedSchedule: await outcome(caller.seedSchedule({ locationId: clinic.id })),
      };
      expect(results).toEqual(Object.fromEntries(Object.entries(expected).map(([procedure, row]) => [procedure, row[who]])));
    });
  }
});

describe("seeding a week from a location's opening hours", () => {
  it("lists the usable locations with hours, previews, and apply replaces only the in-person hours there", async () => {
    const { clinic, provider, actor } = await world();
    await createWeeklyRules(db.db, provider.id, standardWeek(clinic.id));
    const caller = as(actor).availability.openingHours;
    expect((await caller.locations()).map((l) => l.id)).toEqual([clinic.id]);

    const preview = await caller.preview({ locationId: clinic.id });
    expect(preview.location).toMatchObject({ id: clinic.id, timeZone: "Australia/Adelaide" });
    expect(preview.replaced).toHaveLength(5);
    expect(preview.seeded).toEqual(WEEKDAYS_8_TO_12);
    expect(preview.keptCount).toBe(5);
    expect(preview.overlap).toBeNull();
    // A preview writes nothing.
    expect((await as(actor).availability.mySchedule()).rules.filter((r) => r.mode === "IN_PERSON").map((r) => r.startMinute)).toEqual([540, 540, 540, 540, 540]);

    const rules = await caller.seedSchedule({ locationId: clinic.id });
    const inPerson = rules.filter((r) => r.mode === "IN_PERSON").map(({ weekday, startMinute, endMinute, locationId }) => ({ weekday, startMinute, endMinute, locationId }));
    expect(inPerson).toEqual(WEEKDAYS_8_TO_12.map((interval) => ({ ...interval, locationId: clinic.id })));
    expect(rules.filter((r) => r.mode === "ONLINE")).toHaveLength(5);
  });

  it("the preview says when the opening hours would overlap hours kept elsewhere in real time, and replacing is then refused", async () => {
    const { clinic, provider, actor } = await world();
    // Sunday 21:00–23:00 in London (GMT in March) is Monday 07:30–09:30 in Adelaide (UTC+10:30),
    // which the clinic's Monday 08:00–12:00 overlaps.
    await createWeeklyRules(db.db, provider.id, [{ weekday: 7, startMinute: 21 * 60, endMinute: 23 * 60, mode: "ONLINE", locationId: null }]);
    const caller = as(actor).availability.openingHours;
    const preview = await caller.preview({ locationId: clinic.id });
    expect(preview.overlap).toBe(
      "The opening hours Monday 08:00–12:00 (Australia/Adelaide) overlap your online hours Sunday 21:00–23:00 (Europe/London), for example on 2027-03-22. Replacing would be refused: change or remove those hours in the weekly schedule first.",
    );
    expect((await failure(caller.seedSchedule({ locationId: clinic.id }))).appCode).toBe("VALIDATION");
  });

  it("the seeded hours are offered at the clinic's local times on both sides of its clock change (half-hour zone)", async () => {
    const { clinic, provider, service, actor } = await world();
    await as(actor).availability.openingHours.seedSchedule({ locationId: clinic.id });
    const { slots } = await getPublicSlots({
      db: db.db,
      input: { providerId: provider.id, serviceId: service.id, from: new Date("2027-03-28T12:00:00Z"), days: 10 },
      now: NOW,
      cache: null,
    });
    const at = (from: string, to: string) =>
      slots.filter((s) => s.locationId === clinic.id && s.startsAt >= new Date(from) && s.startsAt < new Date(to)).map((s) => s.startsAt.toISOString());
    // Monday 29 March, 08:00–12:00 ACDT (+10:30).
    expect(at("2027-03-28T12:00:00Z", "2027-03-29T12:00:00Z")).toEqual(["2027-03-28T21:30:00.000Z", "2027-03-28T22:30:00.000Z", "2027-03-28T23:30:00.000Z", "2027-03-29T00:30:00.000Z"]);
    // Monday 5 April, 08:00–12:00 ACST (+09:30): the same local hours, an hour later in UTC.
    expect(at("2027-04-04T12:00:00Z", "2027-04-05T12:00:00Z")).toEqual(["2027-04-04T22:30:00.000Z", "2027-04-04T23:30:00.000Z", "2027-04-05T00:30:00.000Z", "2027-04-05T01:30:00.000Z"]);
  });

  it("is refused without an ACTIVE link (NOT_FOUND, nothing written) and for a location without opening hours", async () => {
    const { clinic, closedBook, provider, actor } = await world();
    await createWeeklyRules(db.db, provider.id, standardWeek(clinic.id));
    const noHours = await failure(as(actor).availability.openingHours.seedSchedule({ locationId: closedBook.id }));
    expect(noHours).toMatchObject({ appCode: "CONFLICT", message: "Annex without hours has no opening hours yet. Ask an administrator of its organization to add them, or set your hours there in the weekly schedule." });

    await db.db.update(providerOrganizations).set({ status: "ENDED" });
    const ended = await failure(as(actor).availability.openingHours.seedSchedule({ locationId: clinic.id }));
    expect(ended).toMatchObject({ appCode: "NOT_FOUND", message: "Location not found among the locations of your practices." });
    expect(await as(actor).availability.openingHours.locations()).toEqual([]);
    expect((await as(actor).availability.mySchedule()).rules.filter((r) => r.mode === "IN_PERSON").map((r) => r.startMinute)).toEqual([540, 540, 540, 540, 540]);
  });

  it("a pending provider may list but not preview or apply", async () => {
    const { clinic } = await world();
    const pending = await createProvider(db.db, { provider: { status: "PENDING" } });
    await linkProviderToOrganization(db.db, pending.provider.id, clinic.organizationId);
    const caller = as(asUser({ id: pending.user.id })).availability.openingHours;
    expect((await caller.locations()).map((l) => l.id)).toEqual([clinic.id]);
    expect((await failure(caller.seedSchedule({ locationId: clinic.id }))).appCode).toBe("FORBIDDEN");
  });
});
