import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import type { Session } from "next-auth";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { patientCardLink } from "@/features/communications/server/contact-cards/patient-card-link";
import { bookings, storedContactCards } from "@/server/db/schema";
import { createBlobClient } from "@/server/integrations/blob/client";
import { createPostgresRateLimiter, type RateLimiter } from "@/server/rate-limit/rate-limiter";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createProvider, createUser } from "@/test/factories";
import { unlimitedRateLimiter } from "@/test/request-context";
import { sessionFor, asUser } from "@/test/trpc";
import { createBlobEmulator, type BlobEmulator } from "../../../../../local-cloud/blob";
import { serve, type RunningEmulator } from "../../../../../local-cloud/lib/http";
import { GET } from "./route";

const PRIVATE_TOKEN = "vercel_blob_rw_privcards_s3cret";

const state = vi.hoisted(() => {
  process.env.NEXTAUTH_URL = "https://medbookings.example";
  // The route reads the app's default private store from env, as in production.
  process.env.BLOB_READ_WRITE_TOKEN = "vercel_blob_rw_privcards_s3cret";
  return {
    db: undefined as unknown as import("@/test/db").TestDatabase,
    session: null as import("next-auth").Session | null,
    rateLimiter: undefined as unknown as import("@/server/rate-limit/rate-limiter").RateLimiter,
  };
});

vi.mock("server-only", () => ({}));
vi.mock("@/server/db", () => ({ getDatabase: () => state.db }));
vi.mock("@/server/auth/session", () => ({ getSession: () => Promise.resolve(state.session) }));
vi.mock("@/server/rate-limit/app-rate-limiter", () => ({ getRateLimiter: () => state.rateLimiter, trustedProxyHops: () => 1 }));

const DAY = 24 * 60 * 60_000;
const NOT_FOUND_BODY = "We could not find this contact card.\n";

let db: TestDatabase;
let emulator: RunningEmulator<BlobEmulator>;
let world: Awaited<ReturnType<typeof createWorld>>;
let clientCounter = 0;

async function createWorld() {
  const mine = await createProvider(db.db, { provider: { displayName: "Dr Route" }, services: [{ name: "Consultation" }] });
  const other = await createProvider(db.db, { services: [{ name: "Other" }] });
  const admin = await createUser(db.db, { role: "ADMIN" });
  const stranger = await createUser(db.db);
  return { mine, other, admin, stranger };
}

let slot = 0;
async function insertBooking(values: Partial<typeof bookings.$inferInsert> = {}) {
  slot += 1;
  const startsAt = new Date(Date.now() + 2 * DAY + slot * 60 * 60_000);
  const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
  const [row] = await db.db
    .insert(bookings)
    .values({
      providerId: world.mine.provider.id,
      serviceId: world.mine.services[0]!.id,
      mode: "ONLINE",
      status: "CONFIRMED",
      guestName: "Nomsa Route-Patient",
      guestEmail: "nomsa@example.test",
      guestPhone: "+27825550123",
      startsAt,
      endsAt,
      blockedStartsAt: startsAt,
      blockedEndsAt: endsAt,
      ...values,
    })
    .returning();
  return row!;
}

function as(user: { id: string; role?: "USER" | "ADMIN" } | null): Session | null {
  return user === null ? null : sessionFor(asUser({ id: user.id, role: user.role ?? "USER" }));
}

/** GET the link as the route receives it, from a client address of its own unless given. */
async function download(link: string, session: Session | null, ip?: string) {
  state.session = session;
  clientCounter += 1;
  const url = new URL(link);
  const bookingId = decodeURIComponent(url.pathname.split("/").pop()!);
  const request = new NextRequest(link, { headers: { "x-forwarded-for": ip ?? `198.51.100.${clientCounter % 250}` } });
  return GET(request, { params: Promise.resolve({ bookingId }) });
}

function blobs() {
  return emulator.emulator.snapshot().stores.find((store) => store.storeId === "privcards")?.blobs ?? [];
}

beforeAll(async () => {
  db = await createTestDatabase();
  state.db = db;
  world = await createWorld();
});
afterAll(() => db.drop());

beforeEach(async () => {
  state.rateLimiter = unlimitedRateLimiter;
  emulator = await serve(
    createBlobEmulator({
      stores: [
        { storeId: "privcards", token: PRIVATE_TOKEN, access: "private" },
        { storeId: "pubcards", token: "vercel_blob_rw_pubcards_s3cret", access: "public" },
      ],
    }),
  );
  vi.stubEnv("VERCEL_BLOB_API_URL", emulator.emulator.apiUrl);
  vi.stubEnv("VERCEL_BLOB_RETRIES", "0");
  // Each test has a fresh Blob store, so no row may point into an earlier one.
  await db.db.delete(storedContactCards);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await emulator.close();
});

