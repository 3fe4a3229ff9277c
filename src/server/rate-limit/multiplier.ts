import { env } from "~/env";

/** RATE_LIMIT_MULTIPLIER: scales every allowance (rate-limit policies and the hold caps alike). */
export function rateLimitMultiplier(): number {
  return Number(env.RATE_LIMIT_MULTIPLIER ?? 1);
}
