import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { bookings, locations } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createLocation, createMembership, createOrganization, createPatient, createProvider, createUser } from "@/test/factories";
import { createBookingAtLocation } from "@/test/factories/locations";
import { anonymous, asUser, callerFor, type TestActor } from "@/test/trpc";
import { serve, type RunningEmulator } from "../../../../local-cloud/lib/http";
import { createPlacesEmulator, type PlacesEmulator } from "../../../../local-cloud/places";
import type { CreateLocationInput } from "../location-schemas";
import type { OrganizationRole } from "../schemas";
import { failure, outcome } from "@/test/call-outcome";

// env.mjs snapshots process.env on first import: the emulator's port and key are set before it.
const setup = vi.hoisted(async () => {
  const { createServer } = await import("node:net");
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
  const key = "AIzaLocationsRouterTestKey00000000001";
  process.env.GOOGLE_MAPS_SERVER_KEY = key;
  process.env.GOOGLE_PLACES_API_URL = `http://127.0.0.1:${port}`;
  process.env.GOOGLE_GEOCODING_API_URL = `http://127.0.0.1:${port}`;
  return { port, key };
});

let places: RunningEmulator<PlacesEmulator>;
let db: TestDatabase;
let organizationId: string;
const actors: Record<string, TestActor> = {};
const ROLES: OrganizationRole[] = ["OWNER", "ADMIN", "MANAGER", "STAFF"];
const as = (actor: TestActor) => callerFor(db.db, actor);

async function member(role: OrganizationRole, orgId = organizationId): Promise<TestActor> {
  const user = await createUser(db.db);
  await createMembership(db.db, { organizationId: orgId, userId: user.id, role });
  return asUser({ id: user.id });
}

const typed = (overrides: Partial<CreateLocationInput> = {}): CreateLocationInput => ({
  name: "Harbour Health Camden",
  formattedAddress: "10 Camden High St, London NW1 0JH, UK",
  latitude: 51.5365,
  longitude: -0.1403,
  timeZone: "Europe/London",
  countryCode: "GB",
  regionCode: "GB-ENG",
  phone: "020 7946 0999",
  website: "https://harbourhealth.example/camden",
  openingHours: [{ weekday: 1, startMinute: 480, endMinute: 1080 }],
  ...overrides,
});

const countLocations = async () => (await db.db.select({ id: locations.id }).from(locations)).length;

beforeAll(async () => {
  const { port, key } = await setup;
  places = await serve(createPlacesEmulator({ apiKeys: [key] }), { port });
  db = await createTestDatabase();
  organizationId = (await createOrganization(db.db, { name: "Harbour Health" })).id;
  for (const role of ROLES) actors[role] = await member(role);
  actors.STRANGER = asUser({ id: (await createUser(db.db)).id });
  actors.PLATFORM_ADMIN = asUser({ id: (await createUser(db.db, { role: "ADMIN" })).id, role: "ADMIN" });
  actors.ANONYMOUS = anonymous;
  // google-gax builds its protobuf root on the first call (seconds on a busy machine).
  await as(actors.OWNER!).organizations.locations.placeDetails({ organizationId, placeId: "demo-place-london-kings-cross" });
}, 60_000);
afterAll(async () => {
  await places?.close();
  await db?.drop();
});
beforeEach(() => places.emulator.reset());

