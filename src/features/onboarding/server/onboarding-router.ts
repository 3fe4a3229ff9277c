import { router } from "@/server/trpc";

/** The provider onboarding wizard: profile, specialties, languages, services, submission. */
export const onboardingRouter = router({});
