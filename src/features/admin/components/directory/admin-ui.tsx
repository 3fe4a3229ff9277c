"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { readFormError } from "@/lib/errors/read-form-error";
import { formatLogTime } from "@/features/communications";

/** Building blocks of the admin directory, audit trail and notification log screens. */

export type FieldErrors = Record<string, string[]>;

/** A text box with its label, hint and errors, all announced together. */
export function TextField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  hint?: string;
  type?: "text" | "search" | "email" | "date";
  list?: string;
  required?: boolean;
}) {
  const hintId = props.hint ? `${props.id}-hint` : null;
  const errorId = props.errors[props.name]?.length ? `${props.id}-error` : null;
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      <Input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        list={props.list}
        required={props.required}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint ? (
        <p id={hintId!} className="text-xs text-slate-600">
          {props.hint}
        </p>
      ) : null}
      <FieldErrorText id={`${props.id}-error`} messages={props.errors[props.name]} />
    </div>
  );
}

export function SelectField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  errors: FieldErrors;
}) {
  const errorId = props.errors[props.name]?.length ? `${props.id}-error` : null;
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      <Select
        id={props.id}
        name={props.name}
        value={props.value}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy(errorId)}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      <FieldErrorText id={`${props.id}-error`} messages={props.errors[props.name]} />
    </div>
  );
}

/** A search form: its fields, then the submit and reset buttons. */
export function SearchForm(props: { label: string; onSubmit: () => void; onReset?: () => void; submitLabel: string; children: ReactNode }) {
  return (
    <form
      role="search"
      aria-label={props.label}
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{props.children}</div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit">{props.submitLabel}</Button>
        {props.onReset ? (
          <Button variant="secondary" onClick={props.onReset}>
            Clear filters
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** A table with a caption and column headers; rows go in as children. */
export function ResultsTable(props: { caption: string; columns: readonly string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="px-3 py-2 text-left font-medium">{props.caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {props.columns.map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-medium text-slate-700">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{props.children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children, className }: { children: ReactNode; className?: string }) {
  return <td className={`px-3 py-2 align-top ${className ?? ""}`}>{children}</td>;
}

interface PagedQuery {
  isError: boolean;
  error: unknown;
  isPending: boolean;
  isFetching: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** Loading, a failure (with what to do) and how many rows are shown, announced politely. */
export function QueryStatus({ query, shown, noun }: { query: PagedQuery; shown: number | null; noun: { one: string; many: string } }) {
  if (query.isError) {
    return (
      <p role="alert" className="text-red-700">
        {readFormError(query.error).message}
      </p>
    );
  }
  let text = "";
  if (query.isPending && query.isFetching) text = "Searching…";
  else if (shown !== null) text = shown === 0 ? `No ${noun.many} match.` : `${shown} ${shown === 1 ? noun.one : noun.many} shown${query.hasNextPage ? ", more below" : ""}.`;
  return (
    <p role="status" className="text-sm text-slate-700">
      {text}
    </p>
  );
}

export function LoadMore({ query, label }: { query: PagedQuery; label: string }) {
  if (!query.hasNextPage) return null;
  return (
    <Button variant="secondary" disabled={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
      {query.isFetchingNextPage ? "Loading…" : "Load more"}
      <span className="sr-only"> {label}</span>
    </Button>
  );
}

/** A date and time in a named zone, with the zone's abbreviation ("2 Mar 2027, 09:00 GMT"). */
export function When({ date, timeZone }: { date: Date | null; timeZone: string }) {
  if (!date) return <span className="text-slate-500">—</span>;
  return <time dateTime={date.toISOString()}>{formatLogTime(date, timeZone)}</time>;
}

/** A "YYYY-MM-DD" typed as a UTC date: the instant it starts, or (for an inclusive end) the next day's start. */
export function utcDateToInstant(value: string, options: { inclusiveEnd?: boolean } = {}): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const start = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(start.getTime())) return undefined;
  return options.inclusiveEnd ? new Date(start.getTime() + 86_400_000) : start;
}

/** Field errors from zod issues or from the server's refusal, keyed by input field. */
export function serverFieldErrors(error: unknown): FieldErrors {
  return error ? readFormError(error).fieldErrors : {};
}

export function mergeErrors(...sources: FieldErrors[]): FieldErrors {
  const merged: FieldErrors = {};
  for (const source of sources) for (const [key, messages] of Object.entries(source)) (merged[key] ??= []).push(...messages);
  return merged;
}

export function Facts({ children }: { children: ReactNode }) {
  return <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">{children}</dl>;
}

export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="text-sm">{children}</dd>
    </>
  );
}
