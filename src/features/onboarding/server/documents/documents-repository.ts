import { and, eq, isNull } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { providerDocuments, providers } from "@/server/db/schema";
import type { ProviderDocumentDto } from "../../types";
import { providerDocumentColumns } from "./requirements-repository";

export type ProviderStatus = (typeof providers.$inferSelect)["status"];

export interface DocumentOwner {
  id: string;
  userId: string;
  status: ProviderStatus;
  submittedAt: Date | null;
}

const ownerColumns = { id: providers.id, userId: providers.userId, status: providers.status, submittedAt: providers.submittedAt };

/** The provider profile of a user, or null when they have none. */
export async function findProviderOfUser(db: DbExecutor, userId: string): Promise<DocumentOwner | null> {
  const [row] = await db.select(ownerColumns).from(providers).where(eq(providers.userId, userId)).limit(1);
  return row ?? null;
}

export async function findProviderById(db: DbExecutor, providerId: string): Promise<DocumentOwner | null> {
  const [row] = await db.select(ownerColumns).from(providers).where(eq(providers.id, providerId)).limit(1);
  return row ?? null;
}

/** Locks the provider row until the transaction ends: uploads of one provider, and a review of it, take turns. */
export async function lockProvider(tx: DbExecutor, providerId: string): Promise<DocumentOwner | null> {
  const [row] = await tx.select(ownerColumns).from(providers).where(eq(providers.id, providerId)).for("update");
  return row ?? null;
}

/** The current (not replaced) file of one requirement, locked. */
export async function lockCurrentDocument(
  tx: DbExecutor,
  providerId: string,
  documentTypeId: string,
): Promise<{ id: string; status: ProviderDocumentDto["status"] } | null> {
  const [row] = await tx
    .select({ id: providerDocuments.id, status: providerDocuments.status })
    .from(providerDocuments)
    .where(and(eq(providerDocuments.providerId, providerId), eq(providerDocuments.documentTypeId, documentTypeId), isNull(providerDocuments.supersededAt)))
    .for("update");
  return row ?? null;
}

/** The current file of one requirement without a lock (a pre-check; the transaction checks again). */
export async function findCurrentDocumentStatus(
  db: DbExecutor,
  providerId: string,
  documentTypeId: string,
): Promise<ProviderDocumentDto["status"] | null> {
  const [row] = await db
    .select({ status: providerDocuments.status })
    .from(providerDocuments)
    .where(and(eq(providerDocuments.providerId, providerId), eq(providerDocuments.documentTypeId, documentTypeId), isNull(providerDocuments.supersededAt)));
  return row?.status ?? null;
}

export async function supersedeDocument(tx: DbExecutor, documentId: string, at: Date): Promise<void> {
  await tx.update(providerDocuments).set({ supersededAt: at, updatedAt: at }).where(eq(providerDocuments.id, documentId));
}

export interface NewProviderDocument {
  providerId: string;
  documentTypeId: string;
  blobPathname: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByUserId: string;
  at: Date;
}

export async function insertProviderDocument(tx: DbExecutor, document: NewProviderDocument): Promise<ProviderDocumentDto> {
  const { at, ...values } = document;
  const [row] = await tx
    .insert(providerDocuments)
    .values({ ...values, status: "SUBMITTED", createdAt: at, updatedAt: at })
    .returning(providerDocumentColumns);
  return row!;
}

export interface DocumentAccess {
  id: string;
  providerId: string;
  /** The user who owns the provider profile. */
  providerUserId: string;
  blobPathname: string;
  fileName: string;
  contentType: string;
}

/** A document with what deciding who may read it needs; null when there is none. */
export async function findDocumentAccess(db: DbExecutor, documentId: string): Promise<DocumentAccess | null> {
  const [row] = await db
    .select({
      id: providerDocuments.id,
      providerId: providerDocuments.providerId,
      providerUserId: providers.userId,
      blobPathname: providerDocuments.blobPathname,
      fileName: providerDocuments.fileName,
      contentType: providerDocuments.contentType,
    })
    .from(providerDocuments)
    .innerJoin(providers, eq(providers.id, providerDocuments.providerId))
    .where(eq(providerDocuments.id, documentId));
  return row ?? null;
}
