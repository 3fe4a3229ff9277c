import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, externalBusyIntervals } from "@/server/db/schema";
import { describeError } from "@/server/trpc/error-map";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import {
  createLocation,
  createOrganization,
  createPatient,
  createProvider,
  createWeeklyRules,
  linkProviderToOrganization,
  standardWeek,
} from "@/test/factories";
import { MONDAY_0800 } from "@/test/scenarios/booking-world";
import { anonymous, callerFor } from "@/test/trpc";
import type { SearchProvidersInput } from "../schemas";

/**
 * A small demo-like world, "now" Monday 1 March 2027 08:00 London (GMT):
 * - Amelia (Harbour Health King's Cross, 3.2 km from Charing Cross), GP, en/fr, in person and
 *   online; her 09:00 visit is booked by a patient, so she is next free at 09:30.
 * - Oliver (Harbour Health Southbank, 1.0 km), cardiology; Google blocks his Monday: Tuesday 09:00.
 * - Greta (Greenwich Practice, 8.8 km), GP, in person only from 10:00.
 * - Ravi (Sahyadri Clinic Bandra, Mumbai), dermatology, Hindi, in person only.
 * - Vera: online only, "Video check-in", weekday afternoons.
 * - Pending Paul at Southbank: not approved, never shown.
 */
const now = () => MONDAY_0800;
const CHARING_CROSS = { latitude: 51.5074, longitude: -0.1278 };
const BANDRA = { latitude: 19.0596, longitude: 72.8295 };

let db: TestDatabase;
const ids: Record<string, string> = {};
let patientEmail = "";

beforeAll(async () => {
  db = await createTestDatabase();
  const d = db.db;
  const harbour = await createOrganization(d, { name: "Harbour Health" });
  const kingsCross = await createLocation(d, {
    organizationId: harbour.id,
    name: "Harbour Health King's Cross",
    formattedAddress: "14 Pancras Square, London N1C 4AG, United Kingdom",
    latitude: 51.5357,
    longitude: -0.124,
  });
  const southbank = await createLocation(d, {
    organizationId: harbour.id,
    name: "Harbour Health Southbank",
    formattedAddress: "20 Belvedere Road, London SE1 7GP, United Kingdom",
    latitude: 51.5033,
    longitude: -0.1145,
  });
  const greenwichOrg = await createOrganization(d, { name: "Greenwich Practice" });
  const greenwich = await createLocation(d, {
    organizationId: greenwichOrg.id,
    name: "Greenwich Practice",
    formattedAddress: "1 King William Walk, London SE10 9JH, United Kingdom",
    latitude: 51.4826,
    longitude: -0.0077,
  });
  const sahyadri = await createOrganization(d, { name: "Sahyadri Clinic" });
  const bandra = await createLocation(d, {
    organizationId: sahyadri.id,
    name: "Sahyadri Clinic Bandra",
    formattedAddress: "Hill Road, Bandra West, Mumbai, Maharashtra 400050, India",
    latitude: 19.0544,
    longitude: 72.8366,
    timeZone: "Asia/Kolkata",
  });

  const gp = { slug: "general-practice", name: "General practice" };
  const service = { minimumNoticeMinutes: 60, bookingHorizonDays: 60, slotStepMinutes: 15 };
  const amelia = await createProvider(d, {
    user: { name: "Dr. Amelia Hart" },
    provider: { languages: ["en", "fr"], bio: "Preventive care." },
    specialties: [gp],
    services: [{ ...service, name: "General consultation", durationMinutes: 20, currency: "GBP" }],
  });
  await linkProviderToOrganization(d, amelia.provider.id, harbour.id);
  await createWeeklyRules(d, amelia.provider.id, standardWeek(kingsCross.id));

  const oliver = await createProvider(d, {
    user: { name: "Dr. Oliver Bennett" },
    specialties: [{ slug: "cardiology", name: "Cardiology" }],
    services: [{ ...service, name: "Cardiology — first visit", durationMinutes: 45, isOnline: false }],
  });
  await linkProviderToOrganization(d, oliver.provider.id, harbour.id);
  await createWeeklyRules(d, oliver.provider.id, standardWeek(southbank.id).filter((r) => r.mode === "IN_PERSON"));
  await d.insert(externalBusyIntervals).values({
    providerId: oliver.provider.id,
    source: "google",
    externalId: "monday",
    startsAt: new Date("2027-03-01T00:00:00Z"),
    endsAt: new Date("2027-03-02T00:00:00Z"),
  });

  const greta = await createProvider(d, {
    user: { name: "Dr. Greta Lind" },
    specialties: [gp],
    services: [{ ...service, name: "GP appointment", durationMinutes: 30, isOnline: false }],
  });
  await linkProviderToOrganization(d, greta.provider.id, greenwichOrg.id);
  await createWeeklyRules(
    d,
    greta.provider.id,
    [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 600, endMinute: 780, mode: "IN_PERSON" as const, locationId: greenwich.id })),
  );

  const ravi = await createProvider(d, {
    user: { name: "Dr. Ravi Kulkarni" },
    provider: { languages: ["en", "hi"], timeZone: "Asia/Kolkata" },
    specialties: [{ slug: "dermatology", name: "Dermatology" }],
    services: [{ ...service, name: "Skin check", durationMinutes: 30, currency: "INR", isOnline: false }],
  });
  await linkProviderToOrganization(d, ravi.provider.id, sahyadri.id);
  await createWeeklyRules(
    d,
    ravi.provider.id,
    [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 780, mode: "IN_PERSON" as const, locationId: bandra.id })),
  );

  const vera = await createProvider(d, {
    user: { name: "Vera Online" },
    specialties: [{ slug: "psychology", name: "Psychology" }],
    services: [{ ...service, name: "Video check-in", durationMinutes: 25, isInPerson: false }],
  });
  await createWeeklyRules(d, vera.provider.id, standardWeek(null));

  const paul = await createProvider(d, {
    user: { name: "Dr. Pending Paul" },
    provider: { status: "PENDING" },
    specialties: [gp],
    services: [{ ...service, name: "General consultation" }],
  });
  await linkProviderToOrganization(d, paul.provider.id, harbour.id);
  await createWeeklyRules(d, paul.provider.id, standardWeek(southbank.id));

  const patient = await createPatient(d, { user: { name: "Pat Private", email: "pat.private@example.test" } });
  patientEmail = patient.user.email!;
  const startsAt = new Date("2027-03-01T09:00:00Z");
  const endsAt = new Date("2027-03-01T09:20:00Z");
  await d.insert(bookings).values({
    providerId: amelia.provider.id,
    serviceId: amelia.services[0]!.id,
    locationId: kingsCross.id,
    mode: "IN_PERSON",
    startsAt,
    endsAt,
    blockedStartsAt: startsAt,
    blockedEndsAt: endsAt,
    status: "CONFIRMED",
    confirmedAt: new Date("2027-02-20T10:00:00Z"),
    patientUserId: patient.user.id,
    patientTimeZone: "Europe/London",
    notes: "Private clinical note",
  });

  Object.assign(ids, {
    amelia: amelia.provider.id,
    oliver: oliver.provider.id,
    greta: greta.provider.id,
    ravi: ravi.provider.id,
    vera: vera.provider.id,
    paul: paul.provider.id,
    kingsCross: kingsCross.id,
    southbank: southbank.id,
  });
});
afterAll(() => db.drop());

