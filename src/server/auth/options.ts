import type { NextAuthOptions } from "next-auth";
import { env } from "~/env";
import { getDatabase } from "@/server/db";
import { getLogger } from "@/server/logger";
import { createAuthOptions } from "./create-auth-options";
import { parsePreviousKeys } from "./token-crypto";

let cached: NextAuthOptions | undefined;

/**
 * next-auth's default logger prints whole errors, and an adapter error from drizzle quotes the
 * query's parameters (session tokens, emails). Ours logs next-auth's fixed code and the error's
 * class and SQLSTATE only (the logger's err serializer).
 */
const authLogger: NextAuthOptions["logger"] = {
  error(code, metadata) {
    const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
    getLogger().error({ event: "auth.error", authCode: code, err: error }, "sign-in step failed");
  },
  warn(code) {
    getLogger().warn({ event: "auth.warn", authCode: code }, "next-auth warning");
  },
  debug() {},
};

export function getAuthOptions(): NextAuthOptions {
  cached ??= createAuthOptions({
    db: getDatabase().db,
    secret: env.NEXTAUTH_SECRET,
    tokenKeys: { writeKey: env.TOKEN_ENCRYPTION_KEY, previousKeys: parsePreviousKeys(env.TOKEN_ENCRYPTION_PREVIOUS_KEYS) },
    google: { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET, issuerUrl: env.GOOGLE_OAUTH_URL },
  });
  cached.logger = authLogger;
  return cached;
}
