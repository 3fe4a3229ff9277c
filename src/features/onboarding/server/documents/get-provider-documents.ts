import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import { documentsOverview, type ProviderDocumentsDto } from "./documents-overview";
import { findProviderById } from "./documents-repository";

export interface GetProviderDocumentsOptions {
  db: Database;
  providerId: string;
  /** The platform admin looking. */
  actorUserId: string;
  origin: AuditOrigin;
}

/** Any provider's documents, for a platform admin; the look is recorded in the audit trail before it is answered. */
export async function getProviderDocuments({ db, providerId, actorUserId, origin }: GetProviderDocumentsOptions): Promise<ProviderDocumentsDto> {
  return db.transaction(async (tx) => {
    const provider = await findProviderById(tx, providerId);
    if (provider === null) throw new AppError("NOT_FOUND", "Provider not found.");
    const overview = await documentsOverview(tx, provider);
    await recordAudit(tx, {
      actorUserId,
      action: "provider_documents.listed",
      subjectType: "provider",
      subjectId: provider.id,
      details: { providerId: provider.id },
      origin,
    });
    return overview;
  });
}
