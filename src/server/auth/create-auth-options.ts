import type { NextAuthOptions } from "next-auth";
import GoogleProvider, { type GoogleProfile } from "next-auth/providers/google";
import type { Database } from "@/server/db/client";
import { createAuthRepository } from "./auth-repository";
import { createTokenCipher, type TokenKeys } from "./token-crypto";

/**
 * Sign-in asks for identity only and lets Google skip the consent screen for a returning user
 * (no `prompt=consent`). It grants no calendar access and, without `access_type=offline`, no
 * refresh token: calendar scopes belong to connecting a calendar, never to signing in.
 */
export const SIGN_IN_SCOPES = "openid email profile";

export interface AuthOptionsConfig {
  db: Database;
  secret: string;
  tokenKeys: TokenKeys;
  google: {
    clientId: string;
    clientSecret: string;
    /** OIDC issuer base URL; unset = accounts.google.com. */
    issuerUrl?: string;
  };
}

function googleIssuer(issuerUrl: string | undefined): { wellKnown?: string; issuer?: string } {
  // Local cloud: the same Google provider, discovering the emulator instead of Google.
  if (!issuerUrl) return {};
  const issuer = issuerUrl.replace(/\/$/, "");
  return { wellKnown: `${issuer}/.well-known/openid-configuration`, issuer };
}

function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b && a.toLowerCase() === b.toLowerCase());
}

export function createAuthOptions({ db, secret, tokenKeys, google }: AuthOptionsConfig): NextAuthOptions {
  const adapter = createAuthRepository(db, createTokenCipher(tokenKeys));
  return {
    adapter,
    secret,
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      GoogleProvider({
        clientId: google.clientId,
        clientSecret: google.clientSecret,
        ...googleIssuer(google.issuerUrl),
        checks: ["pkce", "state", "nonce"],
        // Google verifies the address it returns (sign-in requires email_verified below), so a
        // seeded or earlier guest user with that address is the same person.
        allowDangerousEmailAccountLinking: true,
        authorization: { params: { scope: SIGN_IN_SCOPES, response_type: "code" } },
        profile(profile: GoogleProfile) {
          return {
            id: profile.sub,
            name: profile.name,
            email: profile.email,
            image: profile.picture,
            // next-auth drops this when it creates the user; events.signIn below records it.
            emailVerified: profile.email_verified === true ? new Date() : null,
          };
        },
      }),
    ],
    callbacks: {
      signIn({ account, profile }) {
        if (account?.provider === "google") return (profile as GoogleProfile | undefined)?.email_verified === true;
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
      async signIn({ user, account, profile, isNewUser }) {
        if (!account) return;
        // next-auth passes what profile() above returned, though its type says the raw profile.
        const signedIn = profile as { email?: string | null; emailVerified?: Date | null } | undefined;
        // next-auth creates OAuth users with emailVerified null and never updates it; without
        // this, guest bookings made with the same address would never reach "My bookings".
        if (signedIn?.emailVerified && signedIn.email && sameAddress(user.email, signedIn.email)) {
          await adapter.markEmailVerified({ userId: user.id, email: signedIn.email, verifiedAt: signedIn.emailVerified });
        }
        if (!isNewUser) await adapter.storeAccountTokens(account);
      },
    },
  };
}
