import { summarizeRequirements } from "../../requirements-summary";
import type { OnboardingChecklistStep, OnboardingProfileDto, OnboardingState, OnboardingStatusDto } from "../../schemas";
import type { DocumentRequirementDto } from "../../types";

export interface OnboardingFacts {
  profile: OnboardingProfileDto;
  activeServiceCount: number;
  requirements: readonly DocumentRequirementDto[];
  /** Whether the profile was ever sent for review (submitted_at is cleared when it comes back). */
  sentBefore: boolean;
}

/**
 * Where a profile stands (see OnboardingState). A rejected current file puts it back with the
 * provider (the admin's rejection also clears submitted_at). A profile sent before that is a
 * draft again (it came back, or was changed since), or that got a new file after it was sent,
 * waits to be sent again.
 */
export function onboardingState(
  profile: Pick<OnboardingProfileDto, "status" | "submittedAt">,
  requirements: readonly DocumentRequirementDto[],
  sentBefore: boolean,
): OnboardingState {
  if (profile.status !== "PENDING") return profile.status;
  if (requirements.some((r) => r.current?.status === "REJECTED")) return "CHANGES_REQUESTED";
  const submittedAt = profile.submittedAt;
  if (submittedAt === null) return sentBefore ? "READY_TO_RESEND" : "DRAFT";
  if (requirements.some((r) => r.current !== null && r.current.createdAt.getTime() > submittedAt.getTime())) return "READY_TO_RESEND";
  return "IN_REVIEW";
}

/**
 * The editing rule, kept simple: the wizard changes a PENDING profile while it is a draft or
 * after it came back (CHANGES_REQUESTED, READY_TO_RESEND), and every change clears
 * submitted_at, so a changed profile has to be sent (again) before the team reviews it. While it waits with our team
 * (IN_REVIEW) it is read-only; approved profiles change through the provider area's own pages;
 * rejected and suspended ones do not change.
 */
export function isEditableState(state: OnboardingState): boolean {
  return state === "DRAFT" || state === "CHANGES_REQUESTED" || state === "READY_TO_RESEND";
}

/** What still stops a submission, keyed like submit's field errors; empty when it can be sent. */
export function missingForSubmission({ profile, activeServiceCount, requirements }: Omit<OnboardingFacts, "sentBefore">): Record<string, string[]> {
  const missing: Record<string, string[]> = {};
  if (!profile.registrationNumber) missing.registrationNumber = ["Add your professional registration number (Profile step)."];
  if (profile.specialties.length === 0) missing.specialties = ["Choose at least one specialty (Specialties & languages step)."];
  if (profile.languages.length === 0) missing.languages = ["Choose at least one language you consult in (Specialties & languages step)."];
  if (activeServiceCount === 0) missing.services = ["Add at least one active service patients can book (Services step)."];
  for (const { documentType, current } of requirements) {
    if (current === null) missing[`documents.${documentType.key}`] = [`Upload your ${documentType.name.toLowerCase()} (Documents step).`];
    else if (current.status === "REJECTED") {
      missing[`documents.${documentType.key}`] = [`Your ${documentType.name.toLowerCase()} was not accepted: upload a new file (Documents step).`];
    }
  }
  return missing;
}

/** The status the wizard renders from, for a user who has a profile. */
export function onboardingStatusOf(facts: OnboardingFacts, suggestedDisplayName: string): OnboardingStatusDto {
  const { profile, activeServiceCount, requirements, sentBefore } = facts;
  const state = onboardingState(profile, requirements, sentBefore);
  const documents = summarizeRequirements(requirements);
  const missing = missingForSubmission(facts);
  const steps: Record<OnboardingChecklistStep, boolean> = {
    profile: Boolean(profile.registrationNumber) && profile.displayName.trim().length > 0,
    specialties: profile.specialties.length > 0 && profile.languages.length > 0,
    services: activeServiceCount > 0,
    documents: documents.readyToSubmit,
  };
  const canEdit = isEditableState(state);
  return {
    state,
    profile,
    suggestedDisplayName,
    sentBefore,
    steps,
    activeServiceCount,
    documents,
    rejectedDocuments: requirements.flatMap(({ documentType, current }) =>
      current?.status === "REJECTED"
        ? [{ documentTypeKey: documentType.key, name: documentType.name, reason: current.reviewReason ?? "" }]
        : [],
    ),
    canEdit,
    canSubmit: (state === "DRAFT" || state === "READY_TO_RESEND") && Object.keys(missing).length === 0,
    missing,
  };
}

/** The status of a user who has not started. */
export function notStartedStatus(suggestedDisplayName: string): OnboardingStatusDto {
  return {
    state: "NOT_STARTED",
    profile: null,
    suggestedDisplayName,
    sentBefore: false,
    steps: { profile: false, specialties: false, services: false, documents: false },
    activeServiceCount: 0,
    documents: null,
    rejectedDocuments: [],
    canEdit: false,
    canSubmit: false,
    missing: {},
  };
}