describe("the role matrix: every organizations.locations procedure as every role, a stranger, a platform admin and nobody", () => {
  const WHO = ["OWNER", "ADMIN", "MANAGER", "STAFF", "STRANGER", "PLATFORM_ADMIN", "ANONYMOUS"] as const;
  const MEMBERS_ONLY = { STRANGER: "NOT_FOUND", PLATFORM_ADMIN: "NOT_FOUND", ANONYMOUS: "UNAUTHORIZED" } as const;
  const STAFF_UP = { OWNER: "ok", ADMIN: "ok", MANAGER: "ok", STAFF: "ok", ...MEMBERS_ONLY };
  const ADMIN_UP = { OWNER: "ok", ADMIN: "ok", MANAGER: "FORBIDDEN", STAFF: "FORBIDDEN", ...MEMBERS_ONLY };
  const expected: Record<string, Record<(typeof WHO)[number], string>> = {
    list: STAFF_UP,
    get: STAFF_UP,
    placeDetails: ADMIN_UP,
    suggestTimeZone: ADMIN_UP,
    create: ADMIN_UP,
    update: ADMIN_UP,
  };

  it("covers every procedure of organizations.locations", async () => {
    const { appRouter } = await import("@/server/api/root");
    const procedures = Object.keys(appRouter._def.procedures)
      .filter((path) => path.startsWith("organizations.locations."))
      .map((path) => path.slice("organizations.locations.".length));
    expect(procedures.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const who of WHO) {
    it(`as ${who}`, async () => {
      const caller = as(actors[who]!).organizations.locations;
      const location = await createLocation(db.db, { organizationId, name: `Site for ${who}`, countryCode: "GB" });
      const results: Record<string, string> = {};
      results.list = await outcome(caller.list({ organizationId }));
      results.get = await outcome(caller.get({ organizationId, locationId: location.id }));
      results.placeDetails = await outcome(caller.placeDetails({ organizationId, placeId: "demo-place-london-southbank" }));
      results.suggestTimeZone = await outcome(caller.suggestTimeZone({ organizationId, latitude: 51.5, longitude: -0.12 }));
      results.create = await outcome(caller.create({ organizationId, ...typed({ name: `Created by ${who}` }) }));
      results.update = await outcome(caller.update({ organizationId, locationId: location.id, ...typed({ name: `Edited by ${who}` }) }));
      expect(results).toEqual(Object.fromEntries(Object.entries(expected).map(([procedure, row]) => [procedure, row[who]])));
    });
  }
});

describe("a location from a Google place (the local cloud's Places API)", () => {
  it("placeDetails fills the form: address, point, zone from the coordinates, country and region, phone, website, opening hours; create saves it", async () => {
    const owner = as(actors.OWNER!).organizations.locations;
    const org = (await createOrganization(db.db)).id;
    await createMembership(db.db, { organizationId: org, userId: (actors.OWNER as { user: { id: string } }).user.id, role: "OWNER" });
    const place = await owner.placeDetails({ organizationId: org, placeId: "demo-place-london-kings-cross" });
    expect(place).toEqual({
      googlePlaceId: "demo-place-london-kings-cross",
      name: "Harbour Health King's Cross",
      formattedAddress: "14 Pancras Square, London N1C 4AG, UK",
      latitude: 51.5357,
      longitude: -0.1257,
      suggestedTimeZone: "Europe/London",
      countryCode: "GB",
      regionCode: "GB-ENG",
      phone: "+44 20 7946 0101",
      website: "https://harbourhealth.example/kings-cross",
      openingHours: [
        ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 480, endMinute: 1110 })),
        { weekday: 6, startMinute: 540, endMinute: 780 },
      ],
    });
    // The details call asked Google for the contact fields (billed as Enterprise) only here.
    expect(places.emulator.requests().at(-1)?.fieldMask).toMatch(/regularOpeningHours/);

    const { suggestedTimeZone, countryCode, ...fields } = place;
    const created = await owner.create({ organizationId: org, ...fields, countryCode: countryCode ?? "", timeZone: suggestedTimeZone });
    expect(created).toMatchObject({ organizationId: org, googlePlaceId: "demo-place-london-kings-cross", phone: "+442079460101", timeZone: "Europe/London" });
    expect(await owner.list({ organizationId: org })).toEqual([created]);
  });

  it("half-hour zones: Adelaide and Mumbai places suggest their own zone, and a dragged pin re-suggests from the point", async () => {
    const owner = as(actors.OWNER!).organizations.locations;
    const adelaide = await owner.placeDetails({ organizationId, placeId: "demo-place-adelaide-north-terrace" });
    expect(adelaide).toMatchObject({ suggestedTimeZone: "Australia/Adelaide", countryCode: "AU", regionCode: "AU-SA", phone: "+61 8 5550 4321" });
    const mumbai = await owner.placeDetails({ organizationId, placeId: "demo-place-mumbai-bandra" });
    expect(mumbai).toMatchObject({ suggestedTimeZone: "Asia/Kolkata", countryCode: "IN", regionCode: "IN-MH" });
    // A split day (morning and evening surgery) stays two intervals.
    expect(mumbai.openingHours.filter((i) => i.weekday === 1)).toEqual([
      { weekday: 1, startMinute: 540, endMinute: 780 },
      { weekday: 1, startMinute: 1020, endMinute: 1260 },
    ]);
    expect(await owner.suggestTimeZone({ organizationId, latitude: -34.9205, longitude: 138.6007 })).toEqual({ timeZone: "Australia/Adelaide" });
    // Broken Hill is in New South Wales yet keeps South Australia's clock: the point decides, not the state.
    expect(await owner.suggestTimeZone({ organizationId, latitude: -31.9539, longitude: 141.4539 })).toEqual({ timeZone: "Australia/Broken_Hill" });
    const saved = await owner.create({ organizationId, ...typed({ name: "Torrens Health", timeZone: adelaide.suggestedTimeZone, countryCode: "AU", regionCode: "AU-SA", phone: "(08) 5550 4321" }) });
    expect(saved).toMatchObject({ timeZone: "Australia/Adelaide", phone: "+61855504321" });
  });

  it("a Places outage is a clear INTEGRATION_UNAVAILABLE that says the form can be typed, and nothing is written", async () => {
    const before = await countLocations();
    await fetch(`${places.url}/__control/fail-next`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api: "places", status: 503 }) });
    const refused = await failure(as(actors.ADMIN!).organizations.locations.placeDetails({ organizationId, placeId: "demo-place-london-southbank" }));
    expect(refused).toMatchObject({ appCode: "INTEGRATION_UNAVAILABLE", message: "Place search is unavailable right now. You can still type the address, coordinates and time zone yourself." });
    expect(await countLocations()).toBe(before);
  });
});

