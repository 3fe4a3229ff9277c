import { eq, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { bookings } from "@/server/db/schema";

/** Bumps the booking's iCalendar SEQUENCE and returns the new value. */
export async function bumpCalendarSequence(db: DbExecutor, bookingId: string): Promise<number> {
  const [row] = await db
    .update(bookings)
    .set({ calendarSequence: sql`${bookings.calendarSequence} + 1` })
    .where(eq(bookings.id, bookingId))
    .returning({ calendarSequence: bookings.calendarSequence });
  return row?.calendarSequence ?? 0;
}
