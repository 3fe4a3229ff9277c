import { Client as GeocodingClient } from "@googlemaps/google-maps-services-js";
import { PlacesClient } from "@googlemaps/places";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { DEMO_ORGANIZATIONS } from "../../src/server/db/seed/demo-data";
import { serve, type RunningEmulator } from "../lib/http";
import { createPlacesEmulator, type PlacesEmulator } from "./index";
import { distanceMeters } from "./match";

const KEY = "AIzaEmulatorContractKey0000000000000001";
let clock = Date.parse("2026-03-02T09:00:00Z");
let running: RunningEmulator<PlacesEmulator>;
let sdk: PlacesClient;

// Loosely typed JSON answers: each test asserts the shape it reads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const mask = (fields: string) => ({ otherArgs: { headers: { "X-Goog-FieldMask": fields } } });

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${running.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-goog-api-key": KEY, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

async function geocodeRaw(query: string) {
  const response = await fetch(`${running.url}/maps/api/geocode/json?${query}`);
  return { status: response.status, body: (await response.json()) as Json };
}

beforeAll(async () => {
  running = await serve(createPlacesEmulator({ apiKeys: [KEY], now: () => clock }));
  const url = new URL(running.url);
  sdk = new PlacesClient({ apiKey: KEY, fallback: true, apiEndpoint: url.hostname, port: Number(url.port), protocol: "http" } as ConstructorParameters<typeof PlacesClient>[0]);
  await sdk.searchText({ textQuery: "London" }, mask("places.id"));
}, 60_000);
afterAll(() => running.close());
beforeEach(() => running.emulator.reset());

describe("gazetteer", () => {
  it("holds a few hundred real places with unique Google-like ids in every demo city", () => {
    const places = running.emulator.places();
    expect(places.length).toBeGreaterThanOrEqual(300);
    expect(new Set(places.map((p) => p.id)).size).toBe(places.length);
    for (const city of ["london", "new-york", "mumbai", "adelaide"] as const) {
      const kinds = new Set(places.filter((p) => p.city === city).map((p) => p.kind));
      expect(kinds).toContain("postal_code");
      expect(kinds).toContain("train_station");
      expect(kinds).toContain("hospital");
    }
    expect(places.filter((p) => !p.id.startsWith("demo-place-")).every((p) => /^ChIJ[A-Za-z0-9_-]{23}$/.test(p.id))).toBe(true);
  });

  it("has every demo practice location under its seeded place id, where the seed puts it", () => {
    const byId = new Map(running.emulator.places().map((p) => [p.id, p]));
    for (const location of DEMO_ORGANIZATIONS.flatMap((o) => o.locations)) {
      const place = byId.get(location.googlePlaceId);
      expect(place?.name).toBe(location.name);
      expect(distanceMeters(place!.location, location)).toBeLessThan(50);
      expect(place?.timeZone).toBe(location.timeZone);
    }
  });
});

describe("Places API (New) through @googlemaps/places", () => {
  it("searchText needs a field mask, as Google: 400 INVALID_ARGUMENT", async () => {
    const error = await sdk.searchText({ textQuery: "Soho" }).then(
      () => null,
      (caught: { code?: number; message: string }) => caught,
    );
    expect(error?.code).toBe(3);
    expect(error?.message).toContain("FieldMask is a required parameter");
    const raw = await post("/v1/places:searchText", { textQuery: "Soho" });
    expect(raw).toMatchObject({ status: 400, body: { error: { code: 400, status: "INVALID_ARGUMENT" } } });
  });

  it("place details need a field mask too; autocomplete does not", async () => {
    const id = running.emulator.places().find((p) => p.name === "Soho")!.id;
    await expect(sdk.getPlace({ name: `places/${id}` })).rejects.toMatchObject({ code: 3 });
    const [answer] = await sdk.autocompletePlaces({ input: "Soh" });
    expect(answer.suggestions?.[0]?.placePrediction?.placeId).toBe(id);
  });

  it("returns only the masked fields", async () => {
    const raw = await post("/v1/places:searchText", { textQuery: "Soho" }, { "x-goog-fieldmask": "places.id,places.displayName.text" });
    expect(raw.status).toBe(200);
    expect(Object.keys(raw.body.places[0]).sort()).toEqual(["displayName", "id"]);
    expect(raw.body.places[0].displayName).toEqual({ text: "Soho" });
    const details = await fetch(`${running.url}/v1/places/demo-place-nyc-midtown?key=${KEY}&fields=location,timeZone`);
    expect(await details.json()).toEqual({ location: { latitude: 40.7484, longitude: -73.9857 }, timeZone: { id: "America/New_York" } });
  });

  it("refuses a field the Place message does not have", async () => {
    const raw = await post("/v1/places:searchText", { textQuery: "Soho" }, { "x-goog-fieldmask": "places.id,places.colour" });
    expect(raw.status).toBe(400);
    expect(raw.body.error.message).toContain("places.colour");
  });

  it("ranks by text, then by distance to the bias circle; restricts to a rectangle", async () => {
    const near = (latitude: number, longitude: number) => ({ circle: { center: { latitude, longitude }, radius: 10_000 } });
    const [nearNewYork] = await sdk.searchText({ textQuery: "Chelsea", locationBias: near(40.75, -73.99) }, mask("places.formattedAddress"));
    expect(nearNewYork.places?.[0]?.formattedAddress).toBe("Chelsea, New York, NY, USA");
    const [nearLondon] = await sdk.searchText({ textQuery: "Chelsea", locationBias: near(51.5, -0.13) }, mask("places.formattedAddress"));
    expect(nearLondon.places?.[0]?.formattedAddress).toBe("Chelsea, London, UK");
    const [inAdelaide] = await sdk.searchText(
      { textQuery: "hospital", locationRestriction: { rectangle: { low: { latitude: -35.1, longitude: 138.4 }, high: { latitude: -34.7, longitude: 138.8 } } } },
      mask("places.displayName"),
    );
    expect(inAdelaide.places?.map((p) => p.displayName?.text)).toEqual(
      expect.arrayContaining(["Royal Adelaide Hospital", "The Queen Elizabeth Hospital"]),
    );
    expect(inAdelaide.places?.every((p) => !p.displayName?.text?.includes("London"))).toBe(true);
  });

  it("matches regardless of case and accents, and answers names in the language asked for", async () => {
    const [answer] = await sdk.searchText({ textQuery: "BÁNDRA WEST", languageCode: "hi" }, mask("places.displayName,places.addressComponents"));
    expect(answer.places?.[0]?.displayName).toMatchObject({ text: "बांद्रा पश्चिम", languageCode: "hi" });
    const country = answer.places?.[0]?.addressComponents?.find((c) => c.types?.includes("country"));
    expect(country).toMatchObject({ longText: "India", shortText: "IN" });
  });

  it("filters autocomplete by primary type and region, and reports distance from the origin", async () => {
    const [cities] = await sdk.autocompletePlaces({ input: "Adel", includedPrimaryTypes: ["(cities)"] });
    // Australian suburbs are localities for Google too, so North Adelaide is a "city".
    expect(cities.suggestions?.map((s) => s.placePrediction?.structuredFormat?.mainText?.text)).toEqual(["Adelaide", "North Adelaide", "Port Adelaide"]);
    const [stations] = await sdk.autocompletePlaces({
      input: "London",
      includedPrimaryTypes: ["train_station"],
      includedRegionCodes: ["gb"],
      origin: { latitude: 51.5308, longitude: -0.1238 },
    });
    const first = stations.suggestions?.[0]?.placePrediction;
    expect(first?.structuredFormat?.mainText?.text).toBe("London King's Cross");
    expect(first?.distanceMeters).toBeLessThan(300);
    expect(first?.structuredFormat?.mainText?.matches).toEqual([expect.objectContaining({ endOffset: 6 })]);
  });

  it("an unknown id is 404 NOT_FOUND, a malformed one 400", async () => {
    await expect(sdk.getPlace({ name: "places/ChIJ00000000000000000000000" }, mask("id"))).rejects.toMatchObject({ code: 5, httpStatusCode: 404 });
    await expect(sdk.getPlace({ name: "places/x" }, mask("id"))).rejects.toMatchObject({ code: 3, httpStatusCode: 400 });
  });

  it("keys: none is 403, an unknown one 400 API_KEY_INVALID; the key may come as ?key=", async () => {
    const none = await post("/v1/places:searchText", { textQuery: "Soho" }, { "x-goog-api-key": "", "x-goog-fieldmask": "places.id" });
    expect(none).toMatchObject({ status: 403, body: { error: { status: "PERMISSION_DENIED" } } });
    const unknown = await post("/v1/places:searchText", { textQuery: "Soho" }, { "x-goog-api-key": "AIzaNope", "x-goog-fieldmask": "places.id" });
    expect(unknown).toMatchObject({ status: 400, body: { error: { details: [{ reason: "API_KEY_INVALID" }] } } });
    const query = await fetch(`${running.url}/v1/places:searchText?key=${KEY}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-fieldmask": "places.id" },
      body: JSON.stringify({ textQuery: "Soho" }),
    });
    expect(query.status).toBe(200);
  });

  it("the per-minute quota answers 429 RESOURCE_EXHAUSTED until the minute has passed", async () => {
    running.emulator.setQuota("places", 2);
    for (let i = 0; i < 2; i += 1) await sdk.searchText({ textQuery: "Soho" }, mask("places.id"));
    await expect(sdk.searchText({ textQuery: "Soho" }, mask("places.id"))).rejects.toMatchObject({ code: 8, httpStatusCode: 429 });
    clock += 60_001;
    await sdk.searchText({ textQuery: "Soho" }, mask("places.id"));
    expect(running.emulator.requests().map((r) => r.status)).toEqual([200, 200, 429, 200]);
  });

  it("bad radii and points are 400", async () => {
    const tooWide = await post("/v1/places:searchText", { textQuery: "Soho", locationBias: { circle: { center: { latitude: 51.5, longitude: 0 }, radius: 60_000 } } }, { "x-goog-fieldmask": "places.id" });
    expect(tooWide.status).toBe(400);
    const offPlanet = await post("/v1/places:autocomplete", { input: "Soho", origin: { latitude: 91, longitude: 0 } });
    expect(offPlanet.status).toBe(400);
  });
});

describe("Geocoding API", () => {
  const geocoder = new GeocodingClient({});
  const call = (params: Record<string, string>) =>
    geocoder.geocode({ url: `${running.url}/maps/api/geocode/json`, params: { key: KEY, ...params } as never, raxConfig: { retry: 0 } });

  it("geocodes a postcode in each city with Google's result shape", async () => {
    for (const [address, country, formatted] of [
      ["SE1 7GP", "GB", "London SE1 7GP, UK"],
      ["10118", "US", "New York, NY 10118, USA"],
      ["400050", "IN", "Mumbai, Maharashtra 400050, India"],
      ["5000", "AU", "Adelaide SA 5000, Australia"],
    ]) {
      const { data } = await call({ address: address!, components: `country:${country}` });
      expect(data.status).toBe("OK");
      expect(data.results[0]).toMatchObject({ formatted_address: formatted, geometry: { location_type: "APPROXIMATE" }, types: ["postal_code"] });
      expect(data.results[0]?.place_id).toMatch(/^ChIJ/);
    }
  });

  it("ZERO_RESULTS, INVALID_REQUEST and REQUEST_DENIED as Google answers them (HTTP 200 with a status)", async () => {
    expect((await call({ address: "1 Nowhere Lane, Atlantis" })).data).toEqual({ results: [], status: "ZERO_RESULTS" });
    expect(await geocodeRaw(`key=${KEY}`)).toMatchObject({ status: 200, body: { status: "INVALID_REQUEST" } });
    expect(await geocodeRaw("address=Soho&key=AIzaNope")).toMatchObject({ status: 200, body: { status: "REQUEST_DENIED", error_message: "The provided API key is invalid. " } });
    expect(await geocodeRaw("address=Soho")).toMatchObject({ body: { status: "REQUEST_DENIED" } });
  });

  it("filters by components, looks up place ids and reverse-geocodes a point", async () => {
    const { data } = await call({ address: "Chelsea", components: "country:US" });
    expect(data.results.map((r) => r.formatted_address)).toEqual(["Chelsea, New York, NY, USA"]);
    const id = running.emulator.places().find((p) => p.name === "Glenelg")!.id;
    expect((await call({ place_id: id })).data.results[0]?.formatted_address).toBe("Glenelg SA 5045, Australia");
    const reverse = await call({ latlng: "19.0544,72.8406" });
    expect(reverse.data.results[0]?.formatted_address).toContain("Mumbai");
  });

  it("OVER_QUERY_LIMIT over the quota, and through the control endpoints", async () => {
    const control = (path: string, body: unknown) =>
      fetch(`${running.url}/__control/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await control("quota", { api: "geocoding", perMinute: 1 })).status).toBe(200);
    expect((await geocodeRaw(`address=Soho&key=${KEY}`)).body.status).toBe("OK");
    expect((await geocodeRaw(`address=Soho&key=${KEY}`)).body.status).toBe("OVER_QUERY_LIMIT");
    await control("quota", { api: "geocoding", perMinute: null });
    expect((await control("fail-next", { api: "geocoding", status: 500, count: 1 })).status).toBe(200);
    expect((await geocodeRaw(`address=Soho&key=${KEY}`)).body.status).toBe("UNKNOWN_ERROR");
    expect((await geocodeRaw(`address=Soho&key=${KEY}`)).body.status).toBe("OK");
    expect((await control("fail-next", { api: "maps", status: 500 })).status).toBe(400);
    const log = (await (await fetch(`${running.url}/__control/requests`)).json()) as { requests: { outcome: string; params: Record<string, string> }[] };
    expect(log.requests.map((r) => r.outcome)).toEqual(["OK", "OVER_QUERY_LIMIT", "UNKNOWN_ERROR", "OK"]);
    expect(log.requests[0]?.params).toEqual({ address: "Soho" });
  });
});

