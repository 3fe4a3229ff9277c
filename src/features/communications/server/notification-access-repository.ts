import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { bookings, providers } from "@/server/db/schema";

/** The user id of the provider a booking belongs to, or null when there is no such booking. */
export async function findBookingProviderUserId(db: DbExecutor, bookingId: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: providers.userId })
    .from(bookings)
    .innerJoin(providers, eq(providers.id, bookings.providerId))
    .where(eq(bookings.id, bookingId));
  return row?.userId ?? null;
}
