import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import { enqueueDomainEvent } from "@/server/outbox/outbox-repository";
import type { reviewDocumentInput } from "../../review-schemas";
import type { ReviewedDocumentDto } from "../../review-types";
import { clearProviderSubmission, findDocumentOwner, lockDocument, lockProviderUnderReview, recordDocumentDecision } from "./review-repository";

export interface ReviewDocumentOptions {
  db: Database;
  actorUserId: string;
  origin: AuditOrigin;
  input: z.output<typeof reviewDocumentInput>;
  now: Date;
}

const notFound = () => new AppError("NOT_FOUND", "No provider document has this id. Reload the provider's page and choose a file from it.");

/**
 * An admin approves or rejects one file a provider sent, while the provider waits for
 * verification. Only the current file of a requirement, and only once: a replaced file or one
 * already decided is a CONFLICT (the provider must send a new file for a new decision).
 * Rejecting sends the profile back to the provider (submitted_at cleared: they upload a new file
 * and send the profile for review again) and tells them by email why; the email reads the reason
 * from the document when it is sent, so the outbox carries ids only. Provider row first, then the
 * document, as the provider's own uploads lock them.
 */
export async function reviewDocument({ db, actorUserId, origin, input, now }: ReviewDocumentOptions): Promise<ReviewedDocumentDto> {
  const owner = await findDocumentOwner(db, input.documentId);
  if (!owner) throw notFound();
  return db.transaction(async (tx) => {
    const provider = await lockProviderUnderReview(tx, owner.providerId);
    const document = await lockDocument(tx, input.documentId);
    if (!provider || !document) throw notFound();
    if (provider.status !== "PENDING") {
      throw new AppError("CONFLICT", `This provider is ${provider.status.toLowerCase()}: documents are reviewed only while a profile waits for verification.`);
    }
    if (document.supersededAt) {
      throw new AppError("CONFLICT", "The provider has replaced this file with a newer one since. Review the current file instead.");
    }
    if (document.status !== "SUBMITTED") {
      throw new AppError(
        "CONFLICT",
        `This file was already ${document.status === "APPROVED" ? "approved" : "rejected"}. A new decision needs a new file from the provider.`,
      );
    }
    const status = input.decision === "APPROVE" ? "APPROVED" : "REJECTED";
    await recordDocumentDecision(tx, document.id, {
      status,
      reviewReason: status === "REJECTED" ? input.reason : null,
      reviewedByUserId: actorUserId,
      reviewedAt: now,
    });
    const returnsToProvider = status === "REJECTED" && provider.submittedAt !== null;
    if (status === "REJECTED") {
      await clearProviderSubmission(tx, provider.id);
      await enqueueDomainEvent(tx, {
        type: "provider.document_rejected",
        aggregateType: "provider",
        aggregateId: provider.id,
        payload: { providerId: provider.id, documentId: document.id },
      });
    }
    await recordAudit(tx, {
      actorUserId,
      action: `provider_document.${status.toLowerCase()}`,
      subjectType: "provider_document",
      subjectId: document.id,
      details: { providerId: provider.id, documentTypeId: document.documentTypeId, from: "SUBMITTED", to: status, returnedToProvider: returnsToProvider },
      origin,
    });
    return {
      id: document.id,
      providerId: provider.id,
      status,
      providerSubmittedAt: status === "REJECTED" ? null : provider.submittedAt,
    };
  });
}
