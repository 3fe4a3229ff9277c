"use client";

import { OnboardingStateNotice } from "./wizard/state-notice";
import { useOnboardingStatus } from "./wizard/use-onboarding";

/**
 * The provider dashboard's banner for a profile that is not approved: a draft to finish, one
 * waiting for review, one sent back (with the team's reasons), or a rejected or suspended one.
 */
export function OnboardingStatusBanner() {
  const status = useOnboardingStatus();
  if (!status.data) return null;
  return (
    <section aria-label="Provider profile status">
      <OnboardingStateNotice status={status.data} linkToWizard />
    </section>
  );
}
