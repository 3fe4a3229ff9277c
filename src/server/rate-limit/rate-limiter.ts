import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors/app-error";
import type { DatabaseHandle } from "@/server/db/client";
import { RATE_LIMIT_POLICIES, type RateLimitPolicy, type RateLimitPolicyName } from "./policies";
import { storedKey } from "./keys";

/** Counts one attempt against a policy for a key; throws RATE_LIMITED when the key is over. */
export interface RateLimiter {
  consume(policy: RateLimitPolicyName, key: string): Promise<void>;
}

export function rateLimitedError(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(
    "RATE_LIMITED",
    `Too many attempts. Please wait ${seconds} ${seconds === 1 ? "second" : "seconds"} and try again.`,
    { retryable: true, retryAfterSeconds: seconds },
  );
}

/**
 * Limits kept in PostgreSQL (the `rate_limits` table of migration 0002), so every app
 * instance counts the same attempts. `multiplier` scales every policy's points (the e2e
 * server raises it: its whole suite comes from one address). A store failure is thrown as
 * is: the database being down is reported as such, not as "too many attempts".
 */
export function createPostgresRateLimiter(options: {
  pool: DatabaseHandle["pool"];
  policies?: Partial<Record<RateLimitPolicyName, RateLimitPolicy>>;
  multiplier?: number;
}): RateLimiter {
  const multiplier = options.multiplier ?? 1;
  const limiters = new Map<RateLimitPolicyName, RateLimiterPostgres>();
  const limiterFor = (name: RateLimitPolicyName) => {
    let limiter = limiters.get(name);
    if (!limiter) {
      const policy = options.policies?.[name] ?? RATE_LIMIT_POLICIES[name];
      limiter = new RateLimiterPostgres({
        storeClient: options.pool,
        storeType: "pool",
        tableName: "rate_limits",
        tableCreated: true,
        // One limiter per instance sweeps expired rows (all share the table); the rest need not.
        clearExpiredByTimeout: limiters.size === 0,
        keyPrefix: name,
        points: Math.max(1, Math.floor(policy.points * multiplier)),
        duration: policy.durationSeconds,
      });
      limiters.set(name, limiter);
    }
    return limiter;
  };
  return {
    async consume(policy, key) {
      try {
        await limiterFor(policy).consume(storedKey(key));
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw rateLimitedError(rejection.msBeforeNext / 1000);
        throw rejection;
      }
    },
  };
}
