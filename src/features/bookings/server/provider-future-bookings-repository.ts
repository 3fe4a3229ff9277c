import { and, asc, count, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { bookings } from "@/server/db/schema";
import type { BookingRow } from "./bookings-repository";

const ACTIVE = ["PENDING", "CONFIRMED"] as const;

const futureActive = (providerId: string, now: Date) =>
  and(eq(bookings.providerId, providerId), inArray(bookings.status, [...ACTIVE]), gt(bookings.startsAt, now));

/** The provider's pending and confirmed bookings that start after `now`, locked, soonest first. */
export async function lockFutureActiveBookings(db: DbExecutor, providerId: string, now: Date): Promise<BookingRow[]> {
  return db.select().from(bookings).where(futureActive(providerId, now)).orderBy(asc(bookings.startsAt), asc(bookings.id)).for("update");
}

export async function countFutureActiveBookings(db: DbExecutor, providerId: string, now: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(bookings).where(futureActive(providerId, now));
  return row?.n ?? 0;
}

/**
 * Releases the provider's holds that could still become bookings: live ones, and lapsed ones not
 * yet released (confirm revives those). Released like a patient's release (EXPIRED with
 * cancelled_at, so the token cannot revive it), by SYSTEM.
 */
export async function releaseOpenHolds(db: DbExecutor, providerId: string, now: Date): Promise<number> {
  const rows = await db
    .update(bookings)
    .set({ status: "EXPIRED", cancelledAt: now, cancelledBy: "SYSTEM", holdClientKey: null })
    .where(
      and(
        eq(bookings.providerId, providerId),
        gt(bookings.startsAt, now),
        or(eq(bookings.status, "HELD"), and(eq(bookings.status, "EXPIRED"), isNull(bookings.cancelledAt))),
      ),
    )
    .returning({ id: bookings.id });
  return rows.length;
}
