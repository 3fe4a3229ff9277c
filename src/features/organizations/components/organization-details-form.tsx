"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { issuesByField, readFormError } from "@/lib/errors/read-form-error";
import { textareaClassName } from "./organization-labels";

type Details = { name?: string; description?: string };

export interface OrganizationDetailsFormProps<T extends Details> {
  /** The id of the heading that names the form. */
  labelledBy: string;
  initial: { name: string; description: string };
  /** The procedure's own input schema, checked before sending. */
  schema: { safeParse(value: unknown): z.ZodSafeParseResult<T> };
  /** Sends the checked values; resolves with the status to announce. */
  save: (values: T) => Promise<string>;
  isPending: boolean;
  submitLabel: string;
  pendingLabel: string;
  /** Shown when the server refused without a message of its own for the form. */
  notSavedText: string;
  nameHint?: ReactNode;
  descriptionHint: string;
  isDescriptionOptional?: boolean;
}

/**
 * An organization's name and description, for creating one and for editing it: checked with the
 * procedure's schema first, then the server's field errors next to their fields and its message
 * in an alert that takes focus.
 */
export function OrganizationDetailsForm<T extends Details>(props: OrganizationDetailsFormProps<T>) {
  const id = useId();
  const ids = { name: `${id}-name`, description: `${id}-description` };
  const [name, setName] = useState(props.initial.name);
  const [description, setDescription] = useState(props.initial.description);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [generalError, setGeneralError] = useState("");
  const [status, setStatus] = useState("");
  const alertRef = useRef<HTMLDivElement>(null);
  const [failedAttempts, setFailedAttempts] = useState(0);
  // The problems are read first after a refused save: focus moves to them once they are shown.
  useEffect(() => {
    if (failedAttempts > 0) alertRef.current?.focus();
  }, [failedAttempts]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    setGeneralError("");
    const checked = props.schema.safeParse({ name, description });
    if (!checked.success) {
      setFieldErrors(issuesByField(checked.error.issues));
      setFailedAttempts((count) => count + 1);
      return;
    }
    setFieldErrors({});
    try {
      setStatus(await props.save(checked.data));
    } catch (error) {
      const refused = readFormError(error);
      setFieldErrors(refused.fieldErrors);
      setGeneralError(refused.message);
      setFailedAttempts((count) => count + 1);
    }
  };

  const nameErrors = fieldErrors.name;
  const descriptionErrors = fieldErrors.description;
  const hasProblem = Boolean(generalError || nameErrors?.length || descriptionErrors?.length);
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4" aria-labelledby={props.labelledBy}>
      {hasProblem ? (
        <div ref={alertRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {generalError || props.notSavedText}
        </div>
      ) : null}
      <div className="space-y-1">
        <label htmlFor={ids.name} className="block text-sm font-medium">
          Name
        </label>
        <Input
          id={ids.name}
          name="name"
          value={name}
          autoComplete="organization"
          aria-invalid={Boolean(nameErrors?.length) || undefined}
          aria-describedby={describedBy(props.nameHint ? `${ids.name}-hint` : null, nameErrors?.length && `${ids.name}-error`)}
          onChange={(event) => setName(event.target.value)}
        />
        {props.nameHint ? (
          <p id={`${ids.name}-hint`} className="text-xs text-slate-600">
            {props.nameHint}
          </p>
        ) : null}
        <FieldErrorText id={`${ids.name}-error`} messages={nameErrors} />
      </div>
      <div className="space-y-1">
        <label htmlFor={ids.description} className="block text-sm font-medium">
          Description {props.isDescriptionOptional ? <span className="font-normal text-slate-500">(optional)</span> : null}
        </label>
        <textarea
          id={ids.description}
          name="description"
          rows={4}
          value={description}
          className={textareaClassName}
          aria-invalid={Boolean(descriptionErrors?.length) || undefined}
          aria-describedby={describedBy(`${ids.description}-hint`, descriptionErrors?.length && `${ids.description}-error`)}
          onChange={(event) => setDescription(event.target.value)}
        />
        <p id={`${ids.description}-hint`} className="text-xs text-slate-600">
          {props.descriptionHint}
        </p>
        <FieldErrorText id={`${ids.description}-error`} messages={descriptionErrors} />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={props.isPending}>
          {props.isPending ? props.pendingLabel : props.submitLabel}
        </Button>
        <p role="status" className="text-sm text-green-800">
          {status}
        </p>
      </div>
    </form>
  );
}
