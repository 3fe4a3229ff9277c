import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTokenCipher } from "@/server/auth/token-crypto";
import { calendarConnections } from "@/server/db/schema";
import { createProvider } from "@/test/factories";
import { startCalendarTestbed, type CalendarTestbed } from "@/test/google-calendar";
import { sessionFor, asUser } from "@/test/trpc";
import { consentAs, PROVIDER } from "../../../../../local-cloud/google/test-helpers";
import { GET as callback } from "./callback/route";
import { GET as start } from "./start/route";

// The two route handlers as a browser meets them: redirects, the nonce cookie, and the
// emulator's consent page in between.

const state = vi.hoisted(() => {
  // The public origin the emulator's client has registered the callback for.
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  return {
    testbed: undefined as unknown as import("@/test/google-calendar").CalendarTestbed,
    session: null as import("next-auth").Session | null,
    cipher: undefined as unknown as import("@/server/auth/token-crypto").TokenCipher,
  };
});

vi.mock("server-only", () => ({}));
vi.mock("@/server/db", () => ({ getDatabase: () => state.testbed.db }));
vi.mock("@/server/auth/session", () => ({ getSession: () => Promise.resolve(state.session) }));
vi.mock("@/server/logger", async () => {
  const { silentLogger } = await import("@/test/request-context");
  return { getLogger: () => silentLogger };
});
vi.mock("@/features/calendar-sync/server/google-deps", () => ({ getCalendarGoogleDeps: () => Promise.resolve({ google: state.testbed.google, cipher: state.cipher }) }));

const APP = "http://localhost:3000";
let testbed: CalendarTestbed;

beforeAll(async () => {
  testbed = await startCalendarTestbed();
  state.testbed = testbed;
  state.cipher = createTokenCipher({ writeKey: randomBytes(32).toString("base64") });
});
afterAll(() => testbed?.close());

const get = (url: string, headers: Record<string, string> = {}) => new NextRequest(url, { headers });
const cookieOf = (response: Response) => response.headers.get("set-cookie") ?? "";
const nonceOf = (response: Response) => /mb_calendar_connect=([^;]*)/.exec(cookieOf(response))?.[1] ?? "";

async function signedInProvider() {
  const p = await createProvider(testbed.db.db, { user: { email: `dr-${randomBytes(4).toString("hex")}@example.test` } });
  state.session = sessionFor(asUser({ id: p.user.id, email: p.user.email }));
  return p;
}
const connectionsOf = (providerId: string) => testbed.db.db.select().from(calendarConnections).where(eq(calendarConnections.providerId, providerId));

describe("the connect routes", () => {
  it("start sends the provider to Google's consent page with an httpOnly nonce cookie; the callback stores the connection and lands on the calendar page", async () => {
    const p = await signedInProvider();
    const started = await start(get(`${APP}/api/calendar-connections/google/start`, { "sec-fetch-site": "same-origin" }));
    expect(started.status).toBe(303);
    const location = started.headers.get("location")!;
    expect(location.startsWith(`${testbed.h.running.url}/o/oauth2/v2/auth?`)).toBe(true);
    expect(cookieOf(started)).toMatch(/mb_calendar_connect=[\w-]{43}; Path=\/api\/calendar-connections\/google; Expires=[^;]+; HttpOnly; SameSite=lax/i);
    expect(started.headers.get("cache-control")).toBe("no-store");

    const back = await consentAs(testbed.h.running, location, PROVIDER);
    expect(`${back.origin}${back.pathname}`).toBe(`${APP}/api/calendar-connections/google/callback`);
    const done = await callback(get(back.toString(), { cookie: `mb_calendar_connect=${nonceOf(started)}` }));
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${APP}/provider/calendar-sync?connect=connected`);
    expect(cookieOf(done)).toMatch(/mb_calendar_connect=; Path=\/api\/calendar-connections\/google; (Expires=[^;]+; )?Max-Age=0/i);
    expect(await connectionsOf(p.provider.id)).toHaveLength(1);
  });

  it("a callback without the browser's cookie stores nothing and says the attempt could not be verified", async () => {
    const p = await signedInProvider();
    const started = await start(get(`${APP}/api/calendar-connections/google/start`));
    const back = await consentAs(testbed.h.running, started.headers.get("location")!, PROVIDER);
    const done = await callback(get(back.toString()));
    expect(done.headers.get("location")).toBe(`${APP}/provider/calendar-sync?connect=invalid-request`);
    expect(await connectionsOf(p.provider.id)).toEqual([]);
  });

  it("a start from another site goes to the calendar page, and a visitor is asked to sign in, without a cookie", async () => {
    await signedInProvider();
    const crossSite = await start(get(`${APP}/api/calendar-connections/google/start`, { "sec-fetch-site": "cross-site" }));
    expect(crossSite.headers.get("location")).toBe(`${APP}/provider/calendar-sync`);
    expect(cookieOf(crossSite)).toBe("");
    state.session = null;
    const visitor = await start(get(`${APP}/api/calendar-connections/google/start`));
    expect(visitor.headers.get("location")).toBe(`${APP}/sign-in?callbackUrl=%2Fprovider%2Fcalendar-sync`);
    expect(cookieOf(visitor)).toBe("");
  });
});
