export { summarizeRequirements } from "./requirements-summary";
export type { DocumentRequirementDto, DocumentStatus, DocumentTypeDto, ProviderDocumentDto, RequirementsSummary } from "./types";
export { DocumentUpload, type DocumentUploadProps } from "./components/document-upload";
export { DocumentViewButton, type DocumentViewButtonProps } from "./components/document-view-button";
export { acceptAttribute, describeContentTypes, formatMegabytes } from "./document-files";
