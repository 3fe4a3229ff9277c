export { onboardingRouter } from "./onboarding-router";
export { providerDocumentsRouter } from "./documents-router";
