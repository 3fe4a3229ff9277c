import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import NextAuth, { type NextAuthOptions } from "next-auth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CLIENT_ID, CLIENT_SECRET, consentAs, PROVIDER, startGoogleForTests, type GoogleHarness } from "../../../../local-cloud/google/test-helpers";
import { createAuthOptions } from "@/server/auth/create-auth-options";
import { accounts, sessions, users } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";

/**
 * After erasure, the same Google account signs in to a new, empty account: the erased row's
 * address no longer matches and its Google link is gone, so next-auth's adapter neither finds it
 * by account nor by email. Driven through next-auth's real handler and the Google emulator.
 */
const APP_URL = "http://localhost:3000";
const EMAIL = "erin.erased@example.test";
const LATER = new Date("2027-04-01T08:00:00Z");

let db: TestDatabase;
let google: GoogleHarness;
let world: BookingWorld;
let options: NextAuthOptions;

beforeAll(async () => {
  vi.stubEnv("NEXTAUTH_URL", APP_URL);
  [db, google] = await Promise.all([createTestDatabase(), startGoogleForTests({ accounts: [{ email: PROVIDER, name: "Ada Lovelace" }, { email: EMAIL, name: "Erin Erased" }] })]);
  world = await createBookingWorld(db.db);
  options = createAuthOptions({
    db: db.db,
    secret: randomBytes(32).toString("base64"),
    tokenKeys: { writeKey: randomBytes(32).toString("base64") },
    google: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, issuerUrl: google.running.url },
  });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([db?.drop(), google?.close()]);
});

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: unknown;
}

/** One request to /api/auth/[...nextauth] through next-auth's own handler, with a cookie jar. */
async function authRequest(jar: Map<string, string>, method: "GET" | "POST", path: string[], input: { query?: Record<string, string>; body?: Record<string, string> } = {}): Promise<Answer> {
  const answer: Answer = { status: 200, headers: {}, body: undefined };
  const req = {
    method,
    query: { nextauth: path, ...input.query },
    body: input.body ?? {},
    cookies: Object.fromEntries(jar),
    headers: { host: "localhost:3000", ...(method === "POST" && { "content-type": "application/x-www-form-urlencoded" }) },
  };
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    setHeader(name: string, value: string | string[]) {
      answer.headers[name.toLowerCase()] = value;
      return res;
    },
    getHeader: (name: string) => answer.headers[name.toLowerCase()],
    end: () => res,
    send(body: unknown) {
      answer.body = body;
      return res;
    },
    json(body: unknown) {
      answer.body = body;
      return res;
    },
  };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: NextAuthOptions) => Promise<unknown>)(req, res, options);
  const setCookies = answer.headers["set-cookie"] ?? [];
  for (const cookie of Array.isArray(setCookies) ? setCookies : [setCookies]) {
    const [pair] = cookie.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), decodeURIComponent(pair!.slice(at + 1)));
  }
  return answer;
}

async function sessionUser(jar: Map<string, string>): Promise<{ id: string; email: string } | undefined> {
  return ((await authRequest(jar, "GET", ["session"])).body as { user?: { id: string; email: string } }).user;
}

/** The whole Google flow; returns the jar holding the session cookie and the signed-in user's id. */
async function signIn(): Promise<{ jar: Map<string, string>; userId: string }> {
  const jar = new Map<string, string>();
  const { csrfToken } = (await authRequest(jar, "GET", ["csrf"])).body as { csrfToken: string };
  const started = await authRequest(jar, "POST", ["signin", "google"], { body: { csrfToken, callbackUrl: `${APP_URL}/my-bookings`, json: "true" } });
  const back = await consentAs(google.running, (started.body as { url: string }).url, EMAIL);
  const callback = await authRequest(jar, "GET", ["callback", "google"], { query: Object.fromEntries(back.searchParams) });
  expect(callback.status).toBe(302);
  const user = await sessionUser(jar);
  expect(user?.email).toBe(EMAIL);
  return { jar, userId: user!.id };
}

describe("signing in again after erasure", () => {
  it("creates a new, empty account instead of reviving the erased one, whose sessions are gone", async () => {
    // A guest booking with the address, which the account then sees under My bookings.
    const guest = callerFor(db.db, anonymous, () => MONDAY_0800);
    const hold = await guest.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt: TUESDAY_0900, mode: "IN_PERSON", locationId: world.location.id });
    const contact = { name: "Erin Erased", email: EMAIL, phone: "+447700900601" };
    await verifyGuestContact(guest, db.db, hold, contact);
    const booking = await guest.bookings.confirm({ ...hold, contact, consent: true, patientTimeZone: "Europe/London" });

    const first = await signIn();
    const firstCaller = callerFor(db.db, asUser({ id: first.userId }), () => LATER);
    expect((await firstCaller.bookings.mine({ page: 1, pageSize: 10 })).items.map((b) => b.id)).toEqual([booking.id]);
    const [googleLink] = await db.db.select().from(accounts).where(eq(accounts.userId, first.userId));
    expect(googleLink?.provider).toBe("google");

    await firstCaller.privacy.erase({ confirmation: "ERASE" });
    expect(await sessionUser(first.jar)).toBeUndefined();
    expect(await db.db.select().from(sessions).where(eq(sessions.userId, first.userId))).toEqual([]);

    const second = await signIn();
    expect(second.userId).not.toBe(first.userId);
    const [erased] = await db.db.select().from(users).where(eq(users.id, first.userId));
    expect(erased).toMatchObject({ name: null, email: `erased-${first.userId}@erased.invalid`, erasedAt: LATER });
    const [fresh] = await db.db.select().from(users).where(eq(users.id, second.userId));
    expect(fresh).toMatchObject({ email: EMAIL, name: "Erin Erased", erasedAt: null, emailVerified: expect.any(Date) });
    expect(await db.db.select({ userId: accounts.userId }).from(accounts).where(eq(accounts.providerAccountId, googleLink!.providerAccountId))).toEqual([{ userId: second.userId }]);

    // The new account starts empty: the erased guest booking no longer carries the address.
    const secondCaller = callerFor(db.db, asUser({ id: second.userId }), () => LATER);
    expect((await secondCaller.bookings.mine({ page: 1, pageSize: 10 })).items).toEqual([]);
    expect((await secondCaller.privacy.consents()).records).toEqual([]);
  });
});
