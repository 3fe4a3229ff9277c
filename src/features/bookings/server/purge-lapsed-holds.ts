import type { Database } from "@/server/db/client";
import { expireStaleHolds } from "./bookings-repository";
import { listProvidersWithLapsedHolds } from "./hold-purge-repository";
import { inProviderTransaction } from "./provider-transaction";

/**
 * Periodic job: marks lapsed holds EXPIRED, provider by provider under that provider's lock (the
 * one lock order every booking write keeps), so the rows stop counting toward per-client hold
 * caps even at providers nobody is booking with right now.
 */
export async function purgeLapsedHolds({ db, now }: { db: Database; now: Date }): Promise<number> {
  let expired = 0;
  for (const providerId of await listProvidersWithLapsedHolds(db, now, 1000)) {
    expired += await inProviderTransaction(db, providerId, (tx) => expireStaleHolds(tx, providerId, now));
  }
  return expired;
}
