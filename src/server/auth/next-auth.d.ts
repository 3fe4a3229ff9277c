import type { DefaultSession } from "next-auth";

export type PlatformRole = "USER" | "ADMIN";

declare module "next-auth" {
  interface User {
    role?: PlatformRole;
  }
  interface Session {
    user: {
      id: string;
      role: PlatformRole;
    } & DefaultSession["user"];
  }
}
