import { and, asc, eq, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { providerDocuments, providerSpecialties, providerTypes, providers, services, users } from "@/server/db/schema";
import type { ProviderStatus, ReviewDecisionDto, ReviewQueueItemDto } from "../../review-types";

/** The audit actions of the platform's decisions, shown as a provider's decision history. */
export const REVIEW_ACTIONS = [
  "provider.approved",
  "provider.rejected",
  "provider.suspended",
  "provider.reinstated",
  "provider_document.approved",
  "provider_document.rejected",
] as const;

/**
 * Providers waiting for review (PENDING, sent for review), oldest submission first, with the
 * names of their specialties and their required documents counted by the state of the current
 * file: required are the types required of everyone plus those any specialty requires (the same
 * catalogue rule as the onboarding's listDocumentRequirements), in one statement for the page.
 */
export async function findReviewQueue(db: DbExecutor, page: { offset: number; limit: number }): Promise<{ items: ReviewQueueItemDto[]; total: number }> {
  const result = await db.execute<{
    provider_id: string;
    display_name: string;
    submitted_at: string | Date;
    specialties: string[];
    total: number;
    approved: number;
    submitted: number;
    rejected: number;
    queue_size: number;
  }>(sql`
    SELECT p.id AS provider_id, p.display_name, p.submitted_at,
      COALESCE((SELECT array_agg(pt.name ORDER BY pt.name) FROM provider_specialties ps
        JOIN provider_types pt ON pt.id = ps.provider_type_id WHERE ps.provider_id = p.id), '{}') AS specialties,
      req.total, req.approved, req.submitted, req.rejected,
      count(*) OVER ()::int AS queue_size
    FROM providers p
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS total,
        count(*) FILTER (WHERE d.status = 'APPROVED')::int AS approved,
        count(*) FILTER (WHERE d.status = 'SUBMITTED')::int AS submitted,
        count(*) FILTER (WHERE d.status = 'REJECTED')::int AS rejected
      FROM document_types dt
      LEFT JOIN provider_documents d ON d.document_type_id = dt.id AND d.provider_id = p.id AND d.superseded_at IS NULL
      WHERE dt.required_for_all OR EXISTS (
        SELECT 1 FROM provider_type_document_requirements r
        JOIN provider_specialties ps ON ps.provider_type_id = r.provider_type_id
        WHERE r.document_type_id = dt.id AND ps.provider_id = p.id)
    ) req
    WHERE p.status = 'PENDING' AND p.submitted_at IS NOT NULL
    ORDER BY p.submitted_at ASC, p.id ASC
    OFFSET ${page.offset} LIMIT ${page.limit}`);
  const items = result.rows.map((row) => ({
    providerId: row.provider_id,
    displayName: row.display_name,
    submittedAt: new Date(row.submitted_at),
    specialties: row.specialties,
    documents: {
      total: row.total,
      approved: row.approved,
      submitted: row.submitted,
      rejected: row.rejected,
      missing: row.total - row.approved - row.submitted - row.rejected,
    },
  }));
  // Past the last page the window count is not there: count on its own.
  const total = result.rows[0]?.queue_size ?? (page.offset === 0 ? 0 : await countReviewQueue(db));
  return { items, total };
}

async function countReviewQueue(db: DbExecutor): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM providers WHERE status = 'PENDING' AND submitted_at IS NOT NULL`);
  return result.rows[0]?.n ?? 0;
}

/** A provider's profile as an admin reviews it, with their account's address; null when there is none. */
export async function findProviderProfileForReview(db: DbExecutor, providerId: string) {
  const [row] = await db
    .select({
      id: providers.id,
      slug: providers.slug,
      displayName: providers.displayName,
      email: users.email,
      bio: providers.bio,
      registrationNumber: providers.registrationNumber,
      timeZone: providers.timeZone,
      languages: providers.languages,
      status: providers.status,
      statusReason: providers.statusReason,
      statusChangedAt: providers.statusChangedAt,
      submittedAt: providers.submittedAt,
      createdAt: providers.createdAt,
    })
    .from(providers)
    .innerJoin(users, eq(users.id, providers.userId))
    .where(eq(providers.id, providerId));
  if (!row) return null;
  const [specialtyRows, serviceRows] = await Promise.all([
    db
      .select({ name: providerTypes.name })
      .from(providerSpecialties)
      .innerJoin(providerTypes, eq(providerTypes.id, providerSpecialties.providerTypeId))
      .where(eq(providerSpecialties.providerId, providerId))
      .orderBy(asc(providerTypes.name)),
    db
      .select({
        id: services.id,
        name: services.name,
        durationMinutes: services.durationMinutes,
        priceMinor: services.priceMinor,
        currency: services.currency,
        isOnline: services.isOnline,
        isInPerson: services.isInPerson,
        isActive: services.isActive,
      })
      .from(services)
      .where(eq(services.providerId, providerId))
      .orderBy(asc(services.name), asc(services.id)),
  ]);
  return { ...row, specialties: specialtyRows.map((s) => s.name), services: serviceRows };
}

/** The platform's decisions on the provider and on their documents, newest first. */
export async function findReviewHistory(db: DbExecutor, providerId: string, limit: number): Promise<ReviewDecisionDto[]> {
  const result = await db.execute<{
    action: string;
    occurred_at: string | Date;
    actor_name: string | null;
    from_state: string | null;
    to_state: string | null;
    document_type_name: string | null;
  }>(sql`
    SELECT a.action, a.occurred_at, u.name AS actor_name, a.details->>'from' AS from_state, a.details->>'to' AS to_state,
      dt.name AS document_type_name
    FROM audit_log a
    LEFT JOIN users u ON u.id = a.actor_user_id
    LEFT JOIN provider_documents d ON a.subject_type = 'provider_document' AND d.id::text = a.subject_id
    LEFT JOIN document_types dt ON dt.id = d.document_type_id
    WHERE a.action IN (${sql.join(
      REVIEW_ACTIONS.map((action) => sql`${action}`),
      sql`, `,
    )})
      AND ((a.subject_type = 'provider' AND a.subject_id = ${providerId})
        OR (a.subject_type = 'provider_document' AND a.subject_id IN (SELECT id::text FROM provider_documents WHERE provider_id = ${providerId})))
    ORDER BY a.occurred_at DESC, a.id DESC
    LIMIT ${limit}`);
  return result.rows.map((row) => ({
    action: row.action,
    occurredAt: new Date(row.occurred_at),
    actorName: row.actor_name,
    from: row.from_state,
    to: row.to_state,
    documentTypeName: row.document_type_name,
  }));
}

export interface ProviderUnderReview {
  id: string;
  status: ProviderStatus;
  submittedAt: Date | null;
}

/** The provider's row, locked for this transaction: two decisions on one provider take turns. */
export async function lockProviderUnderReview(db: DbExecutor, providerId: string): Promise<ProviderUnderReview | null> {
  const [row] = await db
    .select({ id: providers.id, status: providers.status, submittedAt: providers.submittedAt })
    .from(providers)
    .where(eq(providers.id, providerId))
    .for("update");
  return row ?? null;
}

export async function findProviderStatus(db: DbExecutor, providerId: string): Promise<{ id: string; status: ProviderStatus } | null> {
  const [row] = await db.select({ id: providers.id, status: providers.status }).from(providers).where(eq(providers.id, providerId));
  return row ?? null;
}

export async function setProviderStatus(
  db: DbExecutor,
  providerId: string,
  change: { status: ProviderStatus; statusReason: string | null; statusChangedAt: Date },
): Promise<void> {
  await db.update(providers).set(change).where(eq(providers.id, providerId));
}

/** The profile goes back to the provider: it is a draft again until they send it for review. */
export async function clearProviderSubmission(db: DbExecutor, providerId: string): Promise<void> {
  await db.update(providers).set({ submittedAt: null }).where(eq(providers.id, providerId));
}

/** Which provider a document belongs to, read without a lock (a document never changes provider). */
export async function findDocumentOwner(db: DbExecutor, documentId: string): Promise<{ providerId: string } | null> {
  const [row] = await db.select({ providerId: providerDocuments.providerId }).from(providerDocuments).where(eq(providerDocuments.id, documentId));
  return row ?? null;
}

export async function lockDocument(db: DbExecutor, documentId: string) {
  const [row] = await db
    .select({
      id: providerDocuments.id,
      providerId: providerDocuments.providerId,
      documentTypeId: providerDocuments.documentTypeId,
      status: providerDocuments.status,
      reviewedAt: providerDocuments.reviewedAt,
      supersededAt: providerDocuments.supersededAt,
    })
    .from(providerDocuments)
    .where(eq(providerDocuments.id, documentId))
    .for("update");
  return row ?? null;
}

export async function recordDocumentDecision(
  db: DbExecutor,
  documentId: string,
  decision: { status: "APPROVED" | "REJECTED"; reviewReason: string | null; reviewedByUserId: string; reviewedAt: Date },
): Promise<void> {
  await db
    .update(providerDocuments)
    .set(decision)
    .where(and(eq(providerDocuments.id, documentId), eq(providerDocuments.status, "SUBMITTED")));
}