const search = (input: SearchProvidersInput) => callerFor(db.db, anonymous, now).search.providers(input);
const names = (page: Awaited<ReturnType<typeof search>>) => page.items.map((item) => item.provider.displayName);

async function validationErrorOf(promise: Promise<unknown>): Promise<{ appCode: string; fieldErrors: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const { data } = describeError(error);
    return { appCode: data.appCode, fieldErrors: data.fieldErrors ?? {} };
  }
  throw new Error("expected the search to fail");
}

describe("search.providers near a point", () => {
  it("ranks in-person results by distance with their location and next free time there, online-only ones after", async () => {
    const page = await search({ near: CHARING_CROSS, radiusKm: 10 });
    expect(page.sort).toBe("distance");
    expect(names(page)).toEqual(["Dr. Oliver Bennett", "Dr. Amelia Hart", "Dr. Greta Lind", "Vera Online"]);
    expect(page.total).toBe(4);

    const [oliver, amelia, greta, vera] = page.items;
    expect(oliver!.location).toMatchObject({ name: "Harbour Health Southbank", timeZone: "Europe/London" });
    expect(oliver!.location!.distanceMeters).toBeGreaterThan(900);
    expect(oliver!.location!.distanceMeters).toBeLessThan(1100);
    expect(amelia!.location!.name).toBe("Harbour Health King's Cross");
    expect(amelia!.location!.distanceMeters).toBeGreaterThan(3000);
    expect(amelia!.location!.distanceMeters).toBeLessThan(3300);
    expect(greta!.location!.distanceMeters).toBeGreaterThan(8500);

    // The patient's 09:00–09:20 visit is skipped; Google's busy Monday pushes Oliver to Tuesday.
    expect(amelia!.nextAvailable).toMatchObject({ startsAt: new Date("2027-03-01T09:30:00Z"), timeZone: "Europe/London" });
    expect(oliver!.nextAvailable!.startsAt).toEqual(new Date("2027-03-02T09:00:00Z"));
    expect(greta!.nextAvailable!.startsAt).toEqual(new Date("2027-03-01T10:00:00Z"));
    expect(vera).toMatchObject({ mode: "ONLINE", location: null });
    expect(vera!.nextAvailable!.startsAt).toEqual(new Date("2027-03-01T14:00:00Z"));
    expect(amelia!.mode).toBe("IN_PERSON");
    expect(amelia!.services.map((s) => s.name)).toEqual(["General consultation"]);
  });

  it("cuts off at the radius", async () => {
    expect(names(await search({ near: CHARING_CROSS, radiusKm: 5, mode: "IN_PERSON" }))).toEqual(["Dr. Oliver Bennett", "Dr. Amelia Hart"]);
    expect(names(await search({ near: CHARING_CROSS, radiusKm: 0.5, mode: "IN_PERSON" }))).toEqual([]);
    expect(names(await search({ near: CHARING_CROSS, radiusKm: 9, mode: "IN_PERSON" }))).toContain("Dr. Greta Lind");
  });

  it("pages in distance order", async () => {
    const second = await search({ near: CHARING_CROSS, radiusKm: 10, pageSize: 2, page: 2 });
    expect(names(second)).toEqual(["Dr. Greta Lind", "Vera Online"]);
    expect(second).toMatchObject({ total: 4, pageCount: 2 });
  });

  it("sorts by soonest, online-only results by their time", async () => {
    const page = await search({ near: CHARING_CROSS, radiusKm: 10, sort: "soonest" });
    expect(names(page)).toEqual(["Dr. Amelia Hart", "Dr. Greta Lind", "Vera Online", "Dr. Oliver Bennett"]);
  });

  it("pages by soonest: each page exact although later providers' times are only computed when a page needs them", async () => {
    // Three are free on Monday, so page 1 is settled after the first day's search; Oliver
    // (Tuesday) is found only for page 2.
    const first = await search({ near: CHARING_CROSS, radiusKm: 10, sort: "soonest", pageSize: 2 });
    expect(names(first)).toEqual(["Dr. Amelia Hart", "Dr. Greta Lind"]);
    expect(first).toMatchObject({ total: 4, pageCount: 2 });
    expect(first.items.map((item) => item.nextAvailable?.startsAt)).toEqual([new Date("2027-03-01T09:30:00Z"), new Date("2027-03-01T10:00:00Z")]);
    const second = await search({ near: CHARING_CROSS, radiusKm: 10, sort: "soonest", pageSize: 2, page: 2 });
    expect(names(second)).toEqual(["Vera Online", "Dr. Oliver Bennett"]);
    expect(second.items.map((item) => item.nextAvailable?.startsAt)).toEqual([new Date("2027-03-01T14:00:00Z"), new Date("2027-03-02T09:00:00Z")]);
  });

  it("keeps only those free within availableWithinDays", async () => {
    const page = await search({ near: CHARING_CROSS, radiusKm: 10, availableWithinDays: 1 });
    expect(names(page)).toEqual(["Dr. Amelia Hart", "Dr. Greta Lind", "Vera Online"]);
    expect(page.total).toBe(3);
    expect(page.window.days).toBe(1);
  });

  it("lists in-person practices in Mumbai, then online-only practitioners, never a clinic elsewhere", async () => {
    const page = await search({ near: BANDRA, radiusKm: 5 });
    expect(names(page)).toEqual(["Dr. Ravi Kulkarni", "Vera Online"]);
    expect(page.items[0]!.location).toMatchObject({ name: "Sahyadri Clinic Bandra", timeZone: "Asia/Kolkata" });
    // Monday 09:00–13:00 in Mumbai is over by 08:00 London: Tuesday 09:00 IST.
    expect(page.items[0]!.nextAvailable).toMatchObject({ startsAt: new Date("2027-03-02T03:30:00Z"), timeZone: "Asia/Kolkata" });
  });
});

