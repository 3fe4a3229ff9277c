"use client";

import { useState } from "react";
import type { ZodType } from "zod";
import { issuesByField } from "@/lib/errors/read-form-error";
import type { FieldErrors } from "./admin-ui";

/**
 * The text fields of an admin filter form, checked against the procedure's own input schema on
 * submit: field errors when it refuses, otherwise the filters become the submitted ones.
 */
export function useFilterForm<Form extends Record<string, string>, Filters>(options: {
  empty: Form;
  /** The filters before any submission and after a reset. */
  initial: Filters;
  toFilters: (form: Form) => Exclude<Filters, null>;
  schema: ZodType;
}) {
  const [form, setForm] = useState(options.empty);
  const [filters, setFilters] = useState<Filters>(options.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  return {
    form,
    filters,
    errors,
    set: (key: keyof Form) => (value: string) => setForm((current) => ({ ...current, [key]: value })),
    submit: () => {
      const candidate = options.toFilters(form);
      const parsed = options.schema.safeParse(candidate);
      if (!parsed.success) {
        setErrors(issuesByField(parsed.error.issues));
        return;
      }
      setErrors({});
      setFilters(candidate);
    },
    reset: () => {
      setForm(options.empty);
      setErrors({});
      setFilters(options.initial);
    },
  };
}
