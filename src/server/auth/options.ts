import type { NextAuthOptions } from "next-auth";
import { env } from "~/env";
import { getDatabase } from "@/server/db";
import { createAuthOptions } from "./create-auth-options";
import { parsePreviousKeys } from "./token-crypto";

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  cached ??= createAuthOptions({
    db: getDatabase().db,
    secret: env.NEXTAUTH_SECRET,
    tokenKeys: { writeKey: env.TOKEN_ENCRYPTION_KEY, previousKeys: parsePreviousKeys(env.TOKEN_ENCRYPTION_PREVIOUS_KEYS) },
    google: { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET, issuerUrl: env.GOOGLE_OAUTH_URL },
  });
  return cached;
}
