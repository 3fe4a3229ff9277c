import { AppError } from "@/lib/errors/app-error";
import type { TokenCipher } from "@/server/auth/token-crypto";
import type { Database } from "@/server/db/client";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { accessTokenFor } from "./connection-tokens";

export interface GoogleCallDeps {
  db: Database;
  cipher: TokenCipher;
  google: Pick<GoogleCalendarIntegration, "refreshAccessToken">;
}

function isExpiredToken(error: unknown): boolean {
  return error instanceof AppError && error.code === "UNAUTHORIZED" && error.details?.status === 401 && error.details.reconnectRequired !== true;
}

/**
 * Calls Google with the connection's access token. A 401 means Google no longer takes that token
 * (revoked early, clock skew): the token is refreshed once and the call made again. A refresh
 * Google refuses (`invalid_grant`) marks the connection NEEDS_RECONNECT (accessTokenFor).
 */
export async function withAccessToken<T>(deps: GoogleCallDeps, connectionId: string, now: Date, call: (accessToken: string) => Promise<T>): Promise<T> {
  const options = { db: deps.db, cipher: deps.cipher, google: deps.google, connectionId, now };
  try {
    return await call(await accessTokenFor(options));
  } catch (error) {
    if (!isExpiredToken(error)) throw error;
    return call(await accessTokenFor({ ...options, forceRefresh: true }));
  }
}

/** The connection must be connected again: nothing can be written to its calendars until then. */
export function needsReconnect(error: unknown): boolean {
  return error instanceof AppError && error.details?.reconnectRequired === true;
}

/** Worth trying again later (5xx, timeouts, rate limits): the job's retry does. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof AppError) || error.isRetryable;
}
