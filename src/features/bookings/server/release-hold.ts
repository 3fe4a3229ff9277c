import type { Database } from "@/server/db/client";
import { findBookingProvider, lockBookingById, updateBooking } from "./bookings-repository";
import { inProviderTransaction } from "./provider-transaction";
import { tokenMatches } from "./tokens";

export interface ReleaseHoldOptions {
  db: Database;
  holdId: string;
  holdToken: string;
  now: Date;
}

/**
 * The patient went back to choose another time: free the held slot now rather than in ten
 * minutes, and mark the hold released (cancelledAt) so its token can no longer revive it.
 * Idempotent, and silent about holds that are gone or not theirs.
 */
export async function releaseHold({ db, holdId, holdToken, now }: ReleaseHoldOptions): Promise<{ released: boolean }> {
  const target = await findBookingProvider(db, holdId);
  if (!target) return { released: false };
  return inProviderTransaction(db, target.providerId, async (tx) => {
    const hold = await lockBookingById(tx, holdId);
    if (!hold || !["HELD", "EXPIRED"].includes(hold.status) || !tokenMatches(holdToken, hold.holdTokenHash)) return { released: false };
    if (hold.status === "EXPIRED" && hold.cancelledAt) return { released: true };
    await updateBooking(tx, hold.id, { status: "EXPIRED", cancelledAt: now, cancelledBy: "PATIENT", holdClientKey: null });
    return { released: true };
  });
}
