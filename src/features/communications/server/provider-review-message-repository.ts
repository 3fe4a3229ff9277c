import { and, eq } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { documentTypes, providerDocuments, providers, users } from "@/server/db/schema";

const providerColumns = {
  providerId: providers.id,
  displayName: providers.displayName,
  status: providers.status,
  statusReason: providers.statusReason,
  statusChangedAt: providers.statusChangedAt,
  userId: users.id,
  email: users.email,
  erasedAt: users.erasedAt,
};

/** A provider as a review decision's message needs it, with their account's address. */
export async function findProviderForReviewMessage(db: DbExecutor, providerId: string) {
  const [row] = await db.select(providerColumns).from(providers).innerJoin(users, eq(users.id, providers.userId)).where(eq(providers.id, providerId));
  return row ?? null;
}

/** A provider's document with its type's name and the reason it was decided so, for the rejection message. */
export async function findDocumentForReviewMessage(db: DbExecutor, providerId: string, documentId: string) {
  const [row] = await db
    .select({
      ...providerColumns,
      documentStatus: providerDocuments.status,
      reviewReason: providerDocuments.reviewReason,
      supersededAt: providerDocuments.supersededAt,
      documentName: documentTypes.name,
    })
    .from(providerDocuments)
    .innerJoin(documentTypes, eq(documentTypes.id, providerDocuments.documentTypeId))
    .innerJoin(providers, eq(providers.id, providerDocuments.providerId))
    .innerJoin(users, eq(users.id, providers.userId))
    .where(and(eq(providerDocuments.id, documentId), eq(providerDocuments.providerId, providerId)));
  return row ?? null;
}
