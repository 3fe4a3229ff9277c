export { summarizeRequirements } from "./requirements-summary";
export type { DocumentRequirementDto, DocumentStatus, DocumentTypeDto, ProviderDocumentDto, RequirementsSummary } from "./types";
