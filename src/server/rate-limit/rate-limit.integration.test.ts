import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { createCaller } from "@/server/api/root";
import { createDatabase, type DatabaseHandle } from "@/server/db/client";
import { createContext } from "@/server/trpc";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { silentLogger } from "@/test/request-context";
import { sessionFor, type TestActor, anonymous } from "@/test/trpc";
import { refuseIfRateLimited } from "./limit-request";
import type { RateLimitPolicy, RateLimitPolicyName } from "./policies";
import { createPostgresRateLimiter, type RateLimiter } from "./rate-limiter";

let db: TestDatabase;
/** A second pool on the same database: another app instance. */
let otherInstance: DatabaseHandle;

beforeAll(async () => {
  db = await createTestDatabase();
  otherInstance = createDatabase(db.url, { max: 2 });
});
afterAll(async () => {
  await otherInstance.close();
  await db.drop();
});

const tight: Partial<Record<RateLimitPolicyName, RateLimitPolicy>> = {
  "hold:client": { points: 3, durationSeconds: 60 },
  "release:client": { points: 2, durationSeconds: 60 },
  "confirm:client": { points: 50, durationSeconds: 60 },
  "confirm:email": { points: 2, durationSeconds: 60 },
  "confirm:phone": { points: 2, durationSeconds: 60 },
  "manage:client": { points: 2, durationSeconds: 60 },
};

function caller(rateLimiter: RateLimiter, ip: string, actor: TestActor = anonymous) {
  return createCaller(
    createContext({
      db: db.db,
      session: sessionFor(actor),
      headers: new Headers({ "x-forwarded-for": ip }),
      rateLimiter,
      logger: silentLogger,
    }),
  );
}

/** The app code a call ends with ("ok" when it succeeds). */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "ok";
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof AppError ? cause.code : String((error as { code?: unknown }).code);
  }
}

const holdInput = () => ({
  providerId: randomUUID(),
  serviceId: randomUUID(),
  startsAt: new Date("2027-03-01T09:00:00Z"),
  mode: "ONLINE" as const,
  locationId: null,
});
const token = (char: string) => char.repeat(43);
const confirmInput = (contact: { name: string; email: string; phone: string }) => ({
  holdId: randomUUID(),
  holdToken: token("h"),
  contact,
  consent: true as const,
  patientTimeZone: "Europe/London",
});

