"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { issuesByField, readFormError } from "@/lib/errors/read-form-error";
import { saveOrganizationScheduleInput } from "../organization-schedule-schemas";
import type { OrganizationScheduleDto } from "../organization-schedule-types";
import type { LocationDto } from "../types";
import { useOrganizationSchedule, useSaveOrganizationSchedule } from "../hooks/use-organization-schedule";
import {
  draftFromInterval,
  errorId,
  fieldId,
  intervalFromDraft,
  newIntervalKey,
  SERVER_FIELD,
  type IntervalDraft,
  type IntervalErrors,
  type IntervalField,
} from "./schedule-interval-fields";
import { minutesToTimeValue, WEEKDAYS } from "./schedule-time";

type Week = Record<number, IntervalDraft[]>;

interface Problems {
  byInterval: Record<string, IntervalErrors>;
  general: string[];
}

const NO_PROBLEMS: Problems = { byInterval: {}, general: [] };
const FIELD_LABEL: Partial<Record<IntervalField, string>> = { start: "start", end: "end", location: "location" };

function weekFromSchedule(schedule: OrganizationScheduleDto): Week {
  const week: Week = {};
  for (const day of WEEKDAYS) {
    week[day.value] = schedule.rules.filter((rule) => rule.weekday === day.value).map((rule) => draftFromInterval(rule, rule.id));
  }
  return week;
}

/** Errors keyed `rules.<index>.<field>` go back to the interval each index came from; the rest are shown above the form. */
function problemsFrom(fieldErrors: Record<string, string[]>, keysByIndex: string[], fallback: string | null): Problems {
  const problems: Problems = { byInterval: {}, general: [] };
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

export interface OrganizationScheduleEditorProps {
  organizationId: string;
  providerId: string;
  /** Called after a save, so views built on these hours can reload. */
  onSaved?: () => void;
}

/**
 * A manager's editor for a provider's weekly in-person hours at the organization's locations.
 * Where the provider has not allowed edits it shows their hours read-only with the reason.
 */
export function OrganizationScheduleEditor({ organizationId, providerId, onSaved }: OrganizationScheduleEditorProps) {
  const schedule = useOrganizationSchedule({ organizationId, providerId });
  if (schedule.isPending) return <p role="status">Loading the provider&apos;s hours…</p>;
  if (schedule.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load this provider&apos;s hours: {schedule.error.message}
      </p>
    );
  }
  const data = schedule.data;
  if (!data.canEdit) return <ReadOnlyHours schedule={data} />;
  return <HoursForm key={data.provider.id} organizationId={organizationId} schedule={data} onSaved={onSaved} />;
}

function locationName(locations: LocationDto[], id: string | null): string {
  return locations.find((location) => location.id === id)?.name ?? "a location";
}

