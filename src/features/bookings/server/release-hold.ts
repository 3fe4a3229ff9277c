import type { Database } from "@/server/db/client";
import { lockBookingById, updateBooking } from "./bookings-repository";
import { tokenMatches } from "./tokens";

export interface ReleaseHoldOptions {
  db: Database;
  holdId: string;
  holdToken: string;
}

/**
 * The patient went back to choose another time: free the held slot now rather than in ten
 * minutes. Idempotent, and silent about holds that are gone or not theirs.
 */
export async function releaseHold({ db, holdId, holdToken }: ReleaseHoldOptions): Promise<{ released: boolean }> {
  return db.transaction(async (tx) => {
    const hold = await lockBookingById(tx, holdId);
    if (!hold || hold.status !== "HELD" || !tokenMatches(holdToken, hold.holdTokenHash)) return { released: false };
    await updateBooking(tx, hold.id, { status: "EXPIRED" });
    return { released: true };
  });
}
