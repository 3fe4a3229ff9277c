import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { services } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { buildService } from "@/test/factories";
import { createBookingWorld, MONDAY_0800, type BookingWorld } from "@/test/scenarios/booking-world";
import { anonymous, asUser, callerFor, nextClientIp } from "@/test/trpc";
import { verifyGuestContact } from "@/test/verify-guest";

/**
 * A storm of mixed operations at one provider with a daily limit, all in flight at once:
 * holds, holds confirmed at once, revivals of lapsed holds, releases racing those revivals,
 * reschedules, provider cancellations and patient cancellations. Whatever the interleaving:
 * no internal error, no overlap, the limit never exceeded, every refusal a clear AppError.
 */
let db: TestDatabase;
let world: BookingWorld;
let capped: { id: string };
const CAP = 4;
const clock = { now: MONDAY_0800 };
const now = () => clock.now;
const guest = { name: "Gail Guest", email: "gail@example.test", phone: "+447700900001" };
const DAYS = ["2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05", "2027-03-08", "2027-03-09", "2027-03-10", "2027-03-11"];

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createBookingWorld(db.db);
  const [row] = await db.db
    .insert(services)
    .values(buildService({ providerId: world.provider.id, name: "Capped", durationMinutes: 30, slotStepMinutes: 15, minimumNoticeMinutes: 60, bookingHorizonDays: 60, maxBookingsPerDay: CAP }))
    .returning();
  capped = row!;
});
afterAll(() => db.drop());

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const visitor = () => callerFor(db.db, anonymous, now, { ip: nextClientIp() });

function randomSlot(next: () => number) {
  const day = DAYS[Math.floor(next() * DAYS.length)]!;
  const inPerson = next() < 0.6;
  // In person 09:00–12:30 at the London location, online 14:00–17:00 (GMT in March).
  const quarter = Math.floor(next() * (inPerson ? 13 : 11));
  const start = (inPerson ? 9 * 60 : 14 * 60) + quarter * 15;
  return {
    providerId: world.provider.id,
    serviceId: next() < 0.5 ? capped.id : world.services.short.id,
    startsAt: new Date(`${day}T${String(Math.floor(start / 60)).padStart(2, "0")}:${String(start % 60).padStart(2, "0")}:00Z`),
    mode: inPerson ? ("IN_PERSON" as const) : ("ONLINE" as const),
    locationId: inPerson ? world.location.id : null,
  };
}

const confirmInput = (hold: { holdId: string; holdToken: string }) => ({ holdId: hold.holdId, holdToken: hold.holdToken, contact: guest, consent: true as const, patientTimeZone: "Europe/London" });
/** A guest's confirm as the form makes it: the emailed code asked for and entered first. */
async function confirmAsGuest(caller: ReturnType<typeof visitor>, hold: { holdId: string; holdToken: string }) {
  await verifyGuestContact(caller, db.db, hold, guest);
  return caller.bookings.confirm(confirmInput(hold));
}

/** "ok", the AppError code of a refusal, or "INTERNAL: …" for anything else. */
async function outcomeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "ok";
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof AppError && cause.message.length > 0) return cause.code;
    return `INTERNAL: ${(error as Error).message} ${(cause as Error | undefined)?.message ?? ""}`;
  }
}

