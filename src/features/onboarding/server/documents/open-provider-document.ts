import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { BlobClient, PrivateBlob } from "@/server/integrations/blob/client";
import { checkDocumentLink } from "./document-link-signature";
import { canViewDocument, type DocumentViewer } from "./document-viewer";
import { findDocumentAccess } from "./documents-repository";
import { assertPrivateStore } from "./private-store";

export interface OpenProviderDocumentOptions {
  db: Database;
  /** A client of the PRIVATE store. */
  blob: BlobClient;
  documentId: string;
  /** The link's query values as received. */
  expires: string | null;
  signature: string | null;
  /** The signed-in user, or null. */
  viewer: DocumentViewer | null;
  origin: AuditOrigin;
  now: Date;
}

export interface OpenedProviderDocument {
  body: PrivateBlob["body"];
  size: number;
  /** As detected from the bytes at upload. */
  contentType: string;
  /** The cleaned name the provider uploaded. */
  fileName: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One answer for "no such document" and "not yours": a stranger learns nothing of what exists.
const notFound = () => new AppError("NOT_FOUND", "We could not find this document.");

/**
 * The document behind a viewing link, for the user the link was made for, if they may still see
 * it (its provider, or a platform admin). The read is recorded in the audit trail before any
 * byte is returned, and only once the file is open, so every row is a read that happened.
 * Refused attempts touch neither the store nor the audit trail: the link's signature already
 * binds the viewer, so a refusal is a stale tab or a forged URL, not a read.
 */
export async function openProviderDocument(options: OpenProviderDocumentOptions): Promise<OpenedProviderDocument> {
  const { db, blob, documentId, viewer, now } = options;
  assertPrivateStore(blob);
  if (viewer === null) throw new AppError("UNAUTHORIZED", "Sign in to view this document, then open it again from the documents page.");
  if (!UUID.test(documentId)) throw notFound();
  const link = checkDocumentLink({ documentId, viewerUserId: viewer.userId, expires: options.expires, signature: options.signature, now });
  if (link === "invalid") throw new AppError("FORBIDDEN", "This document link is not valid for you. Open the document again from the documents page.");
  if (link === "expired") throw new AppError("FORBIDDEN", "This document link has expired. Open the document again from the documents page.");

  const document = await findDocumentAccess(db, documentId);
  if (document === null || !canViewDocument(viewer, document)) throw notFound();

  const file = await blob.getPrivateBlob(document.blobPathname).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") throw notFound();
    throw error;
  });
  try {
    await recordAudit(db, {
      actorUserId: viewer.userId,
      action: "provider_document.read",
      subjectType: "provider_document",
      subjectId: document.id,
      details: { providerId: document.providerId },
      origin: options.origin,
    });
  } catch (error) {
    await file.body.cancel().catch(() => undefined);
    throw error;
  }
  return { body: file.body, size: file.size, contentType: document.contentType, fileName: document.fileName };
}
