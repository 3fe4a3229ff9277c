import { AppError, type AppErrorCode } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import { listDocumentRequirements } from "../documents/requirements-repository";
import type { OnboardingProfileDto, OnboardingState } from "../../schemas";
import type { DocumentRequirementDto } from "../../types";
import { isEditableState, onboardingState } from "./onboarding-checklist";
import { lockOnboardingProfile, wasSentForReview } from "./onboarding-repository";

/** Why a profile in this state cannot be changed through the wizard (or sent again). */
export const LOCKED: Partial<Record<OnboardingState, { code: AppErrorCode; message: string }>> = {
  IN_REVIEW: {
    code: "PRECONDITION_FAILED",
    message: "Your profile is with our team for review; you can change it if they send it back.",
  },
  APPROVED: {
    code: "PRECONDITION_FAILED",
    message: "Your profile is already approved. Change your services and settings from the provider area instead.",
  },
  REJECTED: {
    code: "FORBIDDEN",
    message: "Your provider profile was not approved, so it cannot be changed or sent again. Please contact support if you think this is a mistake.",
  },
  SUSPENDED: {
    code: "FORBIDDEN",
    message: "Your provider profile is suspended, so it cannot be changed or sent for review. Please contact support.",
  },
};

export interface LockedDraft {
  profile: OnboardingProfileDto;
  requirements: DocumentRequirementDto[];
  sentBefore: boolean;
  state: OnboardingState;
}

/** Locks the provider's row and reads its state and documents, for a guard and the change it allows. */
export async function lockDraft(tx: DbExecutor, providerId: string): Promise<LockedDraft> {
  const profile = await lockOnboardingProfile(tx, providerId);
  if (!profile) throw new AppError("NOT_FOUND", "We could not find your provider profile.");
  const [requirements, sentBefore] = await Promise.all([listDocumentRequirements(tx, providerId), wasSentForReview(tx, providerId)]);
  return { profile, requirements, sentBefore, state: onboardingState(profile, requirements, sentBefore) };
}

/** lockDraft, refusing unless the wizard may change the profile now (see isEditableState). */
export async function lockEditableDraft(tx: DbExecutor, providerId: string): Promise<LockedDraft> {
  const draft = await lockDraft(tx, providerId);
  if (!isEditableState(draft.state)) {
    const locked = LOCKED[draft.state] ?? { code: "PRECONDITION_FAILED" as const, message: "Your profile cannot be changed now." };
    throw new AppError(locked.code, locked.message, { state: draft.state });
  }
  return draft;
}
