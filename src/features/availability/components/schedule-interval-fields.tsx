"use client";

import type { ReactNode, Ref } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { BookingMode } from "../schemas";
import type { LocationDto } from "../types";
import { minutesToTimeValue, timeValueToMinutes, WEEKDAYS } from "./schedule-time";

export interface IntervalDraft {
  /** Stable client-side key, so errors and focus follow an interval when others are removed. */
  key: string;
  start: string;
  end: string;
  mode: BookingMode;
  locationId: string;
}

export type IntervalField = "start" | "end" | "mode" | "location";
export type IntervalErrors = Partial<Record<IntervalField, string[]>>;

/** The input field name in the procedures' schemas for each editor field. */
export const SERVER_FIELD: Record<string, IntervalField> = {
  startMinute: "start",
  endMinute: "end",
  mode: "mode",
  locationId: "location",
};

let nextKey = 0;
export function newIntervalKey(): string {
  nextKey += 1;
  return `interval-${nextKey}`;
}

/** `key` must be the same on the server and in the browser (e.g. the rule's id), since ids derive from it. */
export function draftFromInterval(
  interval: { startMinute: number; endMinute: number; mode: BookingMode; locationId: string | null },
  key: string,
): IntervalDraft {
  return {
    key,
    start: minutesToTimeValue(interval.startMinute),
    end: minutesToTimeValue(interval.endMinute),
    mode: interval.mode,
    locationId: interval.locationId ?? "",
  };
}

export function emptyDraft(locations: LocationDto[]): IntervalDraft {
  const location = locations[0];
  return { key: newIntervalKey(), start: "09:00", end: "17:00", mode: location ? "IN_PERSON" : "ONLINE", locationId: location?.id ?? "" };
}

/**
 * The interval as the procedures expect it, or the fields that cannot be read. Empty times are
 * reported here because the schema would only say "must be a number".
 */
export function intervalFromDraft(
  draft: IntervalDraft,
): { ok: true; value: { startMinute: number; endMinute: number; mode: BookingMode; locationId: string | null } } | { ok: false; errors: IntervalErrors } {
  const startMinute = timeValueToMinutes(draft.start, false);
  const endMinute = timeValueToMinutes(draft.end, true);
  const errors: IntervalErrors = {};
  if (startMinute === null) errors.start = ["Enter a start time."];
  if (endMinute === null) errors.end = ["Enter an end time."];
  if (startMinute === null || endMinute === null) return { ok: false, errors };
  return {
    ok: true,
    value: { startMinute, endMinute, mode: draft.mode, locationId: draft.mode === "IN_PERSON" ? draft.locationId || null : null },
  };
}

export function errorId(idBase: string, field: IntervalField): string {
  return `${idBase}-${field}-error`;
}

export function fieldId(idBase: string, field: IntervalField): string {
  return `${idBase}-${field}`;
}

/** The drafts of each weekday, keyed by ISO weekday (1 = Monday). */
export type Week = Record<number, IntervalDraft[]>;

export function weekFromRules(rules: readonly { id: string; weekday: number; startMinute: number; endMinute: number; mode: BookingMode; locationId: string | null }[]): Week {
  const week: Week = {};
  for (const day of WEEKDAYS) {
    week[day.value] = rules
      .filter((rule) => rule.weekday === day.value)
      .sort((a, b) => a.startMinute - b.startMinute)
      .map((rule) => draftFromInterval(rule, rule.id));
  }
  return week;
}

export interface WeekProblems {
  byInterval: Record<string, IntervalErrors>;
  general: string[];
}

export const NO_PROBLEMS: WeekProblems = { byInterval: {}, general: [] };

/**
 * Errors keyed `rules.<index>.<field>` go back to the interval each index came from; the rest are
 * shown above the form, and `fallback` is shown when nothing else would be.
 */
export function problemsFromFieldErrors(fieldErrors: Record<string, string[]>, keysByIndex: string[], fallback: string | null = null): WeekProblems {
  const problems: WeekProblems = { byInterval: {}, general: [] };
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const match = /^rules\.(\d+)\.(\w+)$/.exec(path);
    const key = match ? keysByIndex[Number(match[1])] : undefined;
    const field = match ? SERVER_FIELD[match[2] ?? ""] : undefined;
    if (key && field) {
      const interval = (problems.byInterval[key] ??= {});
      (interval[field] ??= []).push(...messages);
    } else {
      problems.general.push(...messages);
    }
  }
  if (problems.general.length === 0 && Object.keys(problems.byInterval).length === 0 && fallback) problems.general.push(fallback);
  return problems;
}

