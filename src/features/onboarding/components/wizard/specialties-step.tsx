"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { languageName } from "@/lib/languages";
import { useTRPC } from "@/trpc/react";
import { PROVIDER_LANGUAGES, saveOnboardingSpecialtiesInput, type OnboardingProfileDto } from "../../schemas";
import { ErrorSummary, fieldErrorsOf, serverFieldErrors, useFormErrors } from "./form-bits";
import { useSaveOnboardingSpecialties } from "./use-onboarding";

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? [...new Set([...list, value])] : list.filter((item) => item !== value);
}

export function SpecialtiesStep({ profile, canEdit, onSaved }: { profile: OnboardingProfileDto; canEdit: boolean; onSaved: (message: string) => void }) {
  const trpc = useTRPC();
  const specialties = useQuery(trpc.providers.specialties.queryOptions());
  const [chosen, setChosen] = useState<string[]>(profile.specialties.map((s) => s.slug));
  const [languages, setLanguages] = useState<string[]>(profile.languages);
  const errors = useFormErrors();
  const save = useSaveOnboardingSpecialties();
  const id = useId();
  const ids = { specialties: `${id}-specialties`, languages: `${id}-languages` };
  // Languages a profile already has but the list does not offer stay choosable.
  const languageChoices = [...new Set([...PROVIDER_LANGUAGES, ...profile.languages])];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const checked = saveOnboardingSpecialtiesInput.safeParse({ specialties: chosen, languages });
    if (!checked.success) {
      errors.setFieldErrors(fieldErrorsOf(checked.error));
      return;
    }
    save.mutate(checked.data, {
      onSuccess: (status) =>
        onSaved(
          `Specialties and languages saved. ${status.documents ? `You have ${status.documents.total} documents to send.` : ""}`.trim(),
        ),
      onError: (error) => {
        const fields = serverFieldErrors(error);
        if (fields) errors.setFieldErrors(fields);
        errors.setFormError(error.message);
      },
    });
  };

  const specialtyErrors = errors.of("specialties");
  const languageErrors = errors.of("languages");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label="Specialties and languages">
      <ErrorSummary
        formError={errors.formError}
        fallback="Your specialties and languages were not saved. Please check the fields below."
        fields={[
          { id: `${ids.specialties}-first`, label: "Specialties", messages: specialtyErrors },
          { id: `${ids.languages}-first`, label: "Languages", messages: languageErrors },
        ]}
      />
      <fieldset disabled={!canEdit} className="space-y-6">
        <fieldset aria-describedby={describedBy(specialtyErrors ? `${ids.specialties}-error` : null, `${ids.specialties}-hint`)} className="space-y-2">
          <legend className="text-base font-semibold">Specialties</legend>
          <p id={`${ids.specialties}-hint`} className="text-sm text-slate-600">
            Choose up to five. Patients find you by these, and some ask for an extra document.
          </p>
          {specialties.isPending ? <p role="status">Loading specialties…</p> : null}
          {specialties.isError ? (
            <p role="alert" className="text-red-700">
              We could not load the specialties: {specialties.error.message}
            </p>
          ) : null}
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {specialties.data?.map((specialty, index) => (
              <li key={specialty.slug}>
                <label className="inline-flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    id={index === 0 ? `${ids.specialties}-first` : undefined}
                    checked={chosen.includes(specialty.slug)}
                    aria-invalid={Boolean(specialtyErrors)}
                    onChange={(e) => setChosen((list) => toggle(list, specialty.slug, e.target.checked))}
                  />
                  {specialty.name}
                </label>
              </li>
            ))}
          </ul>
          <FieldErrorText id={`${ids.specialties}-error`} messages={specialtyErrors} />
        </fieldset>

        <fieldset aria-describedby={describedBy(languageErrors ? `${ids.languages}-error` : null, `${ids.languages}-hint`)} className="space-y-2">
          <legend className="text-base font-semibold">Languages you consult in</legend>
          <p id={`${ids.languages}-hint`} className="text-sm text-slate-600">
            Choose at least one. Patients can search for providers who speak their language.
          </p>
          <ul className="grid gap-2 sm:grid-cols-3 lg:grid-cols-4">
            {languageChoices.map((code, index) => (
              <li key={code}>
                <label className="inline-flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    id={index === 0 ? `${ids.languages}-first` : undefined}
                    checked={languages.includes(code)}
                    aria-invalid={Boolean(languageErrors)}
                    onChange={(e) => setLanguages((list) => toggle(list, code, e.target.checked))}
                  />
                  {languageName(code)}
                </label>
              </li>
            ))}
          </ul>
          <FieldErrorText id={`${ids.languages}-error`} messages={languageErrors} />
        </fieldset>

        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save and continue"}
        </Button>
      </fieldset>
    </form>
  );
}