describe("search.providers filters", () => {
  it("filters by specialty, service words, language and mode", async () => {
    expect(names(await search({ near: CHARING_CROSS, specialty: "cardiology" }))).toEqual(["Dr. Oliver Bennett"]);
    expect(names(await search({ near: CHARING_CROSS, specialty: "general-practice" }))).toEqual(["Dr. Amelia Hart", "Dr. Greta Lind"]);
    expect(names(await search({ service: "video" }))).toEqual(["Vera Online"]);
    expect(names(await search({ language: "hi" }))).toEqual(["Dr. Ravi Kulkarni"]);
    expect(names(await search({ language: "fr", near: CHARING_CROSS }))).toEqual(["Dr. Amelia Hart"]);
    const online = await search({ mode: "ONLINE" });
    // Both free at 14:00: equal times keep name order.
    expect(names(online)).toEqual(["Dr. Amelia Hart", "Vera Online"]);
    expect(online.items.every((item) => item.mode === "ONLINE" && item.location === null)).toBe(true);
    // Amelia online: her afternoon hours (14:00), not her clinic's morning.
    expect(online.items[0]!.nextAvailable).toMatchObject({ startsAt: new Date("2027-03-01T14:00:00Z"), timeZone: "Europe/London" });
    expect(names(await search({ mode: "IN_PERSON", near: CHARING_CROSS }))).toEqual(["Dr. Oliver Bennett", "Dr. Amelia Hart", "Dr. Greta Lind"]);
  });

  it("matches words against cities, practice and location names", async () => {
    expect(names(await search({ q: "Mumbai" }))).toEqual(["Dr. Ravi Kulkarni"]);
    expect(names(await search({ q: "london", sort: "soonest", mode: "IN_PERSON" }))).toEqual(["Dr. Amelia Hart", "Dr. Greta Lind", "Dr. Oliver Bennett"]);
    expect(names(await search({ q: "Greenwich Practice" }))).toEqual(["Dr. Greta Lind"]);
    // Amelia and Oliver both work for Harbour Health; the words pick the location they name.
    const southbank = await search({ q: "Southbank", mode: "IN_PERSON" });
    expect(names(southbank)).toEqual(["Dr. Oliver Bennett"]);
    expect(southbank.items[0]!.location!.name).toBe("Harbour Health Southbank");
    expect(names(await search({ q: "Harbour Health", mode: "IN_PERSON" })).sort()).toEqual(["Dr. Amelia Hart", "Dr. Oliver Bennett"]);
  });

  it("makes the directory find providers by city and practice too", async () => {
    const caller = callerFor(db.db, anonymous, now);
    expect((await caller.providers.list({ query: "London" })).items.map((p) => p.displayName).sort()).toEqual([
      "Dr. Amelia Hart",
      "Dr. Greta Lind",
      "Dr. Oliver Bennett",
    ]);
    expect((await caller.providers.list({ query: "Mumbai" })).items.map((p) => p.displayName)).toEqual(["Dr. Ravi Kulkarni"]);
    expect((await caller.providers.list({ query: "Sahyadri" })).total).toBe(1);
  });
});

