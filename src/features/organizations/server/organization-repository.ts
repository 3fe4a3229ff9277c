import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { memberships, organizations, users } from "@/server/db/schema";
import type { OrganizationRole } from "../schemas";
import type { MyOrganizationDto, OrganizationMemberDto, OrganizationStatus, PendingOrganizationDto } from "../types";

export type OrganizationRow = typeof organizations.$inferSelect;

/** Inserts an organization, or returns null when its slug is taken. */
export async function insertOrganization(db: DbExecutor, values: { slug: string; name: string; description: string }): Promise<OrganizationRow | null> {
  const [row] = await db.insert(organizations).values({ ...values, status: "PENDING" }).onConflictDoNothing({ target: organizations.slug }).returning();
  return row ?? null;
}

export async function insertMembership(db: DbExecutor, values: { organizationId: string; userId: string; role: OrganizationRole }): Promise<void> {
  await db.insert(memberships).values(values);
}

export async function findOrganization(db: DbExecutor, organizationId: string): Promise<OrganizationRow | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  return row ?? null;
}

/** The organizations a user belongs to, with their role, by name. */
export async function findOrganizationsOfUser(db: DbExecutor, userId: string): Promise<MyOrganizationDto[]> {
  return db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, status: organizations.status, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name), asc(organizations.id));
}

/** Organizations still awaiting review in which the user is an owner. */
export async function countPendingOrganizationsOwnedBy(db: DbExecutor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, "OWNER"), eq(organizations.status, "PENDING")));
  return row?.n ?? 0;
}

export async function findMembers(db: DbExecutor, organizationId: string): Promise<OrganizationMemberDto[]> {
  return db
    .select({ userId: memberships.userId, name: users.name, email: users.email, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(sql`array_position(ARRAY['OWNER','ADMIN','MANAGER','STAFF']::membership_role[], ${memberships.role})`, asc(users.name), asc(users.id));
}

export async function updateOrganizationDetails(db: DbExecutor, organizationId: string, values: { name?: string; description?: string }): Promise<void> {
  await db.update(organizations).set({ ...values }).where(eq(organizations.id, organizationId));
}

/**
 * The organization's memberships, locked until the transaction ends: every change to roles or
 * members takes this lock first, so two changes at once cannot both leave it without an owner.
 */
export async function lockMemberships(db: DbExecutor, organizationId: string): Promise<{ userId: string; role: OrganizationRole }[]> {
  return db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.organizationId, organizationId))
    .for("update");
}

export async function updateMembershipRole(db: DbExecutor, organizationId: string, userId: string, role: OrganizationRole): Promise<void> {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

export async function deleteMembership(db: DbExecutor, organizationId: string, userId: string): Promise<void> {
  await db.delete(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

/** Moves a PENDING organization to `status`; null when it is not pending (or does not exist). */
export async function decidePendingOrganization(db: DbExecutor, organizationId: string, status: Extract<OrganizationStatus, "APPROVED" | "REJECTED">): Promise<OrganizationRow | null> {
  const [row] = await db
    .update(organizations)
    .set({ status })
    .where(and(eq(organizations.id, organizationId), eq(organizations.status, "PENDING")))
    .returning();
  return row ?? null;
}

/** Organizations awaiting review, oldest first, with their owners. */
export async function findPendingOrganizations(db: DbExecutor): Promise<PendingOrganizationDto[]> {
  const rows = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, description: organizations.description, createdAt: organizations.createdAt })
    .from(organizations)
    .where(eq(organizations.status, "PENDING"))
    .orderBy(asc(organizations.createdAt), asc(organizations.id))
    .limit(200);
  if (rows.length === 0) return [];
  const owners = await db
    .select({ organizationId: memberships.organizationId, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.organizationId, rows.map((r) => r.id)), eq(memberships.role, "OWNER")))
    .orderBy(asc(users.name));
  return rows.map((row) => ({
    ...row,
    owners: owners.filter((o) => o.organizationId === row.id).map(({ name, email }) => ({ name, email })),
  }));
}
