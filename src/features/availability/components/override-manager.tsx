"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ACCEPTED_DATE_RANGE, formatDate, localDateOf } from "@/lib/time";
import { createOverrideInput, type BookingMode } from "../schemas";
import type { LocationDto, OverrideDto, ScheduleDto } from "../types";
import { useAddOverride, useMySchedule, useRemoveOverride } from "../hooks/use-schedule";
import {
  emptyDraft,
  FieldMessages,
  intervalFromDraft,
  ScheduleIntervalFields,
  SERVER_FIELD,
  type IntervalDraft,
  type IntervalErrors,
} from "./schedule-interval-fields";
import { issuesToFieldErrors, minutesToTimeValue } from "./schedule-time";

type OverrideKind = OverrideDto["kind"];

const KIND_LABEL: Record<OverrideKind, string> = {
  OFF: "Day(s) off",
  REPLACE: "Different hours",
  EXTRA: "Extra hours",
};

/** A local date is a calendar label, so it is shown as that day at noon UTC, formatted in UTC. */
function formatLocalDate(date: string): string {
  return formatDate(new Date(`${date}T12:00:00Z`), "UTC");
}

function describeInterval(interval: OverrideDto["intervals"][number], locations: LocationDto[]): string {
  const time = `${minutesToTimeValue(interval.startMinute)}–${interval.endMinute === 1440 ? "24:00" : minutesToTimeValue(interval.endMinute)}`;
  if (interval.mode === "ONLINE") return `${time} online`;
  const location = locations.find((l) => l.id === interval.locationId);
  return `${time} in person${location ? ` at ${location.name}` : ""}`;
}

export interface OverrideManagerProps {
  /**
   * Shown under the form after a day off is added, to list the bookings it covers. Passed in by
   * the page: the bookings feature owns that list and comes after availability.
   */
  renderTimeOffWarning?: (timeOff: { overrideId: string }) => ReactNode;
}

export function OverrideManager({ renderTimeOffWarning }: OverrideManagerProps = {}) {
  const schedule = useMySchedule();
  if (schedule.isPending) return <p role="status">Loading your time off and exceptions…</p>;
  if (schedule.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load your time off and exceptions: {schedule.error.message}
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <OverrideList schedule={schedule.data} />
      <OverrideForm schedule={schedule.data} renderTimeOffWarning={renderTimeOffWarning} />
    </div>
  );
}

