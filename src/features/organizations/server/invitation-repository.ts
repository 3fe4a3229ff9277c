import { and, asc, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbExecutor } from "@/server/db/client";
import { memberships, organizationInvitations, organizations, providerOrganizations, providers, users } from "@/server/db/schema";
import type { OrganizationRole } from "../schemas";

export type InvitationRow = typeof organizationInvitations.$inferSelect;

/** Not accepted and not revoked: the rows the one-open-invitation-per-address index covers (expired ones too). */
const unanswered = and(isNull(organizationInvitations.acceptedAt), isNull(organizationInvitations.revokedAt));

/** Inserts an invitation; null when the address already has an unanswered one (the partial unique index). */
export async function insertInvitation(
  db: DbExecutor,
  values: { id: string; organizationId: string; email: string; role: OrganizationRole; tokenHash: string; invitedByUserId: string; expiresAt: Date; lastSentAt: Date },
): Promise<InvitationRow | null> {
  const [row] = await db
    .insert(organizationInvitations)
    .values({ ...values, sentCount: 1 })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

/** The address's unanswered invitation to the organization, open or expired. */
export async function findUnansweredInvitation(db: DbExecutor, organizationId: string, email: string): Promise<InvitationRow | null> {
  const [row] = await db
    .select()
    .from(organizationInvitations)
    .where(and(eq(organizationInvitations.organizationId, organizationId), eq(organizationInvitations.email, email), unanswered))
    .limit(1);
  return row ?? null;
}

export async function countOpenInvitations(db: DbExecutor, organizationId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(organizationInvitations)
    .where(and(eq(organizationInvitations.organizationId, organizationId), unanswered, gt(organizationInvitations.expiresAt, now)));
  return row?.n ?? 0;
}

/** Whether someone whose account has this address (any case) is a member of the organization. */
export async function isEmailMember(db: DbExecutor, organizationId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), sql`lower(${users.email}) = ${email}`))
    .limit(1);
  return row !== undefined;
}

export async function isMember(db: DbExecutor, organizationId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .limit(1);
  return row !== undefined;
}

/** Adds a member; false when they already are one. */
export async function insertMembershipIfAbsent(db: DbExecutor, values: { organizationId: string; userId: string; role: OrganizationRole }): Promise<boolean> {
  const rows = await db.insert(memberships).values(values).onConflictDoNothing().returning({ userId: memberships.userId });
  return rows.length > 0;
}

/**
 * One invitation of the organization, locked until the transaction ends: resend, revoke and
 * accept each take this lock first, so they happen one after another.
 */
export async function lockInvitationOfOrganization(db: DbExecutor, organizationId: string, invitationId: string): Promise<InvitationRow | null> {
  const [row] = await db
    .select()
    .from(organizationInvitations)
    .where(and(eq(organizationInvitations.id, invitationId), eq(organizationInvitations.organizationId, organizationId)))
    .limit(1)
    .for("update");
  return row ?? null;
}

/** The invitation a link's token hash belongs to, with its organization; locked when `lock` is set. */
export async function findInvitationByTokenHash(
  db: DbExecutor,
  tokenHash: string,
  options: { lock?: boolean } = {},
): Promise<(InvitationRow & { organizationName: string; organizationStatus: string; invitedByName: string | null }) | null> {
  const query = db
    .select({ invitation: organizationInvitations, organizationName: organizations.name, organizationStatus: organizations.status, invitedByName: users.name })
    .from(organizationInvitations)
    .innerJoin(organizations, eq(organizations.id, organizationInvitations.organizationId))
    .leftJoin(users, eq(users.id, organizationInvitations.invitedByUserId))
    .where(eq(organizationInvitations.tokenHash, tokenHash))
    .limit(1);
  const [row] = options.lock ? await query.for("update", { of: organizationInvitations }) : await query;
  return row ? { ...row.invitation, organizationName: row.organizationName, organizationStatus: row.organizationStatus, invitedByName: row.invitedByName } : null;
}

export async function updateInvitation(
  db: DbExecutor,
  invitationId: string,
  values: Partial<Pick<InvitationRow, "tokenHash" | "expiresAt" | "sentCount" | "lastSentAt" | "acceptedAt" | "acceptedByUserId" | "revokedAt">>,
): Promise<void> {
  await db.update(organizationInvitations).set(values).where(eq(organizationInvitations.id, invitationId));
}

/**
 * The organization's invitations: unanswered ones first (open before expired, by expiry), then
 * the answered ones, newest first. At most 200: a bounded page; older answered ones drop off.
 */
export async function findInvitations(db: DbExecutor, organizationId: string, now: Date) {
  return db
    .select({
      id: organizationInvitations.id,
      email: organizationInvitations.email,
      role: organizationInvitations.role,
      expiresAt: organizationInvitations.expiresAt,
      sentCount: organizationInvitations.sentCount,
      lastSentAt: organizationInvitations.lastSentAt,
      invitedByName: users.name,
      acceptedAt: organizationInvitations.acceptedAt,
      revokedAt: organizationInvitations.revokedAt,
      createdAt: organizationInvitations.createdAt,
    })
    .from(organizationInvitations)
    .leftJoin(users, eq(users.id, organizationInvitations.invitedByUserId))
    .where(eq(organizationInvitations.organizationId, organizationId))
    .orderBy(
      sql`CASE WHEN ${organizationInvitations.acceptedAt} IS NULL AND ${organizationInvitations.revokedAt} IS NULL
        THEN (CASE WHEN ${organizationInvitations.expiresAt} > ${now} THEN 0 ELSE 1 END) ELSE 2 END`,
      sql`CASE WHEN ${organizationInvitations.acceptedAt} IS NULL AND ${organizationInvitations.revokedAt} IS NULL THEN ${organizationInvitations.expiresAt} END ASC`,
      desc(organizationInvitations.updatedAt),
      asc(organizationInvitations.id),
    )
    .limit(200);
}

export async function findUserEmail(db: DbExecutor, userId: string): Promise<string | null> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.email ?? null;
}

/** What the invitation email needs, read when it is fanned out and again when it is sent. */
export async function findInvitationForMessage(db: DbExecutor, invitationId: string) {
  const [row] = await db
    .select({ invitation: organizationInvitations, organizationName: organizations.name, invitedByName: users.name })
    .from(organizationInvitations)
    .innerJoin(organizations, eq(organizations.id, organizationInvitations.organizationId))
    .leftJoin(users, eq(users.id, organizationInvitations.invitedByUserId))
    .where(eq(organizationInvitations.id, invitationId))
    .limit(1);
  return row ? { ...row.invitation, organizationName: row.organizationName, invitedByName: row.invitedByName } : null;
}

/** A provider's link to an organization with what the provider's invitation email needs. */
export async function findProviderLinkForMessage(db: DbExecutor, organizationId: string, providerId: string) {
  const inviter = alias(users, "inviter");
  const [row] = await db
    .select({
      status: providerOrganizations.status,
      organizationName: organizations.name,
      providerUserId: providers.userId,
      providerEmail: users.email,
      invitedByName: inviter.name,
    })
    .from(providerOrganizations)
    .innerJoin(organizations, eq(organizations.id, providerOrganizations.organizationId))
    .innerJoin(providers, eq(providers.id, providerOrganizations.providerId))
    .innerJoin(users, eq(users.id, providers.userId))
    .leftJoin(inviter, eq(inviter.id, providerOrganizations.invitedByUserId))
    .where(and(eq(providerOrganizations.organizationId, organizationId), eq(providerOrganizations.providerId, providerId)))
    .limit(1);
  return row ?? null;
}
