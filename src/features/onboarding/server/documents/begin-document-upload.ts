import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { DocumentTypeDto } from "../../types";
import { findProviderOfUser, type DocumentOwner } from "./documents-repository";
import { findRequiredDocumentTypes } from "./requirements-repository";
import { assertAcceptsDocuments } from "./upload-guards";

export interface BeginDocumentUploadOptions {
  db: Database;
  userId: string;
}

export interface DocumentUploadTarget {
  provider: DocumentOwner;
  /** The document types this provider must send: an upload must answer one of them. */
  requiredTypes: DocumentTypeDto[];
}

/**
 * Everything an upload is checked against that is known before its body is read: the uploader's
 * provider profile, that it still takes documents, and its requirements (their size limits cap
 * how much of the body is read).
 */
export async function beginDocumentUpload({ db, userId }: BeginDocumentUploadOptions): Promise<DocumentUploadTarget> {
  const provider = await findProviderOfUser(db, userId);
  if (provider === null) throw new AppError("FORBIDDEN", "Uploading documents needs a provider profile. Create one to continue.");
  assertAcceptsDocuments(provider);
  return { provider, requiredTypes: await findRequiredDocumentTypes(db, provider.id) };
}
