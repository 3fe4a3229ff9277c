import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import { recordConsent } from "@/server/consent/consent-repository";
import { CONSENT_VERSIONS } from "@/server/consent/consent-versions";
import type { Database } from "@/server/db/client";
import type { OnboardingStatusDto } from "../../schemas";
import { getOnboardingStatus } from "./get-onboarding-status";
import { missingForSubmission } from "./onboarding-checklist";
import { LOCKED, lockDraft } from "./onboarding-guards";
import { countActiveServices, markSubmitted, SUBMITTED_FOR_REVIEW } from "./onboarding-repository";

export interface SubmitForReviewOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  now: Date;
  origin: AuditOrigin;
}

/**
 * Sends the profile to our team for review, with the provider's acceptance of the provider terms
 * (the input schema requires it). Also sends it again after it came back: a rejected document
 * replaced (CHANGES_REQUESTED → READY_TO_RESEND), or a new file uploaded while it waited. The
 * profile stays unpublished (PENDING) until an admin approves it.
 */
export async function submitForReview({ db, provider, actorUserId, now, origin }: SubmitForReviewOptions): Promise<OnboardingStatusDto> {
  await db.transaction(async (tx) => {
    const { profile, requirements, state, sentBefore } = await lockDraft(tx, provider.id);
    if (state === "IN_REVIEW") {
      throw new AppError("PRECONDITION_FAILED", "Your profile is already with our team for review. We will let you know when they have looked at it.", {
        state,
      });
    }
    const locked = LOCKED[state];
    if (locked) throw new AppError(locked.code, locked.message, { state });

    const missing = missingForSubmission({ profile, activeServiceCount: await countActiveServices(tx, provider.id), requirements });
    if (Object.keys(missing).length > 0) {
      throw new AppError(
        "PRECONDITION_FAILED",
        state === "CHANGES_REQUESTED"
          ? "Your profile cannot be sent again yet: upload a new file for each document that was not accepted."
          : "Your profile is not ready to send yet. Complete the steps listed and try again.",
        { fieldErrors: missing, state },
      );
    }

    await markSubmitted(tx, provider.id, now);
    await recordConsent(tx, {
      userId: actorUserId,
      subject: "PROVIDER_TERMS",
      granted: true,
      source: "onboarding",
      ipAddress: origin.ipAddress,
    });
    await recordAudit(tx, {
      actorUserId,
      action: SUBMITTED_FOR_REVIEW,
      subjectType: "provider",
      subjectId: provider.id,
      details: {
        resubmission: sentBefore,
        providerTermsVersion: CONSENT_VERSIONS.PROVIDER_TERMS,
        documentIds: requirements.flatMap((r) => (r.current ? [r.current.id] : [])),
      },
      origin,
    });
  });
  return getOnboardingStatus({ db, userId: actorUserId });
}
