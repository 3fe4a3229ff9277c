import type { DefaultSession } from "next-auth";

export type PlatformRole = "USER" | "ADMIN";

declare module "next-auth" {
  interface User {
    role?: PlatformRole;
    /** Set by the Google profile when Google vouches for the address (email_verified). */
    emailVerified?: Date | null;
  }
  interface Session {
    user: {
      id: string;
      role: PlatformRole;
    } & DefaultSession["user"];
  }
}
