import type { DbExecutor } from "@/server/db/client";
import { listDocumentRequirements } from "../documents/requirements-repository";
import type { OnboardingStatusDto } from "../../schemas";
import { notStartedStatus, onboardingStatusOf } from "./onboarding-checklist";
import { countActiveServices, findOnboardingProfileOfUser, findUserName, wasSentForReview } from "./onboarding-repository";

/** Where the signed-in user is in onboarding; "NOT_STARTED" when they have no provider profile. */
export async function getOnboardingStatus({ db, userId }: { db: DbExecutor; userId: string }): Promise<OnboardingStatusDto> {
  const [profile, userName] = await Promise.all([findOnboardingProfileOfUser(db, userId), findUserName(db, userId)]);
  const suggestedDisplayName = userName?.trim() ?? "";
  if (!profile) return notStartedStatus(suggestedDisplayName);
  const [activeServiceCount, requirements, sentBefore] = await Promise.all([
    countActiveServices(db, profile.id),
    listDocumentRequirements(db, profile.id),
    wasSentForReview(db, profile.id),
  ]);
  return onboardingStatusOf({ profile, activeServiceCount, requirements, sentBefore }, suggestedDisplayName);
}