function ReadOnlyHours({ schedule }: { schedule: OrganizationScheduleDto }) {
  return (
    <div className="space-y-3">
      <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="schedule-edit-blocked">
        {schedule.editBlockedReason}
      </p>
      <h4 className="font-semibold">Current hours at this organization</h4>
      {schedule.rules.length === 0 ? (
        <p className="text-sm text-slate-600">No weekly hours at this organization&apos;s locations.</p>
      ) : (
        <ul className="list-disc pl-5 text-sm">
          {schedule.rules.map((rule) => (
            <li key={rule.id}>
              {WEEKDAYS.find((day) => day.value === rule.weekday)?.name} {minutesToTimeValue(rule.startMinute)}–
              {rule.endMinute === 1440 ? "24:00" : minutesToTimeValue(rule.endMinute)} at {locationName(schedule.locations, rule.locationId)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function HoursForm({ organizationId, schedule, onSaved }: { organizationId: string; schedule: OrganizationScheduleDto; onSaved?: () => void }) {
  const [week, setWeek] = useState<Week>(() => weekFromSchedule(schedule));
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [savedMessage, setSavedMessage] = useState("");
  const summaryRef = useRef<HTMLDivElement>(null);
  const save = useSaveOrganizationSchedule();
  const idPrefix = useId();
  const hasProblems = problems.general.length > 0 || Object.keys(problems.byInterval).length > 0;

  // A refused save moves focus to the list of problems, so it is read out and each links to its field.
  useEffect(() => {
    if (hasProblems) summaryRef.current?.focus();
  }, [problems, hasProblems]);

  const idBaseOf = (key: string) => `${idPrefix}-${key}`;
  const labelOf = (weekdayName: string, position: number) => `${weekdayName} interval ${position + 1}`;
  const updateDay = (weekday: number, update: (drafts: IntervalDraft[]) => IntervalDraft[]) => {
    setSavedMessage("");
    setWeek((current) => ({ ...current, [weekday]: update(current[weekday] ?? []) }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSavedMessage("");
    const keysByIndex: string[] = [];
    const rules: { weekday: number; startMinute: number; endMinute: number; mode: "IN_PERSON"; locationId: string | null }[] = [];
    const unreadable: Record<string, IntervalErrors> = {};
    for (const day of WEEKDAYS) {
      for (const draft of week[day.value] ?? []) {
        const parsed = intervalFromDraft({ ...draft, mode: "IN_PERSON" });
        if (!parsed.ok) {
          unreadable[draft.key] = parsed.errors;
          continue;
        }
        keysByIndex.push(draft.key);
        rules.push({ ...parsed.value, mode: "IN_PERSON", weekday: day.value });
      }
    }
    const checked = saveOrganizationScheduleInput.safeParse({ organizationId, providerId: schedule.provider.id, rules });
    const found = checked.success ? NO_PROBLEMS : problemsFrom(issuesByField(checked.error.issues), keysByIndex, null);
    const byInterval = { ...found.byInterval };
    for (const [key, errors] of Object.entries(unreadable)) byInterval[key] = { ...byInterval[key], ...errors };
    if (!checked.success || Object.keys(byInterval).length > 0) {
      setProblems({ byInterval, general: found.general });
      return;
    }
    setProblems(NO_PROBLEMS);
    save.mutate(
      { ...checked.data, organizationId },
      {
        onSuccess: (saved) => {
          setSavedMessage(`Hours saved for ${saved.provider.displayName}: ${saved.rules.length} interval${saved.rules.length === 1 ? "" : "s"} a week at this organization.`);
          onSaved?.();
        },
        onError: (error) => {
          const refused = readFormError(error);
          setProblems(problemsFrom(refused.appCode === "VALIDATION" ? refused.fieldErrors : {}, keysByIndex, refused.message));
        },
      },
    );
  };

  const summary = [
    ...problems.general.map((text) => ({ href: null as string | null, text })),
    ...WEEKDAYS.flatMap((day) =>
      (week[day.value] ?? []).flatMap((draft, position) => {
        const errors = problems.byInterval[draft.key];
        if (!errors) return [];
        return (Object.keys(errors) as IntervalField[]).flatMap((field) =>
          (errors[field] ?? []).map((message) => ({
            href: FIELD_LABEL[field] ? `#${fieldId(idBaseOf(draft.key), field)}` : null,
            text: `${labelOf(day.name, position)} ${FIELD_LABEL[field] ?? field}: ${message}`,
          })),
        );
      }),
    ),
  ];

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`Weekly hours of ${schedule.provider.displayName} at this organization`}>
      <p className="text-sm text-slate-600">
        In-person hours at this organization&apos;s locations, in each location&apos;s own time zone. {schedule.provider.displayName}&apos;s online hours and
        hours at other organizations stay as they set them. An end time of 00:00 means midnight at the end of the day.
      </p>
      {summary.length > 0 ? (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">The hours were not saved. Please fix:</p>
          <ul className="mt-1 list-disc pl-5">
            {summary.map((item) => (
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
      ) : null}
      {schedule.locations.length === 0 ? (
        <p className="text-sm text-slate-600">This organization has no locations yet. Add one in Locations before setting in-person hours.</p>
      ) : null}
      {WEEKDAYS.map((day) => {
        const drafts = week[day.value] ?? [];
        const headingId = `${idPrefix}-day-${day.value}`;
        return (
          <section key={day.value} aria-labelledby={headingId} className="space-y-2 rounded-md border border-slate-200 p-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h4 id={headingId} className="font-semibold">
                {day.name}
              </h4>
              <Button
                variant="secondary"
                disabled={schedule.locations.length === 0}
                onClick={() =>
                  updateDay(day.value, (current) => [
                    ...current,
                    { key: newIntervalKey(), start: "09:00", end: "17:00", mode: "IN_PERSON", locationId: schedule.locations[0]?.id ?? "" },
                  ])
                }
              >
                Add interval on {day.name}
              </Button>
            </div>
            {drafts.length === 0 ? (
              <p className="text-sm text-slate-600">No hours here.</p>
            ) : (
              <ul className="space-y-2" aria-label={`${day.name} intervals`}>
                {drafts.map((draft, position) => (
                  <InPersonIntervalFields
                    key={draft.key}
                    idBase={idBaseOf(draft.key)}
                    label={labelOf(day.name, position)}
                    draft={draft}
                    locations={schedule.locations}
                    errors={problems.byInterval[draft.key]}
                    onChange={(next) => updateDay(day.value, (current) => current.map((d) => (d.key === draft.key ? next : d)))}
                    onRemove={() => updateDay(day.value, (current) => current.filter((d) => d.key !== draft.key))}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save hours"}
        </Button>
        <p role="status" className="text-sm text-green-800">
          {savedMessage}
        </p>
      </div>
    </form>
  );
}

function FieldMessages({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {messages.join(" ")}
    </p>
  );
}

/** Start, end and place of one in-person interval; the mode is fixed, online hours are the provider's own. */
function InPersonIntervalFields({
  idBase,
  label,
  draft,
  locations,
  errors,
  onChange,
  onRemove,
}: {
  idBase: string;
  label: string;
  draft: IntervalDraft;
  locations: LocationDto[];
  errors: IntervalErrors | undefined;
  onChange: (draft: IntervalDraft) => void;
  onRemove: () => void;
}) {
  const invalid = (field: IntervalField) => Boolean(errors?.[field]?.length);
  const describedBy = (field: IntervalField) => (invalid(field) ? errorId(idBase, field) : undefined);
  return (
    <li className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-[8rem_8rem_minmax(0,1fr)_auto] sm:items-start">
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
      <div>
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
