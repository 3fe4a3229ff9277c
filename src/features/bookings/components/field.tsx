import type { ReactNode, Ref } from "react";

export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  isOptional?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}

/** A labelled control whose hint and error are announced with it (aria-describedby). */
export function Field({ id, label, hint, errors, isOptional = false, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
        {isOptional ? <span className="font-normal text-slate-500"> (optional)</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        "aria-invalid": errorId ? true : undefined,
        "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      })}
      {errorId ? (
        <p id={errorId} className="text-sm text-red-700">
          {errors?.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export interface ErrorSummaryItem {
  message: string;
  /** The control to jump to, when the message belongs to one. */
  fieldId?: string;
}

/** The list of problems above a form; focused after a failed submit so it is read first. */
export function ErrorSummary({ items, ref }: { items: ErrorSummaryItem[]; ref?: Ref<HTMLDivElement> }) {
  if (items.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="space-y-1 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      <p className="font-semibold">Please check the form</p>
      <ul className="list-disc space-y-0.5 pl-5">
        {items.map((item, index) => (
          <li key={`${item.fieldId ?? "form"}-${index}`}>
            {item.fieldId ? (
              <a href={`#${item.fieldId}`} className="underline">
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const textareaClassName =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm placeholder:text-slate-400 aria-[invalid=true]:border-red-600";

/**
 * Characters used against a limit, shown under a text area instead of cutting text at the limit
 * (maxLength drops what is pasted past it without a word). Screen readers hear it only near the
 * limit, so typing is not interrupted at every key.
 */
export function CharacterCount({ id, length, max }: { id: string; length: number; max: number }) {
  const left = max - length;
  const text =
    left >= 0
      ? `${length.toLocaleString("en-GB")} of ${max.toLocaleString("en-GB")} characters${left <= 100 ? ` (${left.toLocaleString("en-GB")} left)` : ""}`
      : `${(-left).toLocaleString("en-GB")} character${left === -1 ? "" : "s"} too many: ${max.toLocaleString("en-GB")} at most`;
  return (
    <>
      <p id={id} className={left < 0 ? "text-sm font-medium text-red-700" : "text-xs text-slate-600"} data-testid="character-count">
        {text}
      </p>
      <p className="sr-only" aria-live="polite">
        {left <= 100 ? text : ""}
      </p>
    </>
  );
}
