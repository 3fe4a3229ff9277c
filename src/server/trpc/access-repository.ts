import { and, eq } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { memberships, providers } from "@/server/db/schema";

export type ProviderAccess = Pick<typeof providers.$inferSelect, "id" | "slug" | "status" | "timeZone" | "displayName">;
export type MembershipAccess = Pick<typeof memberships.$inferSelect, "organizationId" | "userId" | "role">;

export async function findProviderForUser(db: DbExecutor, userId: string): Promise<ProviderAccess | null> {
  const [row] = await db
    .select({
      id: providers.id,
      slug: providers.slug,
      status: providers.status,
      timeZone: providers.timeZone,
      displayName: providers.displayName,
    })
    .from(providers)
    .where(eq(providers.userId, userId))
    .limit(1);
  return row ?? null;
}

export async function findMembership(
  db: DbExecutor,
  organizationId: string,
  userId: string,
): Promise<MembershipAccess | null> {
  const [row] = await db
    .select({ organizationId: memberships.organizationId, userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .limit(1);
  return row ?? null;
}
