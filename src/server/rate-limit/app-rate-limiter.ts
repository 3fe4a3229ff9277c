import "server-only";
import { env } from "~/env";
import { getDatabase } from "@/server/db";
import { rateLimitMultiplier } from "./multiplier";
import { createPostgresRateLimiter, type RateLimiter } from "./rate-limiter";

const globalForLimiter = globalThis as unknown as { medbookingsRateLimiter?: RateLimiter };

/** The app's limiter: counts in the app's own database pool, shared by every instance. */
export function getRateLimiter(): RateLimiter {
  globalForLimiter.medbookingsRateLimiter ??= createPostgresRateLimiter({
    pool: getDatabase().pool,
    multiplier: rateLimitMultiplier(),
  });
  return globalForLimiter.medbookingsRateLimiter;
}

/** How many proxies in front of the app append to x-forwarded-for (see client-ip.ts). */
export function trustedProxyHops(): number {
  return Number(env.TRUSTED_PROXY_HOPS ?? 1);
}
