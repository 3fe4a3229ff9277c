import Link from "next/link";
import { cn } from "@/lib/cn";
import { ONBOARDING_PATH, ONBOARDING_STEP_LABELS, ONBOARDING_STEPS, type OnboardingChecklistStep, type OnboardingStep } from "../../schemas";

/** The wizard's steps as links, the current one marked with aria-current="step". */
export function ProgressList({ current, complete }: { current: OnboardingStep; complete: Record<OnboardingChecklistStep, boolean> }) {
  return (
    <nav aria-label="Onboarding steps">
      <ol className="flex flex-wrap gap-2 text-sm">
        {ONBOARDING_STEPS.map((step, index) => {
          const isCurrent = step === current;
          const isComplete = step !== "review" && complete[step];
          return (
            <li key={step}>
              <Link
                href={`${ONBOARDING_PATH}?step=${step}`}
                aria-current={isCurrent ? "step" : undefined}
                className={cn(
                  "inline-flex items-center gap-2 rounded-full border px-3 py-1.5",
                  isCurrent ? "border-brand-600 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 text-slate-800 hover:bg-slate-50",
                )}
              >
                <span aria-hidden="true" className={cn("font-mono", isComplete ? "text-green-700" : "text-slate-500")}>
                  {isComplete ? "✓" : index + 1}
                </span>
                {ONBOARDING_STEP_LABELS[step]}
                {step === "review" ? null : <span className="sr-only">{isComplete ? " (complete)" : " (to do)"}</span>}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
