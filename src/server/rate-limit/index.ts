export { createPostgresRateLimiter, type RateLimiter } from "./rate-limiter";
export { RATE_LIMIT_POLICIES, type RateLimitPolicy, type RateLimitPolicyName } from "./policies";
export { clientKeyFromIp, emailKey, phoneKey, UNKNOWN_CLIENT_KEY } from "./keys";
export { clientIpFromForwardedFor, DEFAULT_TRUSTED_PROXY_HOPS } from "./client-ip";
export { rateLimitMultiplier } from "./multiplier";
