import { AppError } from "@/lib/errors/app-error";
import { calendarConnectionTokenContext, type TokenCipher } from "@/server/auth/token-crypto";
import type { Database, DbExecutor } from "@/server/db/client";
import type { GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { findConnection, markConnectionNeedsReconnect, saveConnectionTokens } from "./calendar-sync-repository";

/** An access token this close to its expiry is refreshed first: a sync must not start with a token about to die. */
const REFRESH_MARGIN_MS = 60_000;

export interface GrantedTokens {
  accessToken: string;
  expiresAt: Date;
  /** Google sends a refresh token only at consent: without one, the stored one is kept. */
  refreshToken?: string | null;
  scopes: string[];
}

/** Stores a connection's tokens encrypted, each bound to the connection and its column. */
export async function storeConnectionTokens(db: DbExecutor, cipher: TokenCipher, connectionId: string, tokens: GrantedTokens): Promise<void> {
  await saveConnectionTokens(db, connectionId, {
    accessToken: cipher.encrypt(tokens.accessToken, calendarConnectionTokenContext(connectionId, "access_token")),
    accessTokenExpiresAt: tokens.expiresAt,
    ...(tokens.refreshToken ? { refreshToken: cipher.encrypt(tokens.refreshToken, calendarConnectionTokenContext(connectionId, "refresh_token")) } : {}),
    scopes: tokens.scopes,
  });
}

export interface AccessTokenForOptions {
  db: Database;
  cipher: TokenCipher;
  google: Pick<GoogleCalendarIntegration, "refreshAccessToken">;
  connectionId: string;
  now: Date;
  /** Refresh even if the stored token looks valid: Google just answered 401 to it. */
  forceRefresh?: boolean;
}

function reconnectRequired(message: string): AppError {
  return new AppError("PRECONDITION_FAILED", message, { vendor: "google", reconnectRequired: true, retryable: false });
}

/**
 * A usable access token for a connection: the stored one while it has more than a minute left,
 * else a refreshed one (stored encrypted). When Google refuses the refresh token
 * (`invalid_grant`: revoked, expired, or one of too many), the connection is marked
 * NEEDS_RECONNECT and nothing is retried until the provider connects again.
 */
export async function accessTokenFor({ db, cipher, google, connectionId, now, forceRefresh = false }: AccessTokenForOptions): Promise<string> {
  const connection = await findConnection(db, connectionId);
  if (!connection) throw new AppError("NOT_FOUND", "This calendar connection no longer exists.");
  if (connection.status === "NEEDS_RECONNECT") throw reconnectRequired("This Google account must be connected again.");
  if (!forceRefresh && connection.accessToken && connection.accessTokenExpiresAt && connection.accessTokenExpiresAt.getTime() - now.getTime() > REFRESH_MARGIN_MS) {
    return cipher.decrypt(connection.accessToken, calendarConnectionTokenContext(connection.id, "access_token"));
  }
  if (!connection.refreshToken) {
    await markConnectionNeedsReconnect(db, connection.id, "no refresh token");
    throw reconnectRequired("This Google account must be connected again.");
  }
  const refreshToken = cipher.decrypt(connection.refreshToken, calendarConnectionTokenContext(connection.id, "refresh_token"));
  let granted;
  try {
    granted = await google.refreshAccessToken({ refreshToken });
  } catch (error) {
    if (error instanceof AppError && error.details?.reconnectRequired === true) {
      await markConnectionNeedsReconnect(db, connection.id, "invalid_grant");
      throw reconnectRequired("Google no longer accepts this account's authorization: connect it again.");
    }
    throw error;
  }
  await storeConnectionTokens(db, cipher, connection.id, { accessToken: granted.accessToken, expiresAt: granted.expiresAt, scopes: granted.scopes.length > 0 ? granted.scopes : connection.scopes });
  return granted.accessToken;
}
