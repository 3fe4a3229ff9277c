export { onboardingRouter } from "./onboarding-router";
export { providerDocumentsRouter } from "./documents-router";
export { listDocumentRequirements } from "./documents/requirements-repository";
