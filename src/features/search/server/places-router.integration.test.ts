import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { createCaller } from "@/server/api/root";
import type { RateLimitPolicyName } from "@/server/rate-limit/policies";
import { createContext } from "@/server/trpc";
import { describeError } from "@/server/trpc/error-map";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createLocation, createOrganization, createProvider, createWeeklyRules, linkProviderToOrganization, standardWeek } from "@/test/factories";
import { silentLogger } from "@/test/request-context";
import { MONDAY_0800 } from "@/test/scenarios/booking-world";
import { anonymous, callerFor } from "@/test/trpc";
import { serve, type RunningEmulator } from "../../../../local-cloud/lib/http";
import { createPlacesEmulator, type PlacesEmulator } from "../../../../local-cloud/places";

// The app's places client reads its key and base URLs from env.mjs, which snapshots
// process.env when first imported (before any test code runs): the emulator's port is chosen
// here, before the imports, and the emulator is started on it below.
const setup = vi.hoisted(async () => {
  const { createServer } = await import("node:net");
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
  const key = "AIzaPlacesRouterTestKey000000000000001";
  process.env.GOOGLE_MAPS_SERVER_KEY = key;
  process.env.GOOGLE_PLACES_API_URL = `http://127.0.0.1:${port}`;
  process.env.GOOGLE_GEOCODING_API_URL = `http://127.0.0.1:${port}`;
  return { port, key };
});

const now = () => MONDAY_0800;
let places: RunningEmulator<PlacesEmulator>;
let db: TestDatabase;

async function failure(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return describeError(error);
}

beforeAll(async () => {
  const { port, key } = await setup;
  places = await serve(createPlacesEmulator({ apiKeys: [key] }), { port });
  db = await createTestDatabase();
  const harbour = await createOrganization(db.db, { name: "Harbour Health" });
  const kingsCross = await createLocation(db.db, {
    organizationId: harbour.id,
    name: "Harbour Health King's Cross",
    formattedAddress: "14 Pancras Square, London N1C 4AG, United Kingdom",
    latitude: 51.5357,
    longitude: -0.1257,
  });
  const amelia = await createProvider(db.db, {
    user: { name: "Dr. Amelia Hart" },
    specialties: [{ slug: "general-practice", name: "General practice" }],
    services: [{ name: "General consultation", durationMinutes: 20, currency: "GBP", minimumNoticeMinutes: 60, bookingHorizonDays: 60, slotStepMinutes: 15 }],
  });
  await linkProviderToOrganization(db.db, amelia.provider.id, harbour.id);
  await createWeeklyRules(db.db, amelia.provider.id, standardWeek(kingsCross.id));
  // google-gax builds its protobuf root on the first call (seconds on a busy machine).
  await callerFor(db.db, anonymous, now).places.suggest({ input: "London" });
}, 60_000);
afterAll(async () => {
  await places?.close();
  await db?.drop();
});
beforeEach(() => places.emulator.reset());