export interface CollectedWeek {
  rules: { weekday: number; startMinute: number; endMinute: number; mode: BookingMode; locationId: string | null }[];
  /** The draft key of each rule, so errors by rule index find their interval. */
  keysByIndex: string[];
  /** Intervals left out of `rules` because a time cannot be read. */
  unreadable: Record<string, IntervalErrors>;
}

export function collectWeek(week: Week): CollectedWeek {
  const collected: CollectedWeek = { rules: [], keysByIndex: [], unreadable: {} };
  for (const day of WEEKDAYS) {
    for (const draft of week[day.value] ?? []) {
      const parsed = intervalFromDraft(draft);
      if (!parsed.ok) {
        collected.unreadable[draft.key] = parsed.errors;
        continue;
      }
      collected.keysByIndex.push(draft.key);
      collected.rules.push({ ...parsed.value, weekday: day.value });
    }
  }
  return collected;
}

/**
 * What stops a save before it is sent: `schemaErrors` are the schema's errors by path, or null
 * when the collected rules passed it. Null when nothing does.
 */
export function problemsBeforeSave(schemaErrors: Record<string, string[]> | null, collected: CollectedWeek): WeekProblems | null {
  const found = schemaErrors ? problemsFromFieldErrors(schemaErrors, collected.keysByIndex) : NO_PROBLEMS;
  const byInterval = { ...found.byInterval };
  for (const [key, errors] of Object.entries(collected.unreadable)) byInterval[key] = { ...byInterval[key], ...errors };
  if (!schemaErrors && Object.keys(byInterval).length === 0) return null;
  return { byInterval, general: found.general };
}

/** e.g. "Monday interval 1": prefixes every field's accessible name and the summary's lines. */
export function intervalLabel(weekdayName: string, position: number): string {
  return `${weekdayName} interval ${position + 1}`;
}

const SUMMARY_FIELDS: IntervalField[] = ["start", "end", "mode", "location"];

export interface ProblemItem {
  /** The field to jump to, or null when the problem has no field on screen. */
  href: string | null;
  text: string;
}

/** The problems in page order; fields the editor does not show (the mode when `inPersonOnly`) get no link. */
export function weekProblemItems({
  problems,
  week,
  idBaseOf,
  inPersonOnly = false,
}: {
  problems: WeekProblems;
  week: Week;
  idBaseOf: (key: string) => string;
  inPersonOnly?: boolean;
}): ProblemItem[] {
  return [
    ...problems.general.map((text) => ({ href: null, text })),
    ...WEEKDAYS.flatMap((day) =>
      (week[day.value] ?? []).flatMap((draft, position) => {
        const errors = problems.byInterval[draft.key];
        if (!errors) return [];
        return SUMMARY_FIELDS.flatMap((field) =>
          (errors[field] ?? []).map((message) => ({
            href: inPersonOnly && field === "mode" ? null : `#${fieldId(idBaseOf(draft.key), field)}`,
            text: `${intervalLabel(day.name, position)} ${field}: ${message}`,
          })),
        );
      }),
    ),
  ];
}

