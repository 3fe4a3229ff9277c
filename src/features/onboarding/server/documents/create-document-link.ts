import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import { DOCUMENT_LINK_SECONDS, documentLinkPath } from "./document-link-signature";
import { canViewDocument, type DocumentViewer } from "./document-viewer";
import { findDocumentAccess } from "./documents-repository";

export interface CreateDocumentLinkOptions {
  db: Database;
  documentId: string;
  viewer: DocumentViewer;
  now: Date;
}

export interface DocumentLinkDto {
  /** A path on the app's own origin, valid for the viewer's session only, until expiresAt. */
  url: string;
  expiresAt: Date;
}

/**
 * A short-lived link for the document's owner or a platform admin. Anyone else is told the
 * document does not exist, whether it does or not.
 */
export async function createDocumentLink({ db, documentId, viewer, now }: CreateDocumentLinkOptions): Promise<DocumentLinkDto> {
  const document = await findDocumentAccess(db, documentId);
  if (document === null || !canViewDocument(viewer, document)) throw new AppError("NOT_FOUND", "Document not found.");
  const expires = Math.floor(now.getTime() / 1000) + DOCUMENT_LINK_SECONDS;
  return {
    url: documentLinkPath({ documentId: document.id, viewerUserId: viewer.userId, expires }),
    expiresAt: new Date(expires * 1000),
  };
}
