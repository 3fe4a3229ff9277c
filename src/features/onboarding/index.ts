export { summarizeRequirements } from "./requirements-summary";
export type { DocumentRequirementDto, DocumentStatus, DocumentTypeDto, ProviderDocumentDto, RequirementsSummary } from "./types";
export { DocumentUpload, type DocumentUploadProps } from "./components/document-upload";
export { DocumentViewButton, type DocumentViewButtonProps } from "./components/document-view-button";
export { acceptAttribute, describeContentTypes, formatMegabytes } from "./document-files";
export { OnboardingWizard } from "./components/onboarding-wizard";
export { OnboardingStatusBanner } from "./components/onboarding-status-banner";
export { firstOpenStep, isOnboardingStep, ONBOARDING_PATH, type OnboardingStatusDto, type OnboardingStep } from "./schemas";
