import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { createDatabase, type DatabaseHandle } from "@/server/db/client";
import type { Logger } from "@/server/logger/logger";
import { createPostgresRateLimiter, type RateLimiter } from "@/server/rate-limit/rate-limiter";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { capturingLogger, silentLogger, unlimitedRateLimiter } from "@/test/request-context";
import { sessionFor, asUser } from "@/test/trpc";
import { createContext } from "./context";
import { handleTRPCRequest } from "./http-handler";

let db: TestDatabase;
let patientId: string;
/** A pool aimed at a port nothing listens on: the database is "down". */
let downDatabase: DatabaseHandle;

beforeAll(async () => {
  db = await createTestDatabase();
  patientId = (await createUser(db.db)).id;
  downDatabase = createDatabase("postgresql://nobody:nothing@127.0.0.1:9/medbookings", {
    max: 2,
    timeouts: { connectionTimeoutMillis: 2_000 },
  });
});
afterAll(async () => {
  await downDatabase.close();
  await db.drop();
});

interface CallOptions {
  session?: ReturnType<typeof sessionFor>;
  method?: "GET" | "POST";
  contentType?: string | null;
  headers?: Record<string, string>;
  rateLimiter?: RateLimiter;
  logger?: Logger;
  database?: DatabaseHandle["db"];
  batch?: Array<{ path: string; input: unknown }>;
}

type ErrorBody = { message: string; data: Record<string, unknown> };

/** Serves one request through the app's tRPC handler, as the route does. */
async function request(path: string, input: unknown, options: CallOptions = {}) {
  const method = options.method ?? "GET";
  const calls = options.batch ?? [{ path, input }];
  const isBatch = options.batch !== undefined;
  const encoded = isBatch
    ? Object.fromEntries(calls.map((call, index) => [index, superjson.serialize(call.input)]))
    : superjson.serialize(input);
  const urlPath = calls.map((call) => call.path).join(",");
  const query = new URLSearchParams(isBatch ? { batch: "1" } : {});
  if (method === "GET") query.set("input", JSON.stringify(encoded));
  const headers = new Headers(options.headers);
  if (method === "POST" && options.contentType !== null) headers.set("content-type", options.contentType ?? "application/json");
  const req = new Request(`http://localhost/api/trpc/${urlPath}?${query}`, {
    method,
    headers,
    body: method === "POST" ? JSON.stringify(encoded) : undefined,
  });
  const logger = options.logger ?? silentLogger;
  const response = await handleTRPCRequest({
    req,
    router: appRouter,
    logger,
    createContext: async () =>
      createContext({
        db: options.database ?? db.db,
        session: options.session ?? null,
        headers: req.headers,
        rateLimiter: options.rateLimiter ?? unlimitedRateLimiter,
        logger,
      }),
  });
  const raw = (await response.json()) as unknown;
  const unwrap = (entry: { error?: never; result?: { data: never } }) => ({
    // The superjson transformer wraps both results and errors.
    error: entry.error ? (superjson.deserialize(entry.error) as ErrorBody) : undefined,
    result: entry.result ? superjson.deserialize(entry.result.data) : undefined,
  });
  const entries = (Array.isArray(raw) ? raw : [raw]) as Array<{ error?: never; result?: { data: never } }>;
  return { status: response.status, headers: response.headers, body: unwrap(entries[0]!), all: entries.map(unwrap) };
}

describe("error responses over HTTP", () => {
  it("names the invalid field with a human message and appCode VALIDATION", async () => {
    const { status, body } = await request("providers.list", { page: 0, language: "english" });
    expect(status).toBe(400);
    expect(body.error?.data).toMatchObject({ appCode: "VALIDATION", code: "BAD_REQUEST", httpStatus: 400 });
    const fieldErrors = body.error?.data.fieldErrors as Record<string, string[]>;
    expect(fieldErrors.page).toEqual(["page must be 1 or more"]);
    expect(fieldErrors.language?.[0]).toMatch(/language must be a 2 or 3 letter language code/);
    expect(body.error?.message).toMatch(/^Please check /);
  });

  it("answers 401 with appCode UNAUTHORIZED for a visitor on a protected procedure", async () => {
    const { status, body } = await request("admin.overview", undefined);
    expect(status).toBe(401);
    expect(body.error?.data).toMatchObject({ appCode: "UNAUTHORIZED" });
  });

  it("answers 403 FORBIDDEN to a signed-in non-admin", async () => {
    const { status, body } = await request("admin.overview", undefined, { session: sessionFor(asUser({ id: patientId })) });
    expect(status).toBe(403);
    expect(body.error?.data).toMatchObject({ appCode: "FORBIDDEN", fieldErrors: null });
  });

  it("reports database reachability and migration state from health", async () => {
    const { status, body } = await request("health", undefined);
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ status: "ok", database: { reachable: true }, migrations: { pending: 0 } });
  });
});

