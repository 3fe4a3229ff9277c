import { count, eq } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { organizations, providers, users } from "@/server/db/schema";

export async function countPlatformRecords(db: DbExecutor) {
  const [[userCount], [pendingProviders], [approvedProviders], [pendingOrganizations]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(providers).where(eq(providers.status, "PENDING")),
    db.select({ n: count() }).from(providers).where(eq(providers.status, "APPROVED")),
    db.select({ n: count() }).from(organizations).where(eq(organizations.status, "PENDING")),
  ]);
  return {
    users: userCount?.n ?? 0,
    pendingProviders: pendingProviders?.n ?? 0,
    approvedProviders: approvedProviders?.n ?? 0,
    pendingOrganizations: pendingOrganizations?.n ?? 0,
  };
}
