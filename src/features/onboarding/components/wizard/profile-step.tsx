"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { saveOnboardingProfileInput, type OnboardingProfileDto } from "../../schemas";
import { ErrorSummary, Field, fieldErrorsOf, serverFieldErrors, useFormErrors } from "./form-bits";
import { TimeZoneField } from "./time-zone-field";
import { useSaveOnboardingProfile } from "./use-onboarding";

export function ProfileStep({ profile, canEdit, onSaved }: { profile: OnboardingProfileDto; canEdit: boolean; onSaved: (message: string) => void }) {
  const [draft, setDraft] = useState({
    displayName: profile.displayName,
    bio: profile.bio,
    timeZone: profile.timeZone,
    registrationNumber: profile.registrationNumber ?? "",
  });
  const errors = useFormErrors();
  const save = useSaveOnboardingProfile();
  const id = useId();
  const ids = {
    displayName: `${id}-displayName`,
    bio: `${id}-bio`,
    timeZone: `${id}-timeZone`,
    registrationNumber: `${id}-registrationNumber`,
  };
  const set = (key: keyof typeof draft) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const checked = saveOnboardingProfileInput.safeParse(draft);
    if (!checked.success) {
      errors.setFieldErrors(fieldErrorsOf(checked.error));
      return;
    }
    save.mutate(checked.data, {
      onSuccess: () => onSaved("Profile saved."),
      onError: (error) => {
        const fields = serverFieldErrors(error);
        if (fields) errors.setFieldErrors(fields);
        errors.setFormError(error.message);
      },
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4" aria-label="Profile">
      <ErrorSummary
        formError={errors.formError}
        fallback="Your profile was not saved. Please check the fields below."
        fields={[
          { id: ids.displayName, label: "Name patients will see", messages: errors.of("displayName") },
          { id: ids.registrationNumber, label: "Registration number", messages: errors.of("registrationNumber") },
          { id: ids.timeZone, label: "Time zone", messages: errors.of("timeZone") },
          { id: ids.bio, label: "Introduction", messages: errors.of("bio") },
        ]}
      />
      <fieldset disabled={!canEdit} className="space-y-4">
        <legend className="sr-only">Your details</legend>
        <Field id={ids.displayName} label="Name patients will see" hint="Include your title if you use one, e.g. “Dr.”." errors={errors.of("displayName")}>
          {(props) => <Input {...props} autoComplete="name" value={draft.displayName} onChange={(e) => set("displayName")(e.target.value)} />}
        </Field>
        <Field
          id={ids.registrationNumber}
          label="Registration number"
          hint="Your number with the body that licenses you (3 to 40 letters, digits, spaces, dashes or dots), e.g. GMC 7654321. Our team checks it against your licence."
          errors={errors.of("registrationNumber")}
        >
          {(props) => (
            <Input {...props} autoComplete="off" value={draft.registrationNumber} onChange={(e) => set("registrationNumber")(e.target.value)} />
          )}
        </Field>
        <TimeZoneField id={ids.timeZone} value={draft.timeZone} onChange={set("timeZone")} errors={errors.of("timeZone")} />
        <Field id={ids.bio} label="Introduction (optional)" hint="What you help patients with, shown on your public page. Up to 2,000 characters." errors={errors.of("bio")}>
          {(props) => (
            <textarea
              {...props}
              rows={5}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
              value={draft.bio}
              onChange={(e) => set("bio")(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save and continue"}
        </Button>
      </fieldset>
    </form>
  );
}