describe("GET /api/contact-cards/[bookingId]", () => {
  it("gives the booking's provider the patient's card as a private vCard download, kept in the private store", async () => {
    const booking = await insertBooking();

    const response = await download(patientCardLink({ bookingId: booking.id, now: new Date() }), as(world.mine.user));

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/vcard; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="medbookings-patient-${booking.id.slice(0, 8)}.vcf"`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const card = new ICAL.Component(ICAL.parse(await response.text()) as unknown[]);
    expect(card.getFirstPropertyValue("fn")).toBe("Nomsa Route-Patient");
    expect(card.getAllProperties("email").map((p) => p.getFirstValue())).toEqual(["nomsa@example.test"]);
    expect(card.getAllProperties("tel").map((p) => p.getFirstValue())).toEqual(["+27825550123"]);

    const stored = blobs();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.pathname).toContain(booking.id);
    // The store's own URL is useless without its token.
    expect((await fetch(stored[0]!.url)).status).toBe(403);
  });

  it("serves a platform admin too", async () => {
    const booking = await insertBooking();
    const response = await download(patientCardLink({ bookingId: booking.id, now: new Date() }), as({ id: world.admin.id, role: "ADMIN" }));
    expect(response.status).toBe(200);
  });

  it("asks a visitor without a session to sign in, without saying anything of the booking", async () => {
    const booking = await insertBooking();
    const response = await download(patientCardLink({ bookingId: booking.id, now: new Date() }), null);

    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = await response.text();
    expect(body).toBe("Sign in as the booking's provider to download this contact card.\n");
    expect(blobs()).toEqual([]);
  });

  it("answers another provider, a stranger, an unknown booking and a cancelled one alike with 404", async () => {
    const booking = await insertBooking();
    const cancelled = await insertBooking({ status: "CANCELLED", cancelledAt: new Date() });
    const unknown = "7a1e2d3c-4b5a-4968-8776-655443322110";
    const old = await insertBooking({
      startsAt: new Date(Date.now() - 31 * DAY),
      endsAt: new Date(Date.now() - 31 * DAY + 30 * 60_000),
      blockedStartsAt: new Date(Date.now() - 31 * DAY),
      blockedEndsAt: new Date(Date.now() - 31 * DAY + 30 * 60_000),
      status: "COMPLETED",
    });

    const answers = [
      await download(patientCardLink({ bookingId: booking.id, now: new Date() }), as(world.other.user)),
      await download(patientCardLink({ bookingId: booking.id, now: new Date() }), as(world.stranger)),
      await download(patientCardLink({ bookingId: unknown, now: new Date() }), as(world.mine.user)),
      await download(patientCardLink({ bookingId: cancelled.id, now: new Date() }), as(world.mine.user)),
      await download(patientCardLink({ bookingId: old.id, now: new Date() }), as(world.mine.user)),
    ];

    for (const response of answers) {
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(NOT_FOUND_BODY);
    }
    expect(blobs()).toEqual([]);
  });

  it("refuses a tampered, expired, borrowed or incomplete link with 403 before looking at the booking", async () => {
    const booking = await insertBooking();
    const other = await insertBooking();
    const valid = new URL(patientCardLink({ bookingId: booking.id, now: new Date() }));
    const tampered = new URL(valid);
    tampered.searchParams.set("expires", String(Number(valid.searchParams.get("expires")) + 3600));
    const expired = patientCardLink({ bookingId: booking.id, now: new Date(Date.now() - 16 * 60_000) });
    const borrowed = new URL(valid);
    borrowed.pathname = `/api/contact-cards/${other.id}`;
    const incomplete = new URL(valid);
    incomplete.searchParams.delete("sig");

    const expectations: [string, string][] = [
      [tampered.toString(), "This contact card link is not valid. Open the card again from the booking.\n"],
      [expired, "This contact card link has expired. Open the card again from the booking.\n"],
      [borrowed.toString(), "This contact card link is not valid. Open the card again from the booking.\n"],
      [incomplete.toString(), "This contact card link is not valid. Open the card again from the booking.\n"],
    ];
    for (const [link, message] of expectations) {
      const response = await download(link, as(world.mine.user));
      expect(response.status).toBe(403);
      expect(await response.text()).toBe(message);
    }
    expect(blobs()).toEqual([]);
  });

  it("serves the patient's current details: a changed card replaces the stored one", async () => {
    const booking = await insertBooking();
    const link = () => patientCardLink({ bookingId: booking.id, now: new Date() });
    await (await download(link(), as(world.mine.user))).text();
    const first = blobs()[0]?.pathname;

    await db.db.update(bookings).set({ guestPhone: "+27825550999" }).where(eq(bookings.id, booking.id));
    const text = await (await download(link(), as(world.mine.user))).text();

    expect(new ICAL.Component(ICAL.parse(text) as unknown[]).getFirstPropertyValue("tel")).toBe("+27825550999");
    expect(blobs().map((blob) => blob.pathname)).not.toContain(first);
    expect(blobs()).toHaveLength(1);
  });

  it("stores the card again when its blob went missing behind the row", async () => {
    const booking = await insertBooking();
    const link = () => patientCardLink({ bookingId: booking.id, now: new Date() });
    await (await download(link(), as(world.mine.user))).text();
    await createBlobClient({ token: PRIVATE_TOKEN, access: "private" }).deleteBlob(blobs()[0]!.url);

    const response = await download(link(), as(world.mine.user));

    expect(response.status).toBe(200);
    expect(await response.text()).toContain("FN:Nomsa Route-Patient");
    expect(blobs()).toHaveLength(1);
  });

  it("answers 429 with Retry-After once a client passes the allowance", async () => {
    const booking = await insertBooking();
    state.rateLimiter = createPostgresRateLimiter({ pool: db.pool, policies: { "manage:client": { points: 2, durationSeconds: 60 } } }) satisfies RateLimiter;
    const link = patientCardLink({ bookingId: booking.id, now: new Date() });

    expect((await download(link, as(world.mine.user), "203.0.113.77")).status).toBe(200);
    expect((await download(link, as(world.mine.user), "203.0.113.77")).status).toBe(200);
    const refused = await download(link, as(world.mine.user), "203.0.113.77");

    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await download(link, as(world.mine.user), "203.0.113.78")).status).toBe(200);
  });

  it("answers 503 when file storage is down", async () => {
    const booking = await insertBooking();
    vi.stubEnv("VERCEL_BLOB_API_URL", "http://127.0.0.1:1/api/blob");

    const response = await download(patientCardLink({ bookingId: booking.id, now: new Date() }), as(world.mine.user));

    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
  });
});
