import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import NextAuth, { type NextAuthOptions } from "next-auth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CLIENT_ID, CLIENT_SECRET, consentAs, PROVIDER, startGoogleForTests, type GoogleHarness } from "../../../local-cloud/google/test-helpers";
import { accounts, users } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, TUESDAY_0900, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";
import { createAuthOptions, SIGN_IN_SCOPES } from "./create-auth-options";
import { createTokenCipher } from "./token-crypto";

/**
 * The real next-auth Google flow against the Google emulator: CSRF, sign-in redirect (state,
 * PKCE, nonce), the consent page, the callback (code exchange, RS256 id token against the JWKS),
 * then our adapter and events. Only the HTTP layer of Next.js is replaced by a plain request.
 */
const APP_URL = "http://localhost:3000";
const GUEST = "Gail.Guest@Example.test";
const RETURNING = "returning.patient@example.test";

let db: TestDatabase;
let google: GoogleHarness;
let world: BookingWorld;
let options: NextAuthOptions;
const writeKey = randomBytes(32).toString("base64");
const cipher = createTokenCipher({ writeKey });

beforeAll(async () => {
  vi.stubEnv("NEXTAUTH_URL", APP_URL);
  [db, google] = await Promise.all([
    createTestDatabase(),
    startGoogleForTests({
      accounts: [
        { email: PROVIDER, name: "Ada Lovelace" },
        { email: GUEST, name: "Gail Guest" },
        { email: RETURNING, name: "Rita Returning" },
      ],
    }),
  ]);
  world = await createBookingWorld(db.db);
  options = createAuthOptions({
    db: db.db,
    secret: randomBytes(32).toString("base64"),
    tokenKeys: { writeKey },
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

/** One request to /api/auth/[...nextauth], through next-auth's own handler, with a cookie jar. */
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

/** Starts a Google sign-in as a browser would; returns the authorization URL. */
async function startSignIn(jar: Map<string, string>): Promise<URL> {
  const csrf = await authRequest(jar, "GET", ["csrf"]);
  const { csrfToken } = csrf.body as { csrfToken: string };
  const started = await authRequest(jar, "POST", ["signin", "google"], {
    body: { csrfToken, callbackUrl: `${APP_URL}/my-bookings`, json: "true" },
  });
  return new URL((started.body as { url: string }).url);
}

/** The whole flow as the person with `email`; returns the signed-in user's id. */
async function signIn(email: string): Promise<string> {
  const jar = new Map<string, string>();
  const authorizationUrl = await startSignIn(jar);
  const back = await consentAs(google.running, authorizationUrl.toString(), email);
  const callback = await authRequest(jar, "GET", ["callback", "google"], { query: Object.fromEntries(back.searchParams) });
  expect(callback.status).toBe(302);
  expect(callback.headers.location).toBe(`${APP_URL}/my-bookings`);
  const session = await authRequest(jar, "GET", ["session"]);
  const user = (session.body as { user?: { id: string; email: string } }).user;
  expect(user?.email?.toLowerCase()).toBe(email.toLowerCase());
  return user!.id;
}

async function bookAsGuest(email: string, startsAt: Date) {
  const caller = callerFor(db.db, anonymous, () => MONDAY_0800);
  const hold = await caller.bookings.hold({ providerId: world.provider.id, serviceId: world.services.short.id, startsAt, mode: "IN_PERSON", locationId: world.location.id });
  const contact = { name: "Gail Guest", email, phone: "+447700900001" };
  await verifyGuestContact(caller, db.db, hold, contact);
  return caller.bookings.confirm({
    holdId: hold.holdId,
    holdToken: hold.holdToken,
    contact,
    consent: true,
    patientTimeZone: "Europe/London",
  });
}

describe("Google sign-in", () => {
  it("asks for openid email profile only, without forcing the consent screen or offline access", async () => {
    const url = await startSignIn(new Map());
    expect(url.origin).toBe(google.running.url);
    expect(url.searchParams.get("scope")).toBe(SIGN_IN_SCOPES);
    expect(url.searchParams.get("scope")!.split(" ").sort()).toEqual(["email", "openid", "profile"]);
    expect(url.searchParams.has("prompt")).toBe(false);
    expect(url.searchParams.has("access_type")).toBe(false);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
  });

  it("records the verified email of a new user, so guest bookings made earlier with it appear under My bookings", async () => {
    const guestBooking = await bookAsGuest(GUEST.toLowerCase(), TUESDAY_0900);

    const userId = await signIn(GUEST);

    const [user] = await db.db.select().from(users).where(eq(users.id, userId));
    expect(user?.emailVerified).toBeInstanceOf(Date);
    const mine = await callerFor(db.db, asUser({ id: userId }), () => MONDAY_0800).bookings.mine({ page: 1, pageSize: 10 });
    expect(mine.items.map((b) => b.id)).toEqual([guestBooking.id]);
  });

  it("verifies an existing unverified user with that address, and a later sign-in merges tokens sealed to the account row", async () => {
    const existing = await createUser(db.db, { email: RETURNING, emailVerified: null });

    expect(await signIn(RETURNING)).toBe(existing.id);
    const [verified] = await db.db.select().from(users).where(eq(users.id, existing.id));
    expect(verified?.emailVerified).toBeInstanceOf(Date);

    const [first] = await db.db.select().from(accounts).where(eq(accounts.userId, existing.id));
    expect(first?.scope).toBe(SIGN_IN_SCOPES);
    // Sign-in is online only: no refresh token is asked for or stored.
    expect(first?.refreshToken).toBeNull();
    const row = { provider: "google", providerAccountId: first!.providerAccountId };
    const firstAccess = cipher.decrypt(first!.accessToken!, { ...row, field: "access_token" });
    expect(firstAccess).toMatch(/^ya29\./);
    expect(() => cipher.decrypt(first!.accessToken!, { ...row, field: "id_token" })).toThrow();

    expect(await signIn(RETURNING)).toBe(existing.id);
    const [second] = await db.db.select().from(accounts).where(eq(accounts.userId, existing.id));
    const secondAccess = cipher.decrypt(second!.accessToken!, { ...row, field: "access_token" });
    expect(secondAccess).toMatch(/^ya29\./);
    expect(secondAccess).not.toBe(firstAccess);
    const [still] = await db.db.select().from(users).where(eq(users.id, existing.id));
    expect(still?.emailVerified?.getTime()).toBe(verified?.emailVerified?.getTime());
  });
});
