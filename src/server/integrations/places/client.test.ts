import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors/app-error";

import { serve, type RunningEmulator } from "../../../../local-cloud/lib/http";
import { createPlacesEmulator, type PlacesEmulator } from "../../../../local-cloud/places";
import { createPlacesService, type PlacesService } from "./client";

const KEY = "AIzaTestPlacesKey000000000000000000001";
const BLOCKED_KEY = "AIzaTestBlockedKey00000000000000000002";
const LONDON = { latitude: 51.5072, longitude: -0.1276 };
const MIDTOWN = { latitude: 40.7549, longitude: -73.984 };
const BANDRA = { latitude: 19.0544, longitude: 72.8406 };

let places: RunningEmulator<PlacesEmulator>;
let service: PlacesService;
let unknownKey: PlacesService;
let blockedKey: PlacesService;

function withKey(apiKey: string): PlacesService {
  return createPlacesService({ apiKey, placesApiUrl: places.url, geocodingApiUrl: places.url, timeoutMs: 5_000 });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  places = await serve(createPlacesEmulator({ apiKeys: [KEY], blockedKeys: [BLOCKED_KEY] }));
  service = withKey(KEY);
  unknownKey = withKey("AIzaUnknownKey");
  blockedKey = withKey(BLOCKED_KEY);
  // google-gax builds each client's protobuf root on its first call (seconds on a busy machine):
  // pay it here, once per client, rather than inside a test's time limit.
  await Promise.all([service, unknownKey, blockedKey].map((s) => s.searchPlaces({ text: "London" }).catch(() => undefined)));
}, 60_000);
afterAll(() => places.close());
beforeEach(() => places.emulator.reset());

describe("searchPlaces (Places API (New) searchText)", () => {
  it("prefers the place near the bias point: Chelsea near Midtown is in New York, near Westminster in London", async () => {
    const [nearNewYork] = await service.searchPlaces({ text: "Chelsea", near: MIDTOWN, radiusMeters: 5_000 });
    expect(nearNewYork).toMatchObject({
      name: "Chelsea",
      formattedAddress: "Chelsea, New York, NY, USA",
      countryCode: "US",
      region: "NY",
      locality: "New York",
      timeZone: "America/New_York",
    });
    const [nearLondon] = await service.searchPlaces({ text: "chelsea", near: LONDON });
    expect(nearLondon).toMatchObject({ name: "Chelsea", countryCode: "GB", region: "England", timeZone: "Europe/London" });
    expect(nearLondon?.placeId).toMatch(/^ChIJ[A-Za-z0-9_-]{23}$/);

    // The request carried the key in X-Goog-Api-Key, our field mask and the bias circle.
    const [request] = places.emulator.requests();
    expect(request).toMatchObject({ path: "/v1/places:searchText", keySuffix: KEY.slice(-4), status: 200 });
    expect(request?.fieldMask).toBe("places.id,places.displayName,places.formattedAddress,places.location,places.types,places.addressComponents");
    expect(request?.params).toMatchObject({ textQuery: "Chelsea", locationBias: { circle: { center: MIDTOWN, radius: 5000 } } });
  });

  it("matches without case, accents or apostrophes", async () => {
    for (const text of ["KINGS CROSS", "king’s cross", "Kíng's Cröss"]) {
      const [first] = await service.searchPlaces({ text, near: LONDON });
      expect(first?.name).toBe("King's Cross");
    }
  });

  it("answers an empty list for text that names no place", async () => {
    expect(await service.searchPlaces({ text: "Atlantis Lost City", near: LONDON })).toEqual([]);
  });

  it.each([
    [{ text: "   " }, "text"],
    [{ text: "Soho", near: LONDON, radiusMeters: 0 }, "radiusMeters"],
    [{ text: "Soho", near: LONDON, radiusMeters: 20_000_000 }, "radiusMeters"],
    [{ text: "Soho", near: { latitude: 95, longitude: 0 } }, "near.latitude"],
    [{ text: "Soho", near: { latitude: 0, longitude: Number.NaN } }, "near.longitude"],
    [{ text: "Soho", regionCode: "United Kingdom" }, "regionCode"],
    [{ text: "Soho", maxResults: 50 }, "maxResults"],
  ])("refuses bad input %j before calling Google, naming %s", async (input, field) => {
    const error = await failure(service.searchPlaces(input));
    expect(error.code).toBe("VALIDATION");
    expect(error.details?.fieldErrors).toHaveProperty([field]);
    expect(places.emulator.requests()).toHaveLength(0);
  });
});

