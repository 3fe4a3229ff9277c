import type { DbExecutor } from "@/server/db/client";
import { summarizeRequirements } from "../../requirements-summary";
import type { DocumentRequirementDto, RequirementsSummary } from "../../types";
import type { DocumentOwner, ProviderStatus } from "./documents-repository";
import { listDocumentRequirements } from "./requirements-repository";

/** A provider's verification documents: each requirement with its files, and where they stand. */
export interface ProviderDocumentsDto {
  requirements: DocumentRequirementDto[];
  summary: RequirementsSummary;
  providerStatus: ProviderStatus;
  /** When the profile was last sent for review; null while it is a draft. */
  submittedAt: Date | null;
}

export async function documentsOverview(db: DbExecutor, provider: DocumentOwner): Promise<ProviderDocumentsDto> {
  const requirements = await listDocumentRequirements(db, provider.id);
  return { requirements, summary: summarizeRequirements(requirements), providerStatus: provider.status, submittedAt: provider.submittedAt };
}
