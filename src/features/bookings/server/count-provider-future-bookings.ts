import type { DbExecutor } from "@/server/db/client";
import { countFutureActiveBookings } from "./provider-future-bookings-repository";

/** How many bookings cancelProviderFutureBookings would cancel at `now` (shown to an admin before suspending). */
export function countProviderFutureBookings({ db, providerId, now }: { db: DbExecutor; providerId: string; now: Date }): Promise<number> {
  return countFutureActiveBookings(db, providerId, now);
}
