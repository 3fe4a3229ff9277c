import { and, asc, count, eq, inArray, like, or } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { auditLog, bookings, providerSpecialties, providerTypes, providers, services, users } from "@/server/db/schema";
import type { OnboardingProfileDto } from "../../schemas";

const profileColumns = {
  id: providers.id,
  slug: providers.slug,
  displayName: providers.displayName,
  bio: providers.bio,
  timeZone: providers.timeZone,
  registrationNumber: providers.registrationNumber,
  languages: providers.languages,
  status: providers.status,
  submittedAt: providers.submittedAt,
  statusReason: providers.statusReason,
  statusChangedAt: providers.statusChangedAt,
};

async function withSpecialties(db: DbExecutor, row: Omit<OnboardingProfileDto, "specialties">): Promise<OnboardingProfileDto> {
  const specialties = await db
    .select({ slug: providerTypes.slug, name: providerTypes.name })
    .from(providerSpecialties)
    .innerJoin(providerTypes, eq(providerTypes.id, providerSpecialties.providerTypeId))
    .where(eq(providerSpecialties.providerId, row.id))
    .orderBy(asc(providerTypes.name));
  return { ...row, specialties };
}

/** The user's provider profile as the wizard shows it, or null when they have none. */
export async function findOnboardingProfileOfUser(db: DbExecutor, userId: string): Promise<OnboardingProfileDto | null> {
  const [row] = await db.select(profileColumns).from(providers).where(eq(providers.userId, userId)).limit(1);
  return row ? withSpecialties(db, row) : null;
}

/**
 * The provider's profile, its row locked until the transaction ends, so that a check of its
 * state and the change it allows see the same state (an admin's decision waits, or comes first).
 */
export async function lockOnboardingProfile(tx: DbExecutor, providerId: string): Promise<OnboardingProfileDto | null> {
  const [row] = await tx.select(profileColumns).from(providers).where(eq(providers.id, providerId)).for("update");
  return row ? withSpecialties(tx, row) : null;
}

export async function findUserName(db: DbExecutor, userId: string): Promise<string | null> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.name ?? null;
}

/** Slugs in use that are `base` or `base-<anything>`, for picking a free one. */
export async function findSlugsStartingWith(db: DbExecutor, base: string): Promise<string[]> {
  // The base is a-z, 0-9 and dashes (providerSlugBase), so it holds no LIKE wildcards.
  const rows = await db
    .select({ slug: providers.slug })
    .from(providers)
    .where(or(eq(providers.slug, base), like(providers.slug, `${base}-%`)));
  return rows.map((row) => row.slug);
}

/**
 * A new PENDING draft profile; null when the slug or the user's profile already exists (a
 * concurrent start), which the caller tells apart.
 */
export async function insertDraftProvider(
  tx: DbExecutor,
  values: { userId: string; slug: string; displayName: string; timeZone: string },
): Promise<{ id: string; slug: string } | null> {
  const [row] = await tx
    .insert(providers)
    .values({ ...values, status: "PENDING", submittedAt: null, languages: [] })
    .onConflictDoNothing()
    .returning({ id: providers.id, slug: providers.slug });
  return row ?? null;
}

export async function findProviderIdOfUser(db: DbExecutor, userId: string): Promise<string | null> {
  const [row] = await db.select({ id: providers.id }).from(providers).where(eq(providers.userId, userId)).limit(1);
  return row?.id ?? null;
}

/** Profile fields the wizard changes; every change returns the profile to a draft (submitted_at null). */
export async function updateDraftProfile(
  tx: DbExecutor,
  providerId: string,
  values: Partial<{ displayName: string; bio: string; timeZone: string; registrationNumber: string; languages: string[] }>,
): Promise<void> {
  await tx
    .update(providers)
    .set({ ...values, submittedAt: null })
    .where(eq(providers.id, providerId));
}

export async function findProviderTypesBySlugs(db: DbExecutor, slugs: readonly string[]): Promise<{ id: string; slug: string }[]> {
  if (slugs.length === 0) return [];
  return db.select({ id: providerTypes.id, slug: providerTypes.slug }).from(providerTypes).where(inArray(providerTypes.slug, [...slugs]));
}

export async function replaceProviderSpecialties(tx: DbExecutor, providerId: string, providerTypeIds: readonly string[]): Promise<void> {
  await tx.delete(providerSpecialties).where(eq(providerSpecialties.providerId, providerId));
  if (providerTypeIds.length === 0) return;
  await tx.insert(providerSpecialties).values(providerTypeIds.map((providerTypeId) => ({ providerId, providerTypeId })));
}

export async function countActiveServices(db: DbExecutor, providerId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(services)
    .where(and(eq(services.providerId, providerId), eq(services.isActive, true)));
  return row?.n ?? 0;
}

export async function findServiceIdOfProvider(db: DbExecutor, providerId: string, serviceId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.providerId, providerId)))
    .limit(1);
  return row?.id ?? null;
}

export async function countBookingsOfService(db: DbExecutor, serviceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(bookings).where(eq(bookings.serviceId, serviceId));
  return row?.n ?? 0;
}

export async function deleteServiceOfProvider(tx: DbExecutor, providerId: string, serviceId: string): Promise<void> {
  await tx.delete(services).where(and(eq(services.id, serviceId), eq(services.providerId, providerId)));
}

export async function deactivateServiceOfProvider(tx: DbExecutor, providerId: string, serviceId: string): Promise<void> {
  await tx
    .update(services)
    .set({ isActive: false })
    .where(and(eq(services.id, serviceId), eq(services.providerId, providerId)));
}

/** Marks the profile as sent for review at `at`. */
export async function markSubmitted(tx: DbExecutor, providerId: string, at: Date): Promise<void> {
  await tx.update(providers).set({ submittedAt: at }).where(eq(providers.id, providerId));
}

/** The audit action of a submission; its rows tell whether a profile was ever sent. */
export const SUBMITTED_FOR_REVIEW = "provider.submitted_for_review";

/**
 * Whether the profile was ever sent for review. submitted_at alone cannot tell: the team's
 * rejection of a file clears it. The audit trail keeps every submission (append-only).
 */
export async function wasSentForReview(db: DbExecutor, providerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "provider"), eq(auditLog.subjectId, providerId), eq(auditLog.action, SUBMITTED_FOR_REVIEW)))
    .limit(1);
  return row !== undefined;
}
