import { asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { documentTypes, providerDocuments, providerSpecialties, providerTypeDocumentRequirements } from "@/server/db/schema";
import type { DocumentRequirementDto, DocumentTypeDto, ProviderDocumentDto } from "../../types";

const documentTypeColumns = {
  id: documentTypes.id,
  key: documentTypes.key,
  name: documentTypes.name,
  description: documentTypes.description,
  acceptedContentTypes: documentTypes.acceptedContentTypes,
  maxBytes: documentTypes.maxBytes,
};

export const providerDocumentColumns = {
  id: providerDocuments.id,
  documentTypeId: providerDocuments.documentTypeId,
  fileName: providerDocuments.fileName,
  contentType: providerDocuments.contentType,
  sizeBytes: providerDocuments.sizeBytes,
  status: providerDocuments.status,
  reviewReason: providerDocuments.reviewReason,
  reviewedAt: providerDocuments.reviewedAt,
  createdAt: providerDocuments.createdAt,
  supersededAt: providerDocuments.supersededAt,
};

/**
 * The document types a provider must send: those required of everyone, plus those any of the
 * provider's specialties (provider types) require, in catalogue order.
 */
export async function findRequiredDocumentTypes(db: DbExecutor, providerId: string): Promise<DocumentTypeDto[]> {
  return db
    .select(documentTypeColumns)
    .from(documentTypes)
    .where(
      or(
        eq(documentTypes.requiredForAll, true),
        sql`EXISTS (SELECT 1 FROM ${providerTypeDocumentRequirements} r
          JOIN ${providerSpecialties} ps ON ps.provider_type_id = r.provider_type_id
          WHERE r.document_type_id = ${documentTypes.id} AND ps.provider_id = ${providerId})`,
      ),
    )
    .orderBy(asc(documentTypes.sortOrder), asc(documentTypes.name));
}

/** Every file the provider uploaded, current and replaced, newest first. */
export async function findProviderDocuments(db: DbExecutor, providerId: string): Promise<ProviderDocumentDto[]> {
  return db
    .select(providerDocumentColumns)
    .from(providerDocuments)
    .where(eq(providerDocuments.providerId, providerId))
    .orderBy(desc(providerDocuments.createdAt), desc(providerDocuments.id));
}

/** The provider's requirements with the file answering each (files of types no longer required are left out). */
export async function listDocumentRequirements(db: DbExecutor, providerId: string): Promise<DocumentRequirementDto[]> {
  const [types, documents] = await Promise.all([findRequiredDocumentTypes(db, providerId), findProviderDocuments(db, providerId)]);
  return types.map((documentType) => {
    const mine = documents.filter((document) => document.documentTypeId === documentType.id);
    return {
      documentType,
      current: mine.find((document) => document.supersededAt === null) ?? null,
      history: mine.filter((document) => document.supersededAt !== null),
    };
  });
}

/** A document with its provider, for access checks; null when there is none. */
export async function findDocumentWithOwner(
  db: DbExecutor,
  documentId: string,
): Promise<(ProviderDocumentDto & { providerId: string; blobPathname: string }) | null> {
  const [row] = await db
    .select({ ...providerDocumentColumns, providerId: providerDocuments.providerId, blobPathname: providerDocuments.blobPathname })
    .from(providerDocuments)
    .where(eq(providerDocuments.id, documentId));
  return row ?? null;
}

/** Document types by id, for validating an upload's requirement. */
export async function findDocumentTypesByIds(db: DbExecutor, ids: readonly string[]): Promise<DocumentTypeDto[]> {
  if (ids.length === 0) return [];
  return db.select(documentTypeColumns).from(documentTypes).where(inArray(documentTypes.id, [...ids]));
}

