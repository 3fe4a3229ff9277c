import "server-only";
import { getRequestSession } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { getLogger } from "@/server/logger";
import { getRateLimiter, trustedProxyHops } from "@/server/rate-limit/app-rate-limiter";
import { createContext } from "@/server/trpc";

/** The request context for the route handler and for Server Components. */
export async function createRequestContext(headers: Headers) {
  return createContext({
    db: getDatabase().db,
    session: await getRequestSession(headers),
    headers,
    rateLimiter: getRateLimiter(),
    logger: getLogger(),
    trustedProxyHops: trustedProxyHops(),
  });
}
