import { and, eq, lt } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { bookings } from "@/server/db/schema";

export async function listProvidersWithLapsedHolds(db: DbExecutor, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ providerId: bookings.providerId })
    .from(bookings)
    .where(and(eq(bookings.status, "HELD"), lt(bookings.holdExpiresAt, now)))
    .limit(limit);
  return rows.map((row) => row.providerId);
}