describe("editing a location", () => {
  it("update changes the row in place: the same id, and bookings still point at it", async () => {
    const owner = as(actors.OWNER!).organizations.locations;
    const location = await owner.create({ organizationId, ...typed({ name: "Old name" }) });
    const { provider, services } = await createProvider(db.db, { services: [{ name: "Visit" }] });
    const patient = await createPatient(db.db);
    const booking = await createBookingAtLocation(db.db, {
      providerId: provider.id,
      serviceId: services[0]!.id,
      locationId: location.id,
      patientUserId: patient.user.id,
      startsAt: new Date("2027-03-02T10:00:00Z"),
    });
    const updated = await owner.update({ organizationId, locationId: location.id, ...typed({ name: "New name", latitude: 51.54, openingHours: [] }) });
    expect(updated).toMatchObject({ id: location.id, name: "New name", latitude: 51.54, openingHours: [] });
    expect(await owner.get({ organizationId, locationId: location.id })).toEqual(updated);
    const [row] = await db.db.select({ locationId: bookings.locationId }).from(bookings).where(eq(bookings.id, booking.id));
    expect(row?.locationId).toBe(location.id);
  });

  it("out-of-range coordinates, a bad zone, country, phone or website are field errors, and nothing is written", async () => {
    const admin = as(actors.ADMIN!).organizations.locations;
    const before = await countLocations();
    const latitude = await failure(admin.create({ organizationId, ...typed({ latitude: 91 }) }));
    expect(latitude).toMatchObject({ appCode: "VALIDATION", fieldErrors: { latitude: ["latitude must be a number from -90 to 90"] } });
    const longitude = await failure(admin.create({ organizationId, ...typed({ longitude: -180.5 }) }));
    expect(longitude.fieldErrors).toEqual({ longitude: ["longitude must be a number from -180 to 180"] });
    const zone = await failure(admin.create({ organizationId, ...typed({ timeZone: "Europe/Londres" }) }));
    expect(zone.fieldErrors.timeZone?.[0]).toMatch(/IANA time zone/);
    expect((await failure(admin.create({ organizationId, ...typed({ timeZone: "EST" }) }))).fieldErrors).toHaveProperty("timeZone");
    expect((await failure(admin.create({ organizationId, ...typed({ countryCode: "gb" }) }))).fieldErrors).toHaveProperty("countryCode");
    expect((await failure(admin.create({ organizationId, ...typed({ countryCode: "XX" }) }))).fieldErrors).toHaveProperty("countryCode");
    expect((await failure(admin.create({ organizationId, ...typed({ regionCode: "US-NY" }) }))).fieldErrors.regionCode?.[0]).toMatch(/region of GB/);
    expect((await failure(admin.create({ organizationId, ...typed({ phone: "12" }) }))).fieldErrors).toHaveProperty("phone");
    expect((await failure(admin.create({ organizationId, ...typed({ website: "javascript:alert(1)" }) }))).fieldErrors).toHaveProperty("website");
    expect(await countLocations()).toBe(before);

    const location = await createLocation(db.db, { organizationId, name: "Untouched", countryCode: "GB" });
    const bad = await failure(admin.update({ organizationId, locationId: location.id, ...typed({ latitude: -90.01, name: "Changed" }) }));
    expect(bad.fieldErrors).toHaveProperty("latitude");
    expect((await admin.get({ organizationId, locationId: location.id })).name).toBe("Untouched");
  });

  it("opening hours: weekday 1..7, start before end within the day, no overlaps on a day", async () => {
    const admin = as(actors.ADMIN!).organizations.locations;
    const hours = (openingHours: CreateLocationInput["openingHours"]) => failure(admin.create({ organizationId, ...typed({ openingHours }) }));
    expect((await hours([{ weekday: 0, startMinute: 60, endMinute: 120 }])).fieldErrors).toHaveProperty(["openingHours.0.weekday"]);
    expect((await hours([{ weekday: 2, startMinute: 600, endMinute: 600 }])).fieldErrors).toEqual({ "openingHours.0.endMinute": ["The closing time must be after the opening time."] });
    expect((await hours([{ weekday: 2, startMinute: 600, endMinute: 1441 }])).fieldErrors).toHaveProperty(["openingHours.0.endMinute"]);
    const overlap = await hours([
      { weekday: 3, startMinute: 480, endMinute: 720 },
      { weekday: 3, startMinute: 700, endMinute: 900 },
    ]);
    expect(overlap.fieldErrors).toEqual({ "openingHours.1.startMinute": ["These opening hours overlap others on the same day."] });
  });

  it("the same Google place may serve several organizations, but only once in one", async () => {
    const other = (await createOrganization(db.db)).id;
    const otherOwner = await member("OWNER", other);
    const shared = { googlePlaceId: "demo-place-nyc-midtown", countryCode: "US", regionCode: "US-NY", timeZone: "America/New_York", phone: "+1 212-555-0147" };
    const first = await as(actors.OWNER!).organizations.locations.create({ organizationId, ...typed({ ...shared, name: "Midtown (ours)" }) });
    await as(otherOwner).organizations.locations.create({ organizationId: other, ...typed({ ...shared, name: "Midtown (theirs)" }) });
    const twice = await failure(as(actors.ADMIN!).organizations.locations.create({ organizationId, ...typed({ ...shared, name: "Midtown again" }) }));
    expect(twice).toMatchObject({
      appCode: "CONFLICT",
      message: 'This Google place is already your location "Midtown (ours)". Edit that location instead, or pick another place.',
      fieldErrors: { googlePlaceId: [expect.any(String)] },
    });
    // Moving another location onto the place is refused too; saving the same location again is fine.
    const second = await createLocation(db.db, { organizationId, name: "Elsewhere", countryCode: "GB" });
    expect((await failure(as(actors.ADMIN!).organizations.locations.update({ organizationId, locationId: second.id, ...typed({ ...shared }) }))).appCode).toBe("CONFLICT");
    expect((await as(actors.ADMIN!).organizations.locations.update({ organizationId, locationId: first.id, ...typed({ ...shared, name: "Midtown" }) })).id).toBe(first.id);
  });

  it("an admin adding a place while another admin's save of it is still open waits for it, then is refused", async () => {
    const org = (await createOrganization(db.db)).id;
    const admin = await member("ADMIN", org);
    // The other save holds the organization's location lock and has inserted the place, not yet committed.
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT id FROM organizations WHERE id = $1 FOR UPDATE", [org]);
      await other.query(
        "INSERT INTO locations (organization_id, name, formatted_address, google_place_id, latitude, longitude, time_zone) VALUES ($1, 'Southbank', '20 Belvedere Road', 'demo-place-london-southbank', 51.5033, -0.1164, 'Europe/London')",
        [org],
      );
      const adding = outcome(as(admin).organizations.locations.create({ organizationId: org, ...typed({ googlePlaceId: "demo-place-london-southbank" }) }));
      for (;;) {
        const { rows } = await other.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        if (rows[0]!.n > 0) break;
        if ((await Promise.race([adding, Promise.resolve("pending")])) !== "pending") break;
      }
      await other.query("COMMIT");
      expect(await adding).toBe("CONFLICT");
    } finally {
      await other.end();
    }
    expect(await as(admin).organizations.locations.list({ organizationId: org })).toHaveLength(1);
  });

  it("another organization's location, or an unknown id, is NOT_FOUND through get and update, and is not changed", async () => {
    const other = (await createOrganization(db.db)).id;
    const theirs = await createLocation(db.db, { organizationId: other, name: "Theirs" });
    const owner = as(actors.OWNER!).organizations.locations;
    expect(await failure(owner.get({ organizationId, locationId: theirs.id }))).toMatchObject({ appCode: "NOT_FOUND", message: "Location not found in this organization." });
    expect((await failure(owner.update({ organizationId, locationId: theirs.id, ...typed() }))).appCode).toBe("NOT_FOUND");
    expect((await failure(owner.get({ organizationId, locationId: randomUUID() }))).appCode).toBe("NOT_FOUND");
    const [row] = await db.db.select({ name: locations.name }).from(locations).where(eq(locations.id, theirs.id));
    expect(row?.name).toBe("Theirs");
    expect((await owner.list({ organizationId })).some((l) => l.id === theirs.id)).toBe(false);
  });
});
