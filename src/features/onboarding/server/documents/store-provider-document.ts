import { createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { BlobClient } from "@/server/integrations/blob/client";
import { cleanFileName, contentTypeLabel, describeContentTypes, extensionsOf, fileNameExtension, fileNameProblem } from "../../document-files";
import type { ProviderDocumentDto } from "../../types";
import type { DocumentUploadTarget } from "./begin-document-upload";
import { detectContentType } from "./detect-content-type";
import { findCurrentDocumentStatus, insertProviderDocument, lockCurrentDocument, lockProvider, supersedeDocument } from "./documents-repository";
import { assertPrivateStore } from "./private-store";
import { assertAcceptsDocuments, assertOwnProfile, fileTooLargeError, NOT_OWN_PROFILE_MESSAGE, requiredTypeFor, uploadFieldError } from "./upload-guards";

export interface UploadedFile {
  /** The name the browser sent, unchecked. */
  name: string;
  bytes: Buffer;
}

export interface StoreProviderDocumentOptions {
  db: Database;
  /** A client of the PRIVATE store. */
  blob: BlobClient;
  target: DocumentUploadTarget;
  actorUserId: string;
  input: { documentTypeId: string | undefined; providerId: string | undefined; file: UploadedFile };
  origin: AuditOrigin;
  now: Date;
}

const APPROVED_MESSAGE = "This document is already approved, so it cannot be replaced. Contact support if it needs updating.";

/** Where a document's bytes go: the provider's folder and 256 random bits, nothing the uploader chose. */
function newDocumentPathname(providerId: string): string {
  return `provider-documents/${providerId}/${randomBytes(32).toString("base64url")}`;
}

async function checkedContentType(bytes: Buffer, fileName: string, accepted: readonly string[], typeName: string): Promise<string> {
  const detected = await detectContentType(bytes);
  if (detected === null || !accepted.includes(detected.mime)) {
    const expected = describeContentTypes(accepted);
    const found = detected === null ? "not a type we recognise" : `${detected.ext.toUpperCase()} (${detected.mime})`;
    throw uploadFieldError(
      "file",
      `The ${typeName.toLowerCase()} must be a ${expected} file, and this file's content is ${found}. Choose a ${expected} file: renaming a file does not change its type.`,
      415,
    );
  }
  const extension = fileNameExtension(fileName);
  const fitting = new Set([...extensionsOf(detected.mime), detected.ext]);
  if (extension !== null && !fitting.has(extension)) {
    throw uploadFieldError(
      "file",
      `The file's name ends in .${extension}, but its content is ${contentTypeLabel(detected.mime)}. Rename it to end in .${[...fitting][0]} or choose the right file.`,
    );
  }
  return detected.mime;
}

/**
 * Stores one verification file for the uploader's own, PENDING provider profile, as the current
 * file of one of its requirements. Every check runs before the bytes are stored; the new row,
 * the replacement of the previous file and the audit entry are one transaction, and the stored
 * blob is deleted again if that transaction fails. The profile's submission state is untouched.
 */
export async function storeProviderDocument(options: StoreProviderDocumentOptions): Promise<ProviderDocumentDto> {
  const { db, blob, target, actorUserId, input, origin, now } = options;
  const { provider, requiredTypes } = target;
  assertPrivateStore(blob);
  assertOwnProfile(provider, input.providerId);
  const type = requiredTypeFor(requiredTypes, input.documentTypeId);
  const { bytes } = input.file;
  if (bytes.length === 0) throw uploadFieldError("file", "The file is empty. Choose the scan or photo of your document again.");
  if (bytes.length > type.maxBytes) throw fileTooLargeError(type, type.maxBytes);
  const nameProblem = fileNameProblem(input.file.name);
  if (nameProblem !== null) throw uploadFieldError("file", nameProblem);
  const fileName = cleanFileName(input.file.name);
  const contentType = await checkedContentType(bytes, fileName, type.acceptedContentTypes, type.name);
  // Checked again under the lock below; refusing here keeps a doomed file out of the store.
  if ((await findCurrentDocumentStatus(db, provider.id, type.id)) === "APPROVED") throw new AppError("CONFLICT", APPROVED_MESSAGE);

  const stored = await blob.putBlob({
    pathname: newDocumentPathname(provider.id),
    body: bytes,
    contentType,
    addRandomSuffix: false,
    allowOverwrite: false,
  });
  try {
    return await db.transaction(async (tx) => {
      const locked = await lockProvider(tx, provider.id);
      if (locked === null || locked.userId !== actorUserId) throw new AppError("FORBIDDEN", NOT_OWN_PROFILE_MESSAGE);
      assertAcceptsDocuments(locked);
      const current = await lockCurrentDocument(tx, provider.id, type.id);
      if (current?.status === "APPROVED") throw new AppError("CONFLICT", APPROVED_MESSAGE);
      // Before the insert: one current file per requirement is a unique index.
      if (current !== null) await supersedeDocument(tx, current.id, now);
      const document = await insertProviderDocument(tx, {
        providerId: provider.id,
        documentTypeId: type.id,
        blobPathname: stored.pathname,
        fileName,
        contentType,
        sizeBytes: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        uploadedByUserId: actorUserId,
        at: now,
      });
      await recordAudit(tx, {
        actorUserId,
        action: "provider_document.uploaded",
        subjectType: "provider_document",
        subjectId: document.id,
        details: { providerId: provider.id, documentTypeId: type.id, replacedDocumentId: current?.id ?? null, contentType, sizeBytes: bytes.length },
        origin,
      });
      return document;
    });
  } catch (error) {
    // No row points at the blob: remove it, whatever failed. A failed delete leaves an orphan
    // under the provider's folder, which no link can reach.
    await blob.deleteBlob(stored.pathname).catch(() => undefined);
    throw error;
  }
}
