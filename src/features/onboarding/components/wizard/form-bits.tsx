"use client";

import { useState, type ReactNode } from "react";
import type { ZodError } from "zod";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";

export type FieldErrors = Record<string, string[]>;

/** Zod issues keyed by dotted path, as the server's field errors are. */
export function fieldErrorsOf(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) (errors[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return errors;
}

/** A tRPC error's field errors when it has some (VALIDATION or PRECONDITION_FAILED), else null. */
export function serverFieldErrors(error: { data?: { fieldErrors?: FieldErrors | null } | null }): FieldErrors | null {
  const errors = error.data?.fieldErrors;
  return errors && Object.keys(errors).length > 0 ? errors : null;
}

/** The state of one form's errors: per field, and one for the whole form. */
export function useFormErrors() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState("");
  return {
    fieldErrors,
    formError,
    setFieldErrors,
    setFormError,
    clear() {
      setFieldErrors({});
      setFormError("");
    },
    /** A field's messages, including those of its items ("languages.0"). */
    of(field: string): string[] | undefined {
      const messages = Object.entries(fieldErrors)
        .filter(([key]) => key === field || key.startsWith(`${field}.`))
        .flatMap(([, list]) => list);
      return messages.length > 0 ? [...new Set(messages)] : undefined;
    },
  };
}

/**
 * The summary at the top of a form that was not saved: announced (role=alert), with a link to
 * each field that needs attention.
 */
export function ErrorSummary({
  formError,
  fields,
  fallback,
}: {
  formError: string;
  /** Fields with errors, in form order: the control's id, its label and its messages. */
  fields: { id: string; label: string; messages: string[] | undefined }[];
  fallback: string;
}) {
  const withErrors = fields.filter((field) => field.messages?.length);
  if (!formError && withErrors.length === 0) return null;
  return (
    <div role="alert" className="space-y-1 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      <p className="font-medium">{formError || fallback}</p>
      {withErrors.length > 0 ? (
        <ul className="list-disc pl-5">
          {withErrors.map((field) => (
            <li key={field.id}>
              <a href={`#${field.id}`} className="underline">
                {field.label}
              </a>
              : {field.messages!.join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A labelled control with its hint and its errors, both named by the control's aria-describedby. */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors: string[] | undefined;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby": string | undefined }) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = errors?.length ? `${id}-error` : null;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id, "aria-invalid": Boolean(errors?.length), "aria-describedby": describedBy(errorId, hintId) })}
      {hint ? (
        <p id={hintId!} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldErrorText id={`${id}-error`} messages={errors} />
    </div>
  );
}
