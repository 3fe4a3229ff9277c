import type { FormEvent, InputHTMLAttributes, ReactNode, Ref } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { phoneFormatHint, type PhoneCountry } from "@/lib/phone";
import { NOTES_MAX_LENGTH } from "../schemas";
import { CharacterCount, ErrorSummary, Field, textareaClassName } from "./field";
import { HoldCountdown } from "./hold-countdown";

/**
 * The parts shared by the patient's own booking form and the staff member's phone booking. Only
 * what differs between the two is a prop: wording (to the patient or to staff), whether a field is
 * optional, and autocomplete (off for staff, whose browser would fill in their own details).
 */

export interface HeldSlotFormProps {
  /** Prefix of the heading's and the required-fields note's ids. */
  id: string;
  heading: string;
  headingLevel: 2 | 3;
  headingRef: Ref<HTMLHeadingElement>;
  /** What the held time is: service, provider, time and place. */
  chosenSlot: ReactNode;
  holdExpiresAt: Date;
  /** The hold is gone (the server no longer knows it): offer the way back to the picker in the form too. */
  isHoldLost: boolean;
  onChooseAnotherTime: () => void;
  summaryRef: Ref<HTMLDivElement>;
  formError: string | null;
  fieldErrors: Record<string, string[]>;
  /** The control a field error's summary line links to, if it has one. */
  fieldIdOf: (key: string) => string | undefined;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The fields and the submit button. */
  children: ReactNode;
}

/** A held time with its countdown and the form that books it, headed by the form's error summary. */
export function HeldSlotForm(props: HeldSlotFormProps) {
  const { id, heading, headingLevel, headingRef, chosenSlot, holdExpiresAt, isHoldLost, onChooseAnotherTime, summaryRef } = props;
  const { formError, fieldErrors, fieldIdOf, onSubmit, children } = props;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const summaryItems = [
    ...(formError ? [{ message: formError }] : []),
    ...Object.entries(fieldErrors).flatMap(([key, messages]) => messages.map((message) => ({ message, fieldId: fieldIdOf(key) }))),
  ];
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-5">
      <div className="space-y-2">
        <Heading id={`${id}-heading`} ref={headingRef} tabIndex={-1} className={headingLevel === 2 ? "text-xl font-semibold" : "text-lg font-semibold"}>
          {heading}
        </Heading>
        <div className="rounded-md border border-brand-600 bg-brand-50 p-3 text-sm" data-testid="chosen-slot">
          {chosenSlot}
        </div>
        <HoldCountdown expiresAt={holdExpiresAt} />
        <Button variant="ghost" onClick={onChooseAnotherTime} className="px-0 text-brand-700 underline">
          Choose another time
        </Button>
      </div>

      <form noValidate onSubmit={onSubmit} className="space-y-4" aria-describedby={`${id}-required`}>
        <p id={`${id}-required`} className="text-sm text-slate-600">
          All fields are required unless marked optional.
        </p>
        <ErrorSummary ref={summaryRef} items={summaryItems} />
        {isHoldLost ? (
          <Button variant="secondary" onClick={onChooseAnotherTime}>
            Choose a time again
          </Button>
        ) : null}
        {children}
      </form>
    </section>
  );
}

/** Zod issues keyed by their dotted path ("contact.email"), as the forms' field errors are. */
export function issuesToFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) (errors[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return errors;
}

interface TextFieldProps {
  id: string;
  label: string;
  hint?: string;
  isOptional?: boolean;
  value: string;
  errors: string[] | undefined;
  onChange: (value: string) => void;
}

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "aria-invalid" | "aria-describedby">;

/** A labelled text input (name, email, code) whose hint and error are announced with it. */
export function TextField({ id, label, hint, isOptional, value, errors, onChange, ...input }: TextFieldProps & InputAttributes) {
  return (
    <Field id={id} label={label} hint={hint} isOptional={isOptional} errors={errors}>
      {(control) => <Input {...control} {...input} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** A mobile number; one written without a country code is read as one of `phoneCountry`. */
export function PhoneField({ phoneCountry, ...field }: Omit<TextFieldProps, "hint"> & { autoComplete: "tel" | "off"; phoneCountry: PhoneCountry | null }) {
  const hint = `For example ${phoneFormatHint(phoneCountry)}. From another country, start with + and the country code.`;
  return <TextField {...field} hint={hint} type="tel" inputMode="tel" />;
}

/** Optional notes, with the count against NOTES_MAX_LENGTH announced with the text area. */
export function NotesField({ id, hint, value, errors, onChange }: Omit<TextFieldProps, "label" | "isOptional"> & { hint: string }) {
  const countId = `${id}-count`;
  return (
    <Field id={id} label="Notes for the provider" isOptional hint={hint} errors={errors}>
      {(control) => (
        <>
          <textarea
            {...control}
            aria-describedby={[control["aria-describedby"], countId].filter(Boolean).join(" ")}
            rows={3}
            className={textareaClassName}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
          <CharacterCount id={countId} length={value.trim().length} max={NOTES_MAX_LENGTH} />
        </>
      )}
    </Field>
  );
}

export interface CheckboxFieldProps {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The label's text. */
  children: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  disabled?: boolean;
  isLabelBold?: boolean;
}

/** A checkbox with its label to the right; its hint and error are announced with it. */
export function CheckboxField({ id, checked, onChange, children, hint, errors, disabled, isLabelBold = false }: CheckboxFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const label = (
    <label htmlFor={id} className={isLabelBold ? "text-sm font-medium" : "text-sm"}>
      {children}
    </label>
  );
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          className="mt-1 h-4 w-4"
          checked={checked}
          disabled={disabled}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={describedBy(hintId, errorId)}
          onChange={(event) => onChange(event.target.checked)}
        />
        {hint ? (
          <div>
            {label}
            <p id={hintId} className="text-xs text-slate-600">
              {hint}
            </p>
          </div>
        ) : (
          label
        )}
      </div>
      {errorId ? <FieldErrorText id={errorId} messages={errors} /> : null}
    </div>
  );
}