const control = (path: string, body: unknown) =>
  fetch(`${places.url}/__control/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("places.suggest and places.resolve", () => {
  it("suggests a district to a stranger, nearest first near a point, and resolves it to a point, name and zone", async () => {
    const stranger = callerFor(db.db, anonymous, now);
    const suggestions = await stranger.places.suggest({ input: "King's Cro", near: { latitude: 51.5074, longitude: -0.1278 } });
    const district = suggestions.find((s) => s.primaryText === "King's Cross");
    expect(district).toBeDefined();
    expect(district!.secondaryText).toMatch(/London/);
    expect(district!.distanceMeters).toBeGreaterThan(2_000);
    expect(district!.distanceMeters).toBeLessThan(4_000);

    const resolved = await stranger.places.resolve({ placeId: district!.placeId });
    expect(resolved).toMatchObject({ placeId: district!.placeId, label: "King's Cross", timeZone: "Europe/London" });
    expect(resolved.point.latitude).toBeCloseTo(51.5308, 3);
    expect(resolved.point.longitude).toBeCloseTo(-0.1238, 3);
  });

  it("refuses bad input with VALIDATION naming the field", async () => {
    const stranger = callerFor(db.db, anonymous, now);
    const short = await failure(stranger.places.suggest({ input: " k " }));
    expect(short.data.appCode).toBe("VALIDATION");
    expect(short.data.fieldErrors).toHaveProperty("input");
    const far = await failure(stranger.places.suggest({ input: "Soho", near: { latitude: 91, longitude: 0 } }));
    expect(far.data.fieldErrors).toHaveProperty(["near.latitude"]);
    const token = await failure(stranger.places.suggest({ input: "Soho", sessionToken: "not-a-uuid" }));
    expect(token.data.fieldErrors).toHaveProperty("sessionToken");
    const id = await failure(stranger.places.resolve({ placeId: "../../etc" }));
    expect(id.data.appCode).toBe("VALIDATION");
    expect(id.data.fieldErrors).toHaveProperty("placeId");
    const unknown = await failure(stranger.places.resolve({ placeId: "noSuchPlaceAnywhere" }));
    expect(unknown.data.appCode).toBe("NOT_FOUND");
  });

  it("a place service that fails or is over quota is a clear, retryable INTEGRATION_UNAVAILABLE without operator details; search by words still works", async () => {
    const stranger = callerFor(db.db, anonymous, now);
    expect((await control("fail-next", { api: "places", status: 503, count: 2 })).status).toBe(200);
    const down = await failure(stranger.places.suggest({ input: "Shoreditch" }));
    expect(down.data.appCode).toBe("INTEGRATION_UNAVAILABLE");
    expect(down.data.retryable).toBe(true);
    expect(down.message).toBe("Place search is unavailable right now. You can still search by name, specialty and the other filters.");
    const downResolve = await failure(stranger.places.resolve({ placeId: "demo-place-london-kings-cross" }));
    expect(downResolve.data.appCode).toBe("INTEGRATION_UNAVAILABLE");

    expect((await control("quota", { api: "places", perMinute: 0 })).status).toBe(200);
    const busy = await failure(stranger.places.suggest({ input: "Shoreditch" }));
    expect(busy.data.appCode).toBe("INTEGRATION_UNAVAILABLE");
    expect(busy.message).toMatch(/^Place search is busy right now\. Try again in a minute/);
    const placeSearch = await failure(stranger.search.providers({ placeId: "demo-place-london-kings-cross" }));
    expect(placeSearch.data.appCode).toBe("INTEGRATION_UNAVAILABLE");

    const byWords = await stranger.search.providers({ q: "London" });
    expect(byWords.items.map((r) => r.provider.displayName)).toEqual(["Dr. Amelia Hart"]);
  });

  it("counts every call against the places:client limit and refuses over it", async () => {
    const counted: RateLimitPolicyName[] = [];
    const headers = new Headers({ "x-forwarded-for": "203.0.113.77" });
    const counting = createCaller(
      createContext({ db: db.db, session: null, headers, now, logger: silentLogger, rateLimiter: { consume: (policy) => (counted.push(policy), Promise.resolve()) } }),
    );
    await counting.places.suggest({ input: "Soho" });
    await counting.places.resolve({ placeId: "demo-place-london-kings-cross" });
    expect(counted).toEqual(["places:client", "places:client"]);

    const refusing = createCaller(
      createContext({
        db: db.db,
        session: null,
        headers,
        now,
        logger: silentLogger,
        rateLimiter: { consume: () => Promise.reject(new AppError("RATE_LIMITED", "Too many requests. Try again in 60 seconds.", { retryAfterSeconds: 60 })) },
      }),
    );
    expect((await failure(refusing.places.suggest({ input: "Soho" }))).data.appCode).toBe("RATE_LIMITED");
  });
});

describe("search.providers with a placeId", () => {
  it("searches around the picked place (resolved on the server): distance from King's Cross", async () => {
    const stranger = callerFor(db.db, anonymous, now);
    const page = await stranger.search.providers({ placeId: "demo-place-london-kings-cross", radiusKm: 5 });
    expect(page.sort).toBe("distance");
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.location?.name).toBe("Harbour Health King's Cross");
    expect(page.items[0]!.location?.distanceMeters).toBe(0);
  });

  it("asks Google for a place's point once, then serves it from memory; each such search counts against places:client", async () => {
    const stranger = callerFor(db.db, anonymous, now);
    const detailsCalls = () => places.emulator.requests().filter((r) => r.path.includes("demo-place-london-southbank")).length;
    const before = detailsCalls();
    const first = await stranger.search.providers({ placeId: "demo-place-london-southbank", radiusKm: 10 });
    const again = await stranger.search.providers({ placeId: "demo-place-london-southbank", radiusKm: 10, sort: "soonest" });
    expect(detailsCalls() - before).toBe(1);
    expect(again.items.map((r) => r.provider.displayName)).toEqual(first.items.map((r) => r.provider.displayName));

    const counted: RateLimitPolicyName[] = [];
    const counting = createCaller(
      createContext({ db: db.db, session: null, headers: new Headers({ "x-forwarded-for": "203.0.113.78" }), now, logger: silentLogger, rateLimiter: { consume: (policy) => (counted.push(policy), Promise.resolve()) } }),
    );
    await counting.search.providers({ placeId: "demo-place-london-southbank" });
    await counting.search.providers({ q: "London" });
    expect(counted).toEqual(["places:client"]);
  });

  it("refuses an unknown place and a place given with a point, naming placeId", async () => {
    const stranger = callerFor(db.db, anonymous, now);
    const unknown = await failure(stranger.search.providers({ placeId: "noSuchPlaceAnywhere" }));
    expect(unknown.data.appCode).toBe("VALIDATION");
    expect(unknown.data.fieldErrors).toHaveProperty("placeId");
    const both = await failure(stranger.search.providers({ placeId: "demo-place-london-kings-cross", near: { latitude: 51.5, longitude: -0.1 } }));
    expect(both.data.fieldErrors).toHaveProperty("placeId");
  });
});