describe("requests that are the caller's fault", () => {
  const holdInput = { token: "x".repeat(43) };

  it("labels a GET on a mutation 405 VALIDATION, not retryable, saying which method to use", async () => {
    const { status, body } = await request("bookings.cancelManaged", holdInput, { method: "GET" });
    expect(status).toBe(405);
    expect(body.error?.data).toMatchObject({ code: "METHOD_NOT_SUPPORTED", appCode: "VALIDATION", retryable: false });
    expect(body.error?.message).toMatch(/HTTP method.*POST/);
    expect(body.error?.message).not.toMatch(/on our side/);
  });

  it("labels a wrong content type 415 VALIDATION, not retryable, asking for JSON", async () => {
    const { status, body } = await request("bookings.cancelManaged", holdInput, { method: "POST", contentType: "text/plain" });
    expect(status).toBe(415);
    expect(body.error?.data).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", appCode: "VALIDATION", retryable: false });
    expect(body.error?.message).toMatch(/application\/json/);
  });

  it("labels an unknown procedure 404 NOT_FOUND, not retryable", async () => {
    const { status, body } = await request("bookings.nothingHere", undefined);
    expect(status).toBe(404);
    expect(body.error?.data).toMatchObject({ appCode: "NOT_FOUND", retryable: false });
  });

  it("refuses a batch of more than 10 calls with a 400 that states the limit, and serves 10", async () => {
    const call = { path: "providers.list", input: {} };
    const tooMany = await request("", undefined, { batch: Array(11).fill(call) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.data).toMatchObject({ appCode: "VALIDATION", retryable: false });
    expect(tooMany.body.error?.message).toMatch(/at most 10 calls/);

    const allowed = await request("", undefined, { batch: Array(10).fill(call) });
    expect(allowed.status).toBe(200);
    expect(allowed.all).toHaveLength(10);
    expect(allowed.all.every((entry) => entry.result !== undefined)).toBe(true);
  });
});

describe("rate limits over HTTP", () => {
  it("answers 429 RATE_LIMITED with Retry-After, a message for people and retryAfterSeconds", async () => {
    const rateLimiter = createPostgresRateLimiter({
      pool: db.pool,
      policies: { "manage:client": { points: 2, durationSeconds: 120 } },
    });
    const client = { "x-forwarded-for": "198.51.100.20" };
    const token = { token: "A".repeat(43) };
    for (let i = 0; i < 2; i++) {
      const { status } = await request("bookings.managed", token, { rateLimiter, headers: client });
      expect(status).toBe(404);
    }
    const { status, headers, body } = await request("bookings.managed", token, { rateLimiter, headers: client });
    expect(status).toBe(429);
    const retryAfter = Number(headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(100);
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect(body.error?.message).toBe(`Too many attempts. Please wait ${retryAfter} seconds and try again.`);
    expect(body.error?.data).toMatchObject({
      appCode: "RATE_LIMITED",
      code: "TOO_MANY_REQUESTS",
      retryable: true,
      details: { retryAfterSeconds: retryAfter },
    });

    // Another client is counted on its own.
    const other = await request("bookings.managed", token, { rateLimiter, headers: { "x-forwarded-for": "198.51.100.21" } });
    expect(other.status).toBe(404);
  });
});

describe("a database outage", () => {
  it("answers 503 UNAVAILABLE, retryable, with a message for people, for reads and writes", async () => {
    const reads = await request("providers.list", {}, { database: downDatabase.db });
    const writes = await request(
      "bookings.hold",
      { providerId: randomUUID(), serviceId: randomUUID(), startsAt: new Date("2027-03-01T09:00:00Z"), mode: "ONLINE", locationId: null },
      { database: downDatabase.db, method: "POST" },
    );
    for (const { status, body } of [reads, writes]) {
      expect(status).toBe(503);
      expect(body.error?.message).toBe("MedBookings is temporarily unavailable. Please try again in a moment.");
      expect(body.error?.data).toMatchObject({ appCode: "UNAVAILABLE", code: "SERVICE_UNAVAILABLE", retryable: true });
    }
  });

  it("answers 503 when the rate limiter's store is down too", async () => {
    const rateLimiter = createPostgresRateLimiter({ pool: downDatabase.pool });
    const { status, body } = await request("bookings.managed", { token: "B".repeat(43) }, { database: downDatabase.db, rateLimiter });
    expect(status).toBe(503);
    expect(body.error?.data).toMatchObject({ appCode: "UNAVAILABLE", retryable: true });
  });

  it("reports health as down without any error text", async () => {
    const { status, body } = await request("health", undefined, { database: downDatabase.db });
    expect(status).toBe(200);
    expect(body.result).toEqual({ status: "down", database: { reachable: false, latencyMs: null }, migrations: null });
    expect(JSON.stringify(body.result)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|nobody/);
  });
});

describe("request logs", () => {
  it("logs each call with the request id, path, duration and outcome, and refusals before any procedure", async () => {
    const capture = capturingLogger();
    await request("providers.list", {}, { logger: capture.logger, headers: { "x-request-id": "req-123" } });
    await request("bookings.cancelManaged", { token: "C".repeat(43) }, { logger: capture.logger, method: "GET" });
    await request("bookings.cancelManaged", {}, { logger: capture.logger, method: "POST", contentType: "text/plain", headers: { "x-request-id": "req-415" } });
    const lines = capture.lines();
    expect(lines[0]).toMatchObject({ requestId: "req-123", path: "providers.list", type: "query", outcome: "ok", level: 30 });
    expect(typeof lines[0]!.durationMs).toBe("number");
    expect(lines[1]).toMatchObject({ path: "bookings.cancelManaged", method: "GET", outcome: "VALIDATION", trpcCode: "METHOD_NOT_SUPPORTED" });
    expect(typeof lines[1]!.requestId).toBe("string");
    expect(lines[2]).toMatchObject({ requestId: "req-415", method: "POST", outcome: "VALIDATION", trpcCode: "UNSUPPORTED_MEDIA_TYPE" });
    expect(lines).toHaveLength(3);
  });

  it("logs an unknown procedure path as unknown, never the caller's text", async () => {
    const capture = capturingLogger();
    const { status } = await request("Fuzzy Patientname fuzz.patient@example.com", undefined, { logger: capture.logger });
    expect(status).toBe(404);
    await request("constructor", undefined, { logger: capture.logger });
    const lines = capture.lines();
    expect(lines.map((line) => line.path)).toEqual(["(unknown procedure)", "(unknown procedure)"]);
    expect(JSON.stringify(lines)).not.toMatch(/Patientname|fuzz\.patient/);
  });
});
