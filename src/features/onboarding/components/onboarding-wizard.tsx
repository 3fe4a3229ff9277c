"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ONBOARDING_PATH, ONBOARDING_STEP_LABELS, ONBOARDING_STEPS, type OnboardingStatusDto, type OnboardingStep } from "../schemas";
import { DocumentsStep } from "./wizard/documents-step";
import { ProfileStep } from "./wizard/profile-step";
import { ProgressList } from "./wizard/progress-list";
import { ReviewStep } from "./wizard/review-step";
import { ServicesStep } from "./wizard/services-step";
import { SpecialtiesStep } from "./wizard/specialties-step";
import { StartOnboardingForm } from "./wizard/start-onboarding-form";
import { OnboardingStateNotice } from "./wizard/state-notice";
import { useOnboardingStatus } from "./wizard/use-onboarding";

function nextStep(step: OnboardingStep): OnboardingStep {
  return ONBOARDING_STEPS[Math.min(ONBOARDING_STEPS.indexOf(step) + 1, ONBOARDING_STEPS.length - 1)]!;
}

/**
 * The provider onboarding wizard: Profile → Specialties & languages → Services → Documents →
 * Review & submit. The step comes from the page's `?step=`; each step saves and moves on.
 */
export function OnboardingWizard({ step }: { step: OnboardingStep }) {
  const status = useOnboardingStatus();
  const router = useRouter();
  const [announcement, setAnnouncement] = useState("");

  const goTo = (target: OnboardingStep, message: string) => {
    setAnnouncement(message);
    router.push(`${ONBOARDING_PATH}?step=${target}`, { scroll: true });
  };

  if (status.isPending) return <p role="status">Loading your provider profile…</p>;
  if (status.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load your provider profile: {status.error.message}
      </p>
    );
  }
  const data = status.data;
  return (
    <div className="space-y-6">
      <p role="status" className="text-sm text-green-800">
        {announcement}
      </p>
      {data.state === "NOT_STARTED" ? (
        <StartOnboardingForm
          suggestedDisplayName={data.suggestedDisplayName}
          onStarted={(message) => {
            // The provider area's navigation appears once there is a profile.
            router.refresh();
            goTo("profile", message);
          }}
        />
      ) : (
        <StartedWizard status={data} step={step} goTo={goTo} />
      )}
    </div>
  );
}

function StartedWizard({
  status,
  step,
  goTo,
}: {
  status: OnboardingStatusDto;
  step: OnboardingStep;
  goTo: (target: OnboardingStep, message: string) => void;
}) {
  const profile = status.profile!;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);

  // Moving between steps keeps the page, so focus goes to the new step's heading for screen
  // readers and keyboards; the first render leaves focus where the browser put it.
  useEffect(() => {
    if (shownStep.current !== step) headingRef.current?.focus();
    shownStep.current = step;
  }, [step]);

  const saved = (message: string) => goTo(nextStep(step), message);
  return (
    <>
      <OnboardingStateNotice status={status} />
      {status.canEdit || status.state === "APPROVED" ? null : (
        <p className="text-sm text-slate-700">You can look at every step; changes are not possible now.</p>
      )}
      <ProgressList current={step} complete={status.steps} />
      <section aria-labelledby="onboarding-step-heading" className="space-y-4">
        <h2 id="onboarding-step-heading" ref={headingRef} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
          Step {ONBOARDING_STEPS.indexOf(step) + 1} of {ONBOARDING_STEPS.length}: {ONBOARDING_STEP_LABELS[step]}
        </h2>
        {step === "profile" ? <ProfileStep key={profile.id} profile={profile} canEdit={status.canEdit} onSaved={saved} /> : null}
        {step === "specialties" ? <SpecialtiesStep key={profile.id} profile={profile} canEdit={status.canEdit} onSaved={saved} /> : null}
        {step === "services" ? <ServicesStep canEdit={status.canEdit} onContinue={saved} /> : null}
        {step === "documents" ? <DocumentsStep canEdit={status.canEdit} onContinue={saved} /> : null}
        {step === "review" ? (
          <ReviewStep
            status={status}
            onSubmitted={(message) => {
              // The send form goes away once the profile is with the team: focus stays on the step.
              goTo("review", message);
              headingRef.current?.focus();
            }}
          />
        ) : null}
      </section>
    </>
  );
}
