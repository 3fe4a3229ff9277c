export { onboardingRouter } from "./onboarding-router";
export { providerDocumentsRouter } from "./documents-router";
export { listDocumentRequirements } from "./documents/requirements-repository";
export { handleDocumentUpload, type HandleDocumentUploadOptions, type UploadErrorBody } from "./documents/handle-document-upload";
export { openProviderDocument, type OpenedProviderDocument } from "./documents/open-provider-document";
export type { ProviderDocumentsDto } from "./documents/documents-overview";
export type { DocumentLinkDto } from "./documents/create-document-link";
export { documentContentDisposition } from "./documents/content-disposition";