describe("search.providers access and bad input", () => {
  it("shows strangers approved providers only, with no patient data", async () => {
    const page = await search({ near: CHARING_CROSS, radiusKm: 100, q: "Harbour" });
    const text = JSON.stringify(page);
    expect(text).not.toContain("Pending Paul");
    expect(text).not.toContain(ids.paul);
    expect(text).not.toContain(patientEmail);
    expect(text).not.toContain("Pat Private");
    expect(text).not.toContain("Private clinical note");
    expect(Object.keys(page.items[0]!).sort()).toEqual(["location", "mode", "nextAvailable", "provider", "services"]);
    expect(Object.keys(page.items[0]!.provider).sort()).toEqual(["displayName", "id", "languages", "slug", "specialties", "timeZone"]);
  });

  it.each([
    [{ near: { latitude: 91, longitude: 0 } }, "near.latitude", /between -90 and 90/],
    [{ near: { latitude: 0, longitude: -181 } }, "near.longitude", /between -180 and 180/],
    [{ near: CHARING_CROSS, radiusKm: 0 }, "radiusKm", /at least 0.5 km/],
    [{ near: CHARING_CROSS, radiusKm: 20_000 }, "radiusKm", /at most 100 km/],
    [{ availableWithinDays: 0 }, "availableWithinDays", /between 1 and 60/],
    [{ availableWithinDays: 61 }, "availableWithinDays", /between 1 and 60/],
    [{ sort: "distance" as const }, "sort", /needs a place/],
    [{ specialty: "astrology" }, "specialty", /Unknown specialty/],
  ])("rejects %j as VALIDATION naming %s", async (input, field, message) => {
    const { appCode, fieldErrors } = await validationErrorOf(search(input));
    expect(appCode).toBe("VALIDATION");
    expect(Object.keys(fieldErrors)).toEqual([field]);
    expect(fieldErrors[field]!.join(" ")).toMatch(message);
  });
});