/** The refused save's problems, each linked to its field. Pass `focusRef` to move focus here. */
export function ProblemSummary({ title, items, focusRef }: { title: string; items: ProblemItem[]; focusRef?: Ref<HTMLDivElement> }) {
  if (items.length === 0) return null;
  return (
    <div ref={focusRef} tabIndex={focusRef ? -1 : undefined} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      <p className="font-medium">{title}</p>
      <ul className="mt-1 list-disc pl-5">
        {items.map((item) => (
          <li key={`${item.href ?? "general"}-${item.text}`}>
            {item.href ? (
              <a href={item.href} className="underline">
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldMessages({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {messages.join(" ")}
    </p>
  );
}

export function ScheduleIntervalFields({
  idBase,
  label,
  draft,
  locations,
  errors,
  inPersonOnly = false,
  onChange,
  onRemove,
}: {
  idBase: string;
  /** e.g. "Monday interval 1": prefixes every field's accessible name. */
  label: string;
  draft: IntervalDraft;
  locations: LocationDto[];
  errors: IntervalErrors | undefined;
  /** No mode field, a place always: for hours kept at an organization's locations (its managers may not set online hours). */
  inPersonOnly?: boolean;
  onChange: (draft: IntervalDraft) => void;
  onRemove: () => void;
}) {
  const invalid = (field: IntervalField) => Boolean(errors?.[field]?.length);
  const describedBy = (field: IntervalField) => (invalid(field) ? errorId(idBase, field) : undefined);
  return (
    <li
      className={
        inPersonOnly
          ? "grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-[8rem_8rem_minmax(0,1fr)_auto] sm:items-start"
          : "grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[8rem_8rem_9rem_minmax(0,1fr)_auto] sm:items-start"
      }
    >
      {(["start", "end"] as const).map((field) => (
        <div key={field}>
          <label htmlFor={fieldId(idBase, field)} className="mb-1 block text-xs font-medium text-slate-700">
            <span className="sr-only">{label} </span>
            {field}
          </label>
          <Input
            id={fieldId(idBase, field)}
            type="time"
            step={300}
            value={draft[field]}
            aria-invalid={invalid(field)}
            aria-describedby={describedBy(field)}
            onChange={(event) => onChange({ ...draft, [field]: event.target.value })}
          />
          <FieldMessages id={errorId(idBase, field)} messages={errors?.[field]} />
        </div>
      ))}
      {inPersonOnly ? null : (
        <div>
          <label htmlFor={fieldId(idBase, "mode")} className="mb-1 block text-xs font-medium text-slate-700">
            <span className="sr-only">{label} </span>mode
          </label>
          <Select
            id={fieldId(idBase, "mode")}
            value={draft.mode}
            aria-invalid={invalid("mode")}
            aria-describedby={describedBy("mode")}
            onChange={(event) => {
              const mode = event.target.value === "ONLINE" ? "ONLINE" : "IN_PERSON";
              onChange({ ...draft, mode, locationId: mode === "IN_PERSON" ? draft.locationId || (locations[0]?.id ?? "") : "" });
            }}
          >
            <option value="IN_PERSON">In person</option>
            <option value="ONLINE">Online</option>
          </Select>
          <FieldMessages id={errorId(idBase, "mode")} messages={errors?.mode} />
        </div>
      )}
      <div>
        {inPersonOnly || draft.mode === "IN_PERSON" ? (
          <>
            <label htmlFor={fieldId(idBase, "location")} className="mb-1 block text-xs font-medium text-slate-700">
              <span className="sr-only">{label} </span>location
            </label>
            <Select
              id={fieldId(idBase, "location")}
              value={draft.locationId}
              aria-invalid={invalid("location")}
              aria-describedby={describedBy("location")}
              onChange={(event) => onChange({ ...draft, locationId: event.target.value })}
            >
              <option value="">Choose a location</option>
              {locations.map((location) => (
                <option key={location.id} value={location.id}>
                  {location.name} ({location.timeZone.replaceAll("_", " ")})
                </option>
              ))}
            </Select>
          </>
        ) : (
          <p className="pt-6 text-xs text-slate-600">Online: no location needed.</p>
        )}
        <FieldMessages id={errorId(idBase, "location")} messages={errors?.location} />
      </div>
      <div className="sm:pt-5">
        <Button variant="ghost" onClick={onRemove} aria-label={`Remove ${label}`}>
          Remove
        </Button>
      </div>
    </li>
  );
}

/** One weekday of a weekly editor: its heading, "Add interval on <day>" and the day's intervals. */
export function WeekdayIntervals({
  day,
  headingId,
  headingLevel,
  className,
  headerClassName,
  emptyText,
  drafts,
  idBaseOf,
  locations,
  problems,
  inPersonOnly = false,
  addDisabled,
  newDraft,
  onDraftsChange,
}: {
  day: { value: number; name: string };
  headingId: string;
  headingLevel: "h3" | "h4";
  className: string;
  headerClassName: string;
  /** Shown instead of the list when the day has no intervals. */
  emptyText: ReactNode;
  drafts: IntervalDraft[];
  idBaseOf: (key: string) => string;
  locations: LocationDto[];
  problems: WeekProblems;
  inPersonOnly?: boolean;
  addDisabled?: boolean;
  newDraft: () => IntervalDraft;
  onDraftsChange: (update: (drafts: IntervalDraft[]) => IntervalDraft[]) => void;
}) {
  const Heading = headingLevel;
  return (
    <section aria-labelledby={headingId} className={className}>
      <div className={headerClassName}>
        <Heading id={headingId} className="font-semibold">
          {day.name}
        </Heading>
        <Button variant="secondary" disabled={addDisabled} onClick={() => onDraftsChange((current) => [...current, newDraft()])}>
          Add interval on {day.name}
        </Button>
      </div>
      {drafts.length === 0 ? (
        <p className="text-sm text-slate-600">{emptyText}</p>
      ) : (
        <ul className="space-y-2" aria-label={`${day.name} intervals`}>
          {drafts.map((draft, position) => (
            <ScheduleIntervalFields
              key={draft.key}
              idBase={idBaseOf(draft.key)}
              label={intervalLabel(day.name, position)}
              draft={draft}
              locations={locations}
              errors={problems.byInterval[draft.key]}
              inPersonOnly={inPersonOnly}
              onChange={(next) => onDraftsChange((current) => current.map((d) => (d.key === draft.key ? next : d)))}
              onRemove={() => onDraftsChange((current) => current.filter((d) => d.key !== draft.key))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
