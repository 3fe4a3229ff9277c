import { randomUUID } from "node:crypto";
import type { Session } from "next-auth";
import type { Database } from "@/server/db/client";

export interface RequestMeta {
  requestId: string;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface TRPCContext {
  db: Database;
  session: Session | null;
  request: RequestMeta;
  /** The clock every use case reads; tests pass a fixed one. */
  now: () => Date;
}

export function requestMetaFromHeaders(headers: Headers): RequestMeta {
  return {
    requestId: headers.get("x-request-id") ?? randomUUID(),
    ipAddress: headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? headers.get("x-real-ip"),
    userAgent: headers.get("user-agent"),
  };
}

/** Builds a context; the route handler and RSC helpers pass the real session and headers. */
export function createContext(options: {
  db: Database;
  session: Session | null;
  headers: Headers;
  now?: () => Date;
}): TRPCContext {
  return {
    db: options.db,
    session: options.session,
    request: requestMetaFromHeaders(options.headers),
    now: options.now ?? (() => new Date()),
  };
}
