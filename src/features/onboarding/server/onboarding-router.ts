import { saveServiceInput } from "@/features/providers/server";
import { protectedProcedure, providerProcedure, router } from "@/server/trpc";
import {
  removeOnboardingServiceInput,
  saveOnboardingProfileInput,
  saveOnboardingSpecialtiesInput,
  startOnboardingInput,
  submitForReviewInput,
} from "../schemas";
import { getOnboardingStatus } from "./wizard/get-onboarding-status";
import { removeOnboardingService } from "./wizard/remove-onboarding-service";
import { saveOnboardingProfile } from "./wizard/save-onboarding-profile";
import { saveOnboardingService } from "./wizard/save-onboarding-service";
import { saveOnboardingSpecialties } from "./wizard/save-onboarding-specialties";
import { startOnboarding } from "./wizard/start-onboarding";
import { submitForReview } from "./wizard/submit-for-review";

/**
 * The provider onboarding wizard: profile, specialties, languages, services, submission. Steps
 * after `start` need the user's own provider profile (providerProcedure) and change it only
 * while it is a draft or came back from review (wizard/onboarding-guards.ts).
 */
export const onboardingRouter = router({
  status: protectedProcedure.query(({ ctx }) => getOnboardingStatus({ db: ctx.db, userId: ctx.session.user.id })),
  start: protectedProcedure
    .input(startOnboardingInput)
    .mutation(({ ctx, input }) => startOnboarding({ db: ctx.db, userId: ctx.session.user.id, input, origin: ctx.request })),
  saveProfile: providerProcedure
    .input(saveOnboardingProfileInput)
    .mutation(({ ctx, input }) =>
      saveOnboardingProfile({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, input, origin: ctx.request }),
    ),
  saveSpecialties: providerProcedure
    .input(saveOnboardingSpecialtiesInput)
    .mutation(({ ctx, input }) =>
      saveOnboardingSpecialties({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, input, origin: ctx.request }),
    ),
  saveService: providerProcedure
    .input(saveServiceInput)
    .mutation(({ ctx, input }) =>
      saveOnboardingService({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, input, origin: ctx.request }),
    ),
  removeService: providerProcedure
    .input(removeOnboardingServiceInput)
    .mutation(({ ctx, input }) =>
      removeOnboardingService({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, serviceId: input.serviceId, origin: ctx.request }),
    ),
  submit: providerProcedure
    .input(submitForReviewInput)
    // The input only carries the acceptance of the provider terms, which its schema requires.
    .mutation(({ ctx }) =>
      submitForReview({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, now: ctx.now(), origin: ctx.request }),
    ),
});
