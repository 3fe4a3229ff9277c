import { randomUUID } from "node:crypto";
import type { Session } from "next-auth";
import type { Database } from "@/server/db/client";
import type { Logger } from "@/server/logger/logger";
import { clientIpFromForwardedFor, DEFAULT_TRUSTED_PROXY_HOPS } from "@/server/rate-limit/client-ip";
import type { RateLimiter } from "@/server/rate-limit/rate-limiter";

export interface RequestMeta {
  requestId: string;
  /** The client's address from the trusted proxy hops; null when it cannot be known. */
  ipAddress: string | null;
  userAgent: string | null;
}

export interface TRPCContext {
  db: Database;
  session: Session | null;
  request: RequestMeta;
  /** The clock every use case reads; tests pass a fixed one. */
  now: () => Date;
  /** Shared-store limits in the app; tests pass a permissive one or one with tight limits. */
  rateLimiter: RateLimiter;
  logger: Logger;
}

// A request id travels into log lines: accept only a short token, never free text.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestMetaFromHeaders(headers: Headers, trustedProxyHops = DEFAULT_TRUSTED_PROXY_HOPS): RequestMeta {
  const requestId = headers.get("x-request-id");
  return {
    requestId: requestId && REQUEST_ID.test(requestId) ? requestId : randomUUID(),
    ipAddress: clientIpFromForwardedFor(headers.get("x-forwarded-for"), trustedProxyHops),
    userAgent: headers.get("user-agent"),
  };
}

/** Builds a context; the route handler passes the real session, headers, limiter and logger. */
export function createContext(options: {
  db: Database;
  session: Session | null;
  headers: Headers;
  rateLimiter: RateLimiter;
  logger: Logger;
  now?: () => Date;
  trustedProxyHops?: number;
}): TRPCContext {
  const request = requestMetaFromHeaders(options.headers, options.trustedProxyHops);
  return {
    db: options.db,
    session: options.session,
    request,
    now: options.now ?? (() => new Date()),
    rateLimiter: options.rateLimiter,
    logger: options.logger.child({ requestId: request.requestId }),
  };
}