function OverrideList({ schedule }: { schedule: ScheduleDto }) {
  const remove = useRemoveOverride();
  const [removeError, setRemoveError] = useState("");
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-xl font-semibold">
        Time off and exceptions
      </h2>
      {removeError ? (
        <p role="alert" className="text-sm text-red-700">
          {removeError}
        </p>
      ) : null}
      {schedule.overrides.length === 0 ? (
        <p className="text-sm text-slate-600">No upcoming time off or exceptions.</p>
      ) : (
        <ul className="space-y-2" aria-label="Upcoming time off and exceptions">
          {schedule.overrides.map((override) => {
            const range =
              override.startDate === override.endDate
                ? formatLocalDate(override.startDate)
                : `${formatLocalDate(override.startDate)} to ${formatLocalDate(override.endDate)}`;
            return (
              <li key={override.id}>
                <Card className="flex flex-wrap items-start justify-between gap-3 p-4">
                  <div className="space-y-1 text-sm">
                    <p className="font-medium">
                      {KIND_LABEL[override.kind]}: {range}
                    </p>
                    {override.reason ? <p className="text-slate-700">{override.reason}</p> : null}
                    {override.intervals.length > 0 ? (
                      <p className="text-slate-700">{override.intervals.map((i) => describeInterval(i, schedule.locations)).join("; ")}</p>
                    ) : null}
                  </div>
                  <Button
                    variant="secondary"
                    disabled={remove.isPending && remove.variables?.overrideId === override.id}
                    aria-label={`Remove ${KIND_LABEL[override.kind].toLowerCase()} ${range}`}
                    onClick={() => {
                      setRemoveError("");
                      remove.mutate(
                        { overrideId: override.id },
                        { onError: (error) => setRemoveError(`Could not remove it: ${error.message}`) },
                      );
                    }}
                  >
                    Remove
                  </Button>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

interface FormProblems {
  fields: Record<string, string[]>;
  intervals: Record<string, IntervalErrors>;
  general: string[];
}

const NO_PROBLEMS: FormProblems = { fields: {}, intervals: {}, general: [] };
const FORM_FIELDS = new Set(["startDate", "endDate", "kind", "reason", "intervals"]);

function problemsFrom(fieldErrors: Record<string, string[]>, keysByIndex: string[]): FormProblems {
  const problems: FormProblems = { fields: {}, intervals: {}, general: [] };
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const match = /^intervals\.(\d+)\.(\w+)$/.exec(path);
    const key = match ? keysByIndex[Number(match[1])] : undefined;
    const field = match ? SERVER_FIELD[match[2] ?? ""] : undefined;
    if (key && field) {
      const interval = (problems.intervals[key] ??= {});
      (interval[field] ??= []).push(...messages);
    } else if (FORM_FIELDS.has(path)) {
      (problems.fields[path] ??= []).push(...messages);
    } else {
      problems.general.push(...messages);
    }
  }
  return problems;
}

function OverrideForm({ schedule, renderTimeOffWarning }: { schedule: ScheduleDto } & OverrideManagerProps) {
  const today = localDateOf(new Date(), schedule.timeZone);
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState(today);
  const [kind, setKind] = useState<OverrideKind>("OFF");
  const [reason, setReason] = useState("");
  const [drafts, setDrafts] = useState<IntervalDraft[]>([]);
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);
  const [savedMessage, setSavedMessage] = useState("");
  const [addedTimeOffId, setAddedTimeOffId] = useState<string | null>(null);
  const add = useAddOverride();
  const id = useId();
  const ids = { heading: `${id}-heading`, start: `${id}-start`, end: `${id}-end`, kind: `${id}-kind`, reason: `${id}-reason` };
  const errorIdOf = (field: string) => `${id}-${field}-error`;
  const fieldProps = (field: string) => ({
    "aria-invalid": Boolean(problems.fields[field]?.length),
    "aria-describedby": problems.fields[field]?.length ? errorIdOf(field) : undefined,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSavedMessage("");
    const keysByIndex: string[] = [];
    const intervals: { startMinute: number; endMinute: number; mode: BookingMode; locationId: string | null }[] = [];
    const unreadable: Record<string, IntervalErrors> = {};
    for (const draft of kind === "OFF" ? [] : drafts) {
      const parsed = intervalFromDraft(draft);
      if (!parsed.ok) {
        unreadable[draft.key] = parsed.errors;
        continue;
      }
      keysByIndex.push(draft.key);
      intervals.push(parsed.value);
    }
    const checked = createOverrideInput.safeParse({ startDate, endDate, kind, reason, intervals });
    const found = checked.success ? NO_PROBLEMS : problemsFrom(issuesToFieldErrors(checked.error.issues), keysByIndex);
    const merged = { ...found, intervals: { ...found.intervals } };
    for (const [key, errors] of Object.entries(unreadable)) merged.intervals[key] = { ...merged.intervals[key], ...errors };
    if (!checked.success || Object.keys(unreadable).length > 0) {
      setProblems(merged);
      return;
    }
    setProblems(NO_PROBLEMS);
    add.mutate(checked.data, {
      onSuccess: ({ id: overrideId }) => {
        setSavedMessage(`${KIND_LABEL[kind]} added.`);
        setAddedTimeOffId(kind === "OFF" ? overrideId : null);
        setReason("");
        setDrafts([]);
      },
      onError: (error) => {
        const fieldErrors = error.data?.appCode === "VALIDATION" ? error.data.fieldErrors : null;
        setProblems(fieldErrors ? problemsFrom(fieldErrors, keysByIndex) : { ...NO_PROBLEMS, general: [error.message] });
      },
    });
  };

  const hasProblems =
    problems.general.length > 0 || Object.keys(problems.fields).length > 0 || Object.keys(problems.intervals).length > 0;

  return (
    <Card>
      <form onSubmit={onSubmit} aria-labelledby={ids.heading} className="space-y-4" noValidate>
        <div>
          <h2 id={ids.heading} className="text-lg font-semibold">
            Add time off or an exception
          </h2>
          <p className="text-sm text-slate-600">Dates are days in {schedule.timeZone}.</p>
        </div>
        {hasProblems ? (
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
            <p className="font-medium">This was not added. Please check the highlighted fields.</p>
            {problems.general.length > 0 ? (
              <ul className="mt-1 list-disc pl-5">
                {problems.general.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-3">
          <div>
            <label htmlFor={ids.start} className="mb-1 block text-sm font-medium">
              First day
            </label>
            <Input id={ids.start} type="date" min={ACCEPTED_DATE_RANGE.first} max={ACCEPTED_DATE_RANGE.last} value={startDate} onChange={(e) => setStartDate(e.target.value)} {...fieldProps("startDate")} />
            <FieldMessages id={errorIdOf("startDate")} messages={problems.fields.startDate} />
          </div>
          <div>
            <label htmlFor={ids.end} className="mb-1 block text-sm font-medium">
              Last day
            </label>
            <Input id={ids.end} type="date" min={ACCEPTED_DATE_RANGE.first} max={ACCEPTED_DATE_RANGE.last} value={endDate} onChange={(e) => setEndDate(e.target.value)} {...fieldProps("endDate")} />
            <FieldMessages id={errorIdOf("endDate")} messages={problems.fields.endDate} />
          </div>
          <div>
            <label htmlFor={ids.kind} className="mb-1 block text-sm font-medium">
              Kind
            </label>
            <Select
              id={ids.kind}
              value={kind}
              onChange={(e) => {
                const next = e.target.value as OverrideKind;
                setKind(next);
                if (next !== "OFF" && drafts.length === 0) setDrafts([emptyDraft(schedule.locations)]);
              }}
              {...fieldProps("kind")}
            >
              {(Object.keys(KIND_LABEL) as OverrideKind[]).map((value) => (
                <option key={value} value={value}>
                  {KIND_LABEL[value]}
                </option>
              ))}
            </Select>
            <FieldMessages id={errorIdOf("kind")} messages={problems.fields.kind} />
          </div>
        </div>
        <div>
          <label htmlFor={ids.reason} className="mb-1 block text-sm font-medium">
            Reason (optional, not shown to patients)
          </label>
          <Input id={ids.reason} value={reason} onChange={(e) => setReason(e.target.value)} {...fieldProps("reason")} />
          <FieldMessages id={errorIdOf("reason")} messages={problems.fields.reason} />
        </div>
        {kind !== "OFF" ? (
          <fieldset className="space-y-2" aria-describedby={problems.fields.intervals?.length ? errorIdOf("intervals") : undefined}>
            <legend className="text-sm font-medium">{kind === "REPLACE" ? "Hours on these days (instead of the weekly hours)" : "Extra hours on these days"}</legend>
            {kind === "REPLACE" ? (
              <p className="text-xs text-slate-600">Leave no intervals to be unavailable on these days.</p>
            ) : null}
            <FieldMessages id={errorIdOf("intervals")} messages={problems.fields.intervals} />
            {drafts.length > 0 ? (
              <ul className="space-y-2" aria-label="Exception intervals">
                {drafts.map((draft, position) => (
                  <ScheduleIntervalFields
                    key={draft.key}
                    idBase={`${id}-${draft.key}`}
                    label={`Exception interval ${position + 1}`}
                    draft={draft}
                    locations={schedule.locations}
                    errors={problems.intervals[draft.key]}
                    onChange={(next) => setDrafts((current) => current.map((d) => (d.key === draft.key ? next : d)))}
                    onRemove={() => setDrafts((current) => current.filter((d) => d.key !== draft.key))}
                  />
                ))}
              </ul>
            ) : null}
            <Button variant="secondary" onClick={() => setDrafts((current) => [...current, emptyDraft(schedule.locations)])}>
              Add exception interval
            </Button>
          </fieldset>
        ) : null}
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? "Adding…" : "Add exception"}
          </Button>
          <p role="status" className="text-sm text-green-800">
            {savedMessage}
          </p>
        </div>
      </form>
      {addedTimeOffId && renderTimeOffWarning ? <div className="mt-4">{renderTimeOffWarning({ overrideId: addedTimeOffId })}</div> : null}
    </Card>
  );
}
