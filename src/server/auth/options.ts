import type { NextAuthOptions } from "next-auth";
import GoogleProvider from "next-auth/providers/google";
import { env } from "~/env";
import { getDatabase } from "@/server/db";
import { createAuthRepository } from "./auth-repository";
import { createTokenCipher } from "./token-crypto";

/** Sign-in asks for identity only; it grants no access to the user's calendar. */
const SIGN_IN_SCOPES = "openid email profile";

function googleIssuer(): { wellKnown?: string; issuer?: string } {
  // Local cloud: the same Google provider, discovering the emulator instead of Google.
  if (!env.GOOGLE_OAUTH_URL) return {};
  const issuer = env.GOOGLE_OAUTH_URL.replace(/\/$/, "");
  return { wellKnown: `${issuer}/.well-known/openid-configuration`, issuer };
}

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const adapter = createAuthRepository(getDatabase().db, createTokenCipher(env.TOKEN_ENCRYPTION_KEY));
  cached = {
    adapter,
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      GoogleProvider({
        clientId: env.GOOGLE_CLIENT_ID,
        clientSecret: env.GOOGLE_CLIENT_SECRET,
        ...googleIssuer(),
        checks: ["pkce", "state", "nonce"],
        // Google verifies the address it returns (we also require email_verified below), so a
        // seeded or earlier guest user with that address is the same person.
        allowDangerousEmailAccountLinking: true,
        authorization: {
          params: {
            scope: SIGN_IN_SCOPES,
            prompt: "consent",
            access_type: "offline",
            response_type: "code",
          },
        },
      }),
    ],
    callbacks: {
      signIn({ account, profile }) {
        if (account?.provider === "google") {
          return (profile as { email_verified?: boolean } | undefined)?.email_verified === true;
        }
        return false;
      },
      session({ session, user }) {
        session.user = {
          id: user.id,
          role: user.role ?? "USER",
          name: user.name ?? null,
          email: user.email ?? null,
          image: user.image ?? null,
        };
        return session;
      },
    },
    events: {
      async signIn({ account, isNewUser }) {
        if (account && !isNewUser) await adapter.storeAccountTokens(account);
      },
    },
  };
  return cached;
}