describe("a few hundred mixed concurrent operations at one provider", () => {
  it("leave no internal error, no overlap and no day over its limit", { timeout: 180_000 }, async () => {
    const next = random(20270301);
    // Before the storm: confirmed bookings to move and cancel, and holds that will lapse.
    const confirmed: { id: string; manageToken: string }[] = [];
    const lapsing: { holdId: string; holdToken: string }[] = [];
    for (let attempt = 0; attempt < 400 && (confirmed.length < 30 || lapsing.length < 30); attempt++) {
      const caller = visitor();
      const hold = await caller.bookings.hold(randomSlot(next)).catch((error: { cause?: { code?: string } }) => {
        if (error.cause?.code !== "SLOT_TAKEN") throw error;
        return null;
      });
      if (!hold) continue;
      if (confirmed.length < 30) confirmed.push(await confirmAsGuest(caller, hold));
      else lapsing.push(hold);
    }
    expect([confirmed.length, lapsing.length]).toEqual([30, 30]);
    clock.now = new Date(MONDAY_0800.getTime() + 11 * 60_000);

    const provider = callerFor(db.db, asUser(world.providerUser), now);
    const ops: { kind: string; run: () => Promise<string> }[] = [];
    const op = (kind: string, call: () => Promise<unknown>) => ops.push({ kind, run: () => outcomeOf(call) });
    for (let i = 0; i < 120; i++) {
      const slot = randomSlot(next);
      op("hold+confirm", async () => {
        const caller = visitor();
        const hold = await caller.bookings.hold(slot);
        await confirmAsGuest(caller, hold);
      });
    }
    for (let i = 0; i < 80; i++) {
      const slot = randomSlot(next);
      const release = next() < 0.5;
      op(release ? "hold+release" : "hold", async () => {
        const caller = visitor();
        const hold = await caller.bookings.hold(slot);
        if (release) await caller.bookings.releaseHold(hold);
      });
    }
    for (const hold of lapsing) {
      op("revive lapsed hold", () => confirmAsGuest(visitor(), hold));
      if (next() < 0.5) op("release lapsed hold", () => visitor().bookings.releaseHold(hold));
    }
    confirmed.forEach((booking, i) => {
      op("reschedule", () => {
        const target = randomSlot(next);
        return visitor().bookings.rescheduleManaged({ token: booking.manageToken, startsAt: target.startsAt, mode: target.mode, locationId: target.locationId });
      });
      if (i % 3 === 0) op("provider cancel", () => provider.bookings.cancelAsProvider({ bookingId: booking.id, reason: "Clinic closed" }));
      if (i % 3 === 1) op("patient cancel", () => visitor().bookings.cancelManaged({ token: booking.manageToken, reason: "" }));
      if (i % 5 === 2) op("provider no-show (too early)", () => provider.bookings.markOutcome({ bookingId: booking.id, outcome: "NO_SHOW" }));
    });
    // Shuffle so every kind of operation interleaves with every other.
    for (let i = ops.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [ops[i], ops[j]] = [ops[j]!, ops[i]!];
    }

    const started = performance.now();
    const outcomes = await Promise.all(ops.map(async (o) => ({ kind: o.kind, outcome: await o.run() })));
    const wallMs = Math.round(performance.now() - started);

    const byOutcome: Record<string, number> = {};
    const byKind: Record<string, Record<string, number>> = {};
    for (const { kind, outcome } of outcomes) {
      const key = outcome.startsWith("INTERNAL") ? "INTERNAL" : outcome;
      byOutcome[key] = (byOutcome[key] ?? 0) + 1;
      (byKind[kind] ??= {})[key] = (byKind[kind]![key] ?? 0) + 1;
    }
    console.info(`booking storm: ${JSON.stringify({ operations: ops.length, wallMs, byOutcome, byKind })}`);

    expect(outcomes.filter((o) => o.outcome.startsWith("INTERNAL"))).toEqual([]);
    // The lock order is the fix: not even a retryable conflict should be needed.
    expect(byOutcome.CONFLICT ?? 0).toBe(0);
    expect(Object.keys(byOutcome).every((code) => ["ok", "SLOT_TAKEN", "VALIDATION", "NOT_FOUND", "PRECONDITION_FAILED"].includes(code))).toBe(true);
    expect(byOutcome.ok).toBeGreaterThan(50);

    const overlaps = await db.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM bookings a JOIN bookings b
        ON a.provider_id = b.provider_id AND a.id < b.id
       AND tstzrange(a.blocked_starts_at, a.blocked_ends_at) && tstzrange(b.blocked_starts_at, b.blocked_ends_at)
      WHERE a.status IN ('HELD','PENDING','CONFIRMED','COMPLETED','NO_SHOW') AND b.status IN ('HELD','PENDING','CONFIRMED','COMPLETED','NO_SHOW')
        AND a.provider_id = ${world.provider.id}`);
    expect(overlaps.rows[0]?.n).toBe(0);
    const perDay = await db.db.execute<{ day: string; n: number }>(sql`
      SELECT (starts_at AT TIME ZONE 'Europe/London')::date::text AS day, count(*)::int AS n FROM bookings
      WHERE service_id = ${capped.id}
        AND (status IN ('PENDING','CONFIRMED','COMPLETED','NO_SHOW') OR (status = 'HELD' AND hold_expires_at > ${clock.now.toISOString()}::timestamptz))
      GROUP BY 1 ORDER BY 1`);
    expect(perDay.rows.length).toBeGreaterThan(0);
    for (const row of perDay.rows) expect(row.n, `bookings of the capped service on ${row.day}`).toBeLessThanOrEqual(CAP);
    clock.now = MONDAY_0800;
  });
});