describe("autocomplete", () => {
  it("suggests districts as the visitor types, with the distance from where they are", async () => {
    const suggestions = await service.autocomplete({ input: "Bandra W", near: BANDRA });
    expect(suggestions[0]).toMatchObject({
      primaryText: "Bandra West",
      secondaryText: "Mumbai, Maharashtra 400050, India",
      text: "Bandra West, Mumbai, Maharashtra 400050, India",
      types: ["sublocality_level_1", "sublocality", "political"],
    });
    expect(suggestions[0]?.distanceMeters).toBeGreaterThan(500);
    expect(suggestions[0]?.distanceMeters).toBeLessThan(2_000);
  });

  it("keeps to the countries asked for and gives no distance without a point", async () => {
    const suggestions = await service.autocomplete({ input: "Chelsea", regionCodes: ["GB"] });
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((s) => s.text.endsWith("UK"))).toBe(true);
    expect(suggestions.every((s) => s.distanceMeters === null)).toBe(true);
  });
});

describe("placeDetails", () => {
  it("resolves a seeded practice's place id with only the fields we mask", async () => {
    const place = await service.placeDetails("demo-place-london-kings-cross");
    expect(place).toMatchObject({
      placeId: "demo-place-london-kings-cross",
      name: "Harbour Health King's Cross",
      formattedAddress: "14 Pancras Square, London N1C 4AG, UK",
      location: { latitude: 51.5357, longitude: -0.1257 },
      postalCode: "N1C 4AG",
      countryCode: "GB",
      timeZone: "Europe/London",
    });
    expect(place.viewport?.low.latitude).toBeLessThan(51.5357);
    expect(places.emulator.requests()[0]).toMatchObject({
      path: "/v1/places/demo-place-london-kings-cross",
      fieldMask: "id,displayName,formattedAddress,location,types,addressComponents,viewport",
    });
  });

  it("an unknown place id is NOT_FOUND (Google's 404)", async () => {
    const error = await failure(service.placeDetails("ChIJ0000000000000000000000000"));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.details).toMatchObject({ status: 404, retryable: false });
  });

  it("without contact: no phone, website or hours asked for (Enterprise fields); with contact: all three", async () => {
    const plain = await service.placeDetails("demo-place-nyc-midtown");
    expect(plain).toMatchObject({ phone: null, website: null, openingPeriods: null });
    expect(places.emulator.requests()[0]?.fieldMask).not.toMatch(/regularOpeningHours|websiteUri|PhoneNumber/);
    const place = await service.placeDetails("demo-place-nyc-midtown", { contact: true });
    expect(place).toMatchObject({ phone: "+1 212-555-0147", website: "https://hudsonmedical.example/midtown", timeZone: "America/New_York" });
    expect(place.openingPeriods?.[0]).toEqual({ open: { day: 1, hour: 7, minute: 30 }, close: { day: 1, hour: 19, minute: 0 } });
    expect(places.emulator.requests()[1]?.fieldMask).toMatch(/regularOpeningHours/);
  });

  it("an id that cannot be a place id is refused before calling Google", async () => {
    const error = await failure(service.placeDetails("../places:searchText"));
    expect(error.code).toBe("VALIDATION");
    expect(error.details?.fieldErrors).toHaveProperty(["placeId"]);
    expect(places.emulator.requests()).toHaveLength(0);
  });
});

