import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import { lockProviderTime } from "./bookings-repository";

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

const RETRYABLE_SQLSTATES = new Set(["40P01", "40001", "55P03"]);

function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === "string" ? e.code : e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Every write to a provider's bookings runs here: the provider's advisory lock first, then any
 * booking row lock inside `work`. One lock order on every path is what keeps holds, confirms,
 * reschedules, releases and provider decisions from deadlocking one another. Should PostgreSQL
 * still report a deadlock or serialization failure, the caller hears "try again", never an
 * internal error.
 */
export async function inProviderTransaction<T>(db: Database, providerId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      await lockProviderTime(tx, providerId);
      return work(tx);
    });
  } catch (error) {
    const state = sqlState(error);
    if (state && RETRYABLE_SQLSTATES.has(state)) {
      throw new AppError("CONFLICT", "Many people are booking with this provider right now. Please try again in a moment.", { retryable: true }, { cause: error });
    }
    throw error;
  }
}
