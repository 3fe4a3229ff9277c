import type { Session } from "next-auth";
import type { DbExecutor } from "@/server/db/client";
import { findProviderForUser } from "@/server/trpc/access-repository";

export interface CurrentUser {
  id: string;
  name: string | null;
  email: string | null;
  role: "USER" | "ADMIN";
  /** Set when the user has a provider profile (any verification status). */
  providerSlug: string | null;
}

/** The signed-in user as the navigation needs it, or null for a visitor. */
export async function getCurrentUser({ db, session }: { db: DbExecutor; session: Session | null }): Promise<CurrentUser | null> {
  if (!session) return null;
  const provider = await findProviderForUser(db, session.user.id);
  return {
    id: session.user.id,
    name: session.user.name ?? null,
    email: session.user.email ?? null,
    role: session.user.role,
    providerSlug: provider?.slug ?? null,
  };
}
