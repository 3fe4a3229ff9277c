"use client";

import { forwardRef } from "react";
import { describedBy } from "@/components/ui/field-error";
import { REASON_MAX } from "../../review-schemas";
import { textareaClassName } from "./review-labels";

export interface ReasonFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The field's messages (from the schema or the server); announced when they appear. */
  errors: string[] | undefined;
  disabled?: boolean;
}

/** The reason the provider will read in an email: labelled, with its limits said and its errors tied to it. */
export const ReasonField = forwardRef<HTMLTextAreaElement, ReasonFieldProps>(function ReasonField({ id, label, value, onChange, errors, disabled }, ref) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasErrors = Boolean(errors?.length);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <p id={hintId} className="text-sm text-slate-600">
        The provider reads this in an email. 5 to {REASON_MAX} characters.
      </p>
      <textarea
        ref={ref}
        id={id}
        rows={3}
        maxLength={REASON_MAX}
        value={value}
        disabled={disabled}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy(hintId, hasErrors && errorId)}
        onChange={(event) => onChange(event.target.value)}
        className={textareaClassName}
      />
      {hasErrors ? (
        <p id={errorId} role="alert" className="text-sm text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
});
