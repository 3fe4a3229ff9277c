"use client";

import { useId, useState, useSyncExternalStore, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { COMMON_TIME_ZONES } from "@/features/providers";
import { startOnboardingInput } from "../../schemas";
import { ErrorSummary, Field, fieldErrorsOf, serverFieldErrors, useFormErrors } from "./form-bits";
import { TimeZoneField } from "./time-zone-field";
import { useStartOnboarding } from "./use-onboarding";

const subscribeNever = () => () => undefined;

/** The browser's zone when it is one of the common choices; the server cannot know it, so it renders the fallback. */
function useBrowserTimeZone(fallback: string): string {
  return useSyncExternalStore(
    subscribeNever,
    () => {
      const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
      return (COMMON_TIME_ZONES as readonly string[]).includes(detected) ? detected : fallback;
    },
    () => fallback,
  );
}

/** Before there is a profile: what onboarding asks for, and the start form. */
export function StartOnboardingForm({ suggestedDisplayName, onStarted }: { suggestedDisplayName: string; onStarted: (message: string) => void }) {
  const browserZone = useBrowserTimeZone("Europe/London");
  return (
    <div className="space-y-6">
      <section aria-labelledby="onboarding-what-heading" className="max-w-2xl space-y-2 text-slate-700">
        <h2 id="onboarding-what-heading" className="text-xl font-semibold text-slate-900">
          What you will need
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>Your professional registration number, the specialties you practise and the languages you consult in.</li>
          <li>At least one service patients can book, with its length and price.</li>
          <li>
            Your professional licence, proof of indemnity insurance and an identity document (PDF, PNG or JPEG). Some specialties ask
            for more, such as an enhanced criminal record check for pediatrics.
          </li>
        </ul>
        <p>You can stop at any step and come back later. Your public page stays unpublished until our team approves your profile.</p>
      </section>
      <Card className="max-w-xl">
        <StartForm key={browserZone} suggestedDisplayName={suggestedDisplayName} initialZone={browserZone} onStarted={onStarted} />
      </Card>
    </div>
  );
}

function StartForm({
  suggestedDisplayName,
  initialZone,
  onStarted,
}: {
  suggestedDisplayName: string;
  initialZone: string;
  onStarted: (message: string) => void;
}) {
  const [displayName, setDisplayName] = useState(suggestedDisplayName);
  const [timeZone, setTimeZone] = useState(initialZone);
  const errors = useFormErrors();
  const start = useStartOnboarding();
  const id = useId();
  const ids = { displayName: `${id}-displayName`, timeZone: `${id}-timeZone` };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const checked = startOnboardingInput.safeParse({ displayName, timeZone });
    if (!checked.success) {
      errors.setFieldErrors(fieldErrorsOf(checked.error));
      return;
    }
    start.mutate(checked.data, {
      onSuccess: () => onStarted("Your provider profile is started. Next, complete your profile."),
      onError: (error) => {
        const fields = serverFieldErrors(error);
        if (fields) errors.setFieldErrors(fields);
        errors.setFormError(error.message);
      },
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Start your provider profile
      </h2>
      <ErrorSummary
        formError={errors.formError}
        fallback="Your profile was not started. Please check the fields below."
        fields={[
          { id: ids.displayName, label: "Name patients will see", messages: errors.of("displayName") },
          { id: ids.timeZone, label: "Time zone", messages: errors.of("timeZone") },
        ]}
      />
      <Field id={ids.displayName} label="Name patients will see" hint="For example “Dr. Amara Okafor”. You can change it later." errors={errors.of("displayName")}>
        {(props) => <Input {...props} autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
      </Field>
      <TimeZoneField id={ids.timeZone} value={timeZone} onChange={setTimeZone} errors={errors.of("timeZone")} />
      <Button type="submit" disabled={start.isPending}>
        {start.isPending ? "Starting…" : "Start and continue"}
      </Button>
    </form>
  );
}