describe("geocode (Geocoding API)", () => {
  it.each([
    ["N1C 4AG", undefined, { name: "King's Cross", postalCode: "N1C 4AG", countryCode: "GB", locality: "London", timeZone: "Europe/London" }],
    ["10118", "US", { postalCode: "10118", countryCode: "US", region: "NY", timeZone: "America/New_York" }],
    ["400050", "IN", { postalCode: "400050", countryCode: "IN", region: "MH", locality: "Mumbai", timeZone: "Asia/Kolkata" }],
    ["5045", "AU", { name: "Glenelg", postalCode: "5045", countryCode: "AU", region: "SA", timeZone: "Australia/Adelaide" }],
  ])("finds the postcode %s (region %s)", async (postcode, regionCode, expected) => {
    const [first] = await service.geocode(postcode, { regionCode });
    expect(first).toMatchObject(expected);
    expect(first?.types).toContain("postal_code");
  });

  it("an address Google cannot find is an empty list (ZERO_RESULTS), not an error", async () => {
    expect(await service.geocode("1 Nowhere Lane, Atlantis")).toEqual([]);
    expect(places.emulator.requests()[0]).toMatchObject({ api: "geocoding", outcome: "ZERO_RESULTS" });
  });
});

describe("vendor failures become AppErrors", () => {
  it("a key Google does not know (400 API_KEY_INVALID) or that may not call the API (403) is a clear, non-retryable refusal", async () => {
    for (const refused of [unknownKey, blockedKey]) {
      const error = await failure(refused.searchPlaces({ text: "Soho" }));
      expect(error.code).toBe("INTEGRATION_UNAVAILABLE");
      expect(error.isRetryable).toBe(false);
      expect(error.details?.keyRefused).toBe(true);
      expect(error.message).toContain("GOOGLE_MAPS_SERVER_KEY");
    }
    expect(places.emulator.requests().map((r) => r.status)).toEqual([400, 403]);
  });

  it("REQUEST_DENIED from the Geocoding API is the same refusal", async () => {
    const error = await failure(unknownKey.geocode("N1C 4AG"));
    expect(error.code).toBe("INTEGRATION_UNAVAILABLE");
    expect(error.details).toMatchObject({ keyRefused: true, retryable: false, reason: "REQUEST_DENIED" });
  });

  it("over the per-minute quota (429 RESOURCE_EXHAUSTED, OVER_QUERY_LIMIT) is retryable", async () => {
    places.emulator.setQuota("places", 1);
    places.emulator.setQuota("geocoding", 1);
    await service.searchPlaces({ text: "Soho" });
    const places429 = await failure(service.searchPlaces({ text: "Soho" }));
    expect(places429.code).toBe("INTEGRATION_UNAVAILABLE");
    expect(places429.details).toMatchObject({ status: 429, reason: "over_quota", retryable: true });

    await service.geocode("SE1 7GP");
    const geocoding429 = await failure(service.geocode("SE1 7GP"));
    expect(geocoding429.details).toMatchObject({ reason: "over_quota", retryable: true });
    expect(places.emulator.requests().map((r) => r.outcome)).toEqual(["OK", "RESOURCE_EXHAUSTED", "OK", "OVER_QUERY_LIMIT"]);
  });

  it("a server error is retryable and is not retried behind the caller's back", async () => {
    places.emulator.failNext({ api: "places", status: 503 });
    const error = await failure(service.autocomplete({ input: "Soho" }));
    expect(error.details).toMatchObject({ status: 503, retryable: true });
    places.emulator.failNext({ api: "geocoding", status: 500 });
    expect((await failure(service.geocode("Soho"))).details).toMatchObject({ reason: "unknown_error", retryable: true });
    expect(places.emulator.requests()).toHaveLength(2);
  });

  it("an unreachable service is a retryable network failure", async () => {
    const closed = await serve(createPlacesEmulator({ apiKeys: [KEY] }));
    await closed.close();
    const offline = createPlacesService({ apiKey: KEY, placesApiUrl: closed.url, geocodingApiUrl: closed.url, timeoutMs: 2_000 });
    expect((await failure(offline.searchPlaces({ text: "Soho" }))).details).toMatchObject({ reason: "network", retryable: true });
    expect((await failure(offline.geocode("Soho"))).details).toMatchObject({ reason: "network", retryable: true });
  }, 30_000);
});