describe("rate limits in the shared PostgreSQL store", () => {
  it("refuses a client's fourth hold with RATE_LIMITED, a message for people and the wait, and lets another client through", async () => {
    const limiter = createPostgresRateLimiter({ pool: db.pool, policies: tight });
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await outcome(caller(limiter, "198.51.100.1").bookings.hold(holdInput())));
    expect(outcomes.slice(0, 3)).not.toContain("RATE_LIMITED");
    expect(outcomes[3]).toBe("RATE_LIMITED");

    const refused = await caller(limiter, "198.51.100.1")
      .bookings.hold(holdInput())
      .catch((error: { cause: AppError }) => error.cause);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toMatch(/^Too many attempts\. Please wait \d+ seconds and try again\.$/);
    expect((refused as AppError).details).toMatchObject({ retryable: true, retryAfterSeconds: expect.any(Number) });
    expect(((refused as AppError).details?.retryAfterSeconds as number) <= 60).toBe(true);

    expect(await outcome(caller(limiter, "198.51.100.2").bookings.hold(holdInput()))).not.toBe("RATE_LIMITED");
  });

  it("counts spoofed x-forwarded-for prefixes as the same client", async () => {
    const limiter = createPostgresRateLimiter({ pool: db.pool, policies: tight });
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await outcome(caller(limiter, `10.9.9.${i}, 198.51.100.3`).bookings.hold(holdInput())));
    }
    expect(outcomes[3]).toBe("RATE_LIMITED");
  });

  it("shares counts between app instances (two pools, one table)", async () => {
    const first = createPostgresRateLimiter({ pool: db.pool, policies: tight });
    const second = createPostgresRateLimiter({ pool: otherInstance.pool, policies: tight });
    expect(await outcome(caller(first, "198.51.100.4").bookings.releaseHold({ holdId: randomUUID(), holdToken: token("r") }))).not.toBe("RATE_LIMITED");
    expect(await outcome(caller(second, "198.51.100.4").bookings.releaseHold({ holdId: randomUUID(), holdToken: token("r") }))).not.toBe("RATE_LIMITED");
    expect(await outcome(caller(first, "198.51.100.4").bookings.releaseHold({ holdId: randomUUID(), holdToken: token("r") }))).toBe("RATE_LIMITED");
    expect(await outcome(caller(second, "198.51.100.4").bookings.releaseHold({ holdId: randomUUID(), holdToken: token("r") }))).toBe("RATE_LIMITED");
  });

  it("limits bookings per contact email (any casing) and per phone, from any address", async () => {
    const limiter = createPostgresRateLimiter({ pool: db.pool, policies: tight });
    const contact = (email: string, phone: string) => ({ name: "Sam Patient", email, phone });
    const byEmail = [
      await outcome(caller(limiter, "198.51.100.10").bookings.confirm(confirmInput(contact("Sam@Example.test", "+447700900101")))),
      await outcome(caller(limiter, "198.51.100.11").bookings.confirm(confirmInput(contact("sam@example.TEST", "+447700900102")))),
      await outcome(caller(limiter, "198.51.100.12").bookings.confirm(confirmInput(contact("sam@example.test", "+447700900103")))),
    ];
    expect(byEmail.slice(0, 2)).not.toContain("RATE_LIMITED");
    expect(byEmail[2]).toBe("RATE_LIMITED");

    const byPhone = [
      await outcome(caller(limiter, "198.51.100.13").bookings.confirm(confirmInput(contact("a@example.test", "+447700900200")))),
      await outcome(caller(limiter, "198.51.100.14").bookings.confirm(confirmInput(contact("b@example.test", "+447700900200")))),
      await outcome(caller(limiter, "198.51.100.15").bookings.confirm(confirmInput(contact("c@example.test", "+447700900200")))),
    ];
    expect(byPhone.slice(0, 2)).not.toContain("RATE_LIMITED");
    expect(byPhone[2]).toBe("RATE_LIMITED");
  });

  it("limits manage-link guesses per client across view, cancel and reschedule", async () => {
    const limiter = createPostgresRateLimiter({ pool: db.pool, policies: tight });
    const guesser = caller(limiter, "198.51.100.20");
    expect(await outcome(guesser.bookings.managed({ token: token("a") }))).toBe("NOT_FOUND");
    expect(await outcome(guesser.bookings.cancelManaged({ token: token("b") }))).toBe("NOT_FOUND");
    expect(
      await outcome(
        guesser.bookings.rescheduleManaged({ token: token("c"), startsAt: new Date("2027-03-01T10:00:00Z"), mode: "ONLINE", locationId: null }),
      ),
    ).toBe("RATE_LIMITED");
    expect(await outcome(guesser.bookings.managed({ token: token("d") }))).toBe("RATE_LIMITED");
  });

  it("keeps no address or contact detail in the store", async () => {
    const { rows } = await db.pool.query<{ key: string }>("SELECT key FROM rate_limits");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => /198\.51|example|\+44/i.test(row.key))).toBe(false);
  });
});

describe("sign-in route limit", () => {
  it("answers the third sign-in step of a client 429 with Retry-After: JSON to scripts, text to browsers", async () => {
    const limiter = createPostgresRateLimiter({ pool: db.pool, policies: { "sign-in:client": { points: 2, durationSeconds: 60 } } });
    const post = () =>
      new Request("http://localhost/api/auth/signin/google", { method: "POST", headers: { "x-forwarded-for": "198.51.100.30" } });
    const options = { policy: "sign-in:client" as const, rateLimiter: limiter, trustedProxyHops: 1 };
    expect(await refuseIfRateLimited({ ...options, req: post() })).toBeNull();
    expect(await refuseIfRateLimited({ ...options, req: post() })).toBeNull();
    const refused = await refuseIfRateLimited({ ...options, req: post() });
    expect(refused?.status).toBe(429);
    const wait = Number(refused?.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(await refused?.json()).toEqual({
      error: {
        message: `Too many attempts. Please wait ${wait} seconds and try again.`,
        data: { appCode: "RATE_LIMITED", retryable: true, retryAfterSeconds: wait },
      },
    });

    const callback = new Request("http://localhost/api/auth/callback/google?code=x", { headers: { "x-forwarded-for": "198.51.100.30" } });
    const page = await refuseIfRateLimited({ ...options, req: callback });
    expect(page?.status).toBe(429);
    expect(page?.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await page?.text()).toMatch(/^Too many attempts/);

    const someoneElse = new Request("http://localhost/api/auth/signin/google", { method: "POST", headers: { "x-forwarded-for": "198.51.100.31" } });
    expect(await refuseIfRateLimited({ ...options, req: someoneElse })).toBeNull();
  });
});
