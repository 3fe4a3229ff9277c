"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldErrorText } from "@/components/ui/field-error";
import { languageName } from "@/lib/languages";
import { ONBOARDING_PATH, ONBOARDING_STEP_LABELS, stepOfMissing, submitForReviewInput, type OnboardingStatusDto } from "../../schemas";
import { fieldErrorsOf, serverFieldErrors, useFormErrors, type FieldErrors } from "./form-bits";
import { useSubmitForReview } from "./use-onboarding";

function MissingList({ missing, id }: { missing: FieldErrors; id: string }) {
  const entries = Object.entries(missing);
  if (entries.length === 0) return null;
  return (
    <div id={id} className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-medium">Before you can send your profile:</p>
      <ul className="list-disc pl-5">
        {entries.map(([key, messages]) => (
          <li key={key}>
            {messages.join(" ")}{" "}
            <Link href={`${ONBOARDING_PATH}?step=${stepOfMissing(key)}`} className="text-brand-700 underline">
              Go to {ONBOARDING_STEP_LABELS[stepOfMissing(key)]}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ReviewStep({ status, onSubmitted }: { status: OnboardingStatusDto; onSubmitted: (message: string) => void }) {
  const profile = status.profile!;
  const [accepted, setAccepted] = useState(false);
  const errors = useFormErrors();
  const [serverMissing, setServerMissing] = useState<FieldErrors | null>(null);
  const submit = useSubmitForReview();
  const id = useId();
  const isResend = status.sentBefore;
  const missing = serverMissing ?? status.missing;
  const sendable = status.state === "DRAFT" || status.state === "READY_TO_RESEND" || status.state === "CHANGES_REQUESTED";

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setServerMissing(null);
    const checked = submitForReviewInput.safeParse({ acceptProviderTerms: accepted });
    if (!checked.success) {
      errors.setFieldErrors(fieldErrorsOf(checked.error));
      return;
    }
    submit.mutate(checked.data, {
      onSuccess: () =>
        onSubmitted(
          isResend
            ? "Your profile was sent for review again. We will let you know when our team has looked at it."
            : "Your profile was sent for review. Your public page stays unpublished until our team approves it.",
        ),
      onError: (error) => {
        const fields = serverFieldErrors(error);
        if (fields && !fields.acceptProviderTerms) setServerMissing(fields);
        else if (fields) errors.setFieldErrors(fields);
        errors.setFormError(error.message);
      },
    });
  };

  const termsErrors = errors.of("acceptProviderTerms");
  return (
    <div className="space-y-6">
      <dl className="grid max-w-3xl gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="font-medium text-slate-600">Name</dt>
        <dd>{profile.displayName}</dd>
        <dt className="font-medium text-slate-600">Registration number</dt>
        <dd>{profile.registrationNumber ?? "Not given yet"}</dd>
        <dt className="font-medium text-slate-600">Time zone</dt>
        <dd>{profile.timeZone.replaceAll("_", " ")}</dd>
        <dt className="font-medium text-slate-600">Specialties</dt>
        <dd>{profile.specialties.map((s) => s.name).join(", ") || "None chosen yet"}</dd>
        <dt className="font-medium text-slate-600">Languages</dt>
        <dd>{profile.languages.map(languageName).join(", ") || "None chosen yet"}</dd>
        <dt className="font-medium text-slate-600">Active services</dt>
        <dd>{status.activeServiceCount}</dd>
        <dt className="font-medium text-slate-600">Documents</dt>
        <dd>
          {status.documents
            ? `${status.documents.total - status.documents.missing.length} of ${status.documents.total} uploaded${
                status.documents.rejected > 0 ? `, ${status.documents.rejected} not accepted` : ""
              }`
            : "None yet"}
        </dd>
      </dl>

      <MissingList missing={missing} id={`${id}-missing`} />

      {sendable ? (
        <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4" aria-label="Send for review">
          {errors.formError || termsErrors ? (
            <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
              {errors.formError || "Your profile was not sent. Please check the field below."}
            </div>
          ) : null}
          <div className="space-y-1">
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                id={`${id}-terms`}
                className="mt-1"
                checked={accepted}
                aria-invalid={Boolean(termsErrors)}
                aria-describedby={termsErrors ? `${id}-terms-error` : undefined}
                onChange={(e) => setAccepted(e.target.checked)}
              />
              <span>
                I accept the{" "}
                <Link href="/provider-terms" className="text-brand-700 underline" target="_blank" rel="noopener">
                  provider terms (opens in a new tab)
                </Link>{" "}
                and confirm that the information and documents I sent are true and mine.
              </span>
            </label>
            <FieldErrorText id={`${id}-terms-error`} messages={termsErrors} />
          </div>
          <Button type="submit" disabled={submit.isPending || !status.canSubmit} aria-describedby={!status.canSubmit && Object.keys(missing).length > 0 ? `${id}-missing` : undefined}>
            {submit.isPending ? "Sending…" : isResend ? "Send for review again" : "Send for review"}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