describe("place details: phone, website and regular opening hours (Place Details Enterprise fields)", () => {
  const CONTACT = "id,nationalPhoneNumber,internationalPhoneNumber,websiteUri,regularOpeningHours,addressComponents";

  it("a clinic answers its phone in both formats, its website and its weekly periods, Sunday = day 0", async () => {
    // 2026-03-02T09:00Z is Monday 09:00 in London: the King's Cross clinic is open.
    const [place] = (await sdk.getPlace({ name: "places/demo-place-london-kings-cross" }, mask(CONTACT))) as unknown as [Json];
    expect(place.nationalPhoneNumber).toBe("020 7946 0101");
    expect(place.internationalPhoneNumber).toBe("+44 20 7946 0101");
    expect(place.websiteUri).toBe("https://harbourhealth.example/kings-cross");
    expect(place.addressComponents.find((c: Json) => c.types.includes("country")).shortText).toBe("GB");
    const hours = place.regularOpeningHours;
    expect(hours.openNow).toBe(true);
    expect(hours.periods[0]).toMatchObject({ open: { day: 1, hour: 8, minute: 0 }, close: { day: 1, hour: 18, minute: 30 } });
    expect(hours.periods.map((p: Json) => p.open.day)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(hours.weekdayDescriptions[0]).toBe("Monday: 8:00\u202fAM\u2009\u2013\u20096:30\u202fPM");
    expect(hours.weekdayDescriptions[6]).toBe("Sunday: Closed");
  });

  it("a hospital open all the time is one period from Sunday 00:00 with no close; fields outside the mask are left out", async () => {
    const results = (await sdk.searchText({ textQuery: "Guy's Hospital" }, mask("places.id"))) as unknown as [Json];
    const id = results[0].places[0].id as string;
    const [place] = (await sdk.getPlace({ name: `places/${id}` }, mask("regularOpeningHours"))) as unknown as [Json];
    expect(place.regularOpeningHours.periods).toHaveLength(1);
    expect(place.regularOpeningHours.periods[0]).toMatchObject({ open: { day: 0, hour: 0, minute: 0 }, close: null });
    expect(place.regularOpeningHours.weekdayDescriptions[0]).toBe("Monday: Open 24 hours");
    const [bare] = (await sdk.getPlace({ name: `places/${id}` }, mask("id"))) as unknown as [Json];
    expect(bare.regularOpeningHours).toBeNull();
    expect(bare.websiteUri).toBe("");
  });

  it("closed now outside the periods, in the place's own zone (Monday 09:00 UTC is 19:30 in Adelaide)", async () => {
    const [place] = (await sdk.getPlace({ name: "places/demo-place-adelaide-north-terrace" }, mask("regularOpeningHours"))) as unknown as [Json];
    expect(place.regularOpeningHours.openNow).toBe(false);
  });
});
