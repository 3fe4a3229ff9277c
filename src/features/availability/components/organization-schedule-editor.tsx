"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { issuesByField, readFormError } from "@/lib/errors/read-form-error";
import { saveOrganizationScheduleInput } from "../organization-schedule-schemas";
import type { OrganizationScheduleDto } from "../organization-schedule-types";
import type { LocationDto } from "../types";
import { useOrganizationSchedule, useSaveOrganizationSchedule } from "../hooks/use-organization-schedule";
import {
  collectWeek,
  newIntervalKey,
  NO_PROBLEMS,
  ProblemSummary,
  problemsBeforeSave,
  problemsFromFieldErrors,
  weekFromRules,
  WeekdayIntervals,
  weekProblemItems,
  type IntervalDraft,
  type Week,
  type WeekProblems,
} from "./schedule-interval-fields";
import { minutesToTimeValue, WEEKDAYS } from "./schedule-time";

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
  const [week, setWeek] = useState<Week>(() => weekFromRules(schedule.rules));
  const [problems, setProblems] = useState<WeekProblems>(NO_PROBLEMS);
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
  const updateDay = (weekday: number, update: (drafts: IntervalDraft[]) => IntervalDraft[]) => {
    setSavedMessage("");
    setWeek((current) => ({ ...current, [weekday]: update(current[weekday] ?? []) }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSavedMessage("");
    // Every draft here is in person: the rows have no mode field and new ones start in person.
    const collected = collectWeek(week);
    const checked = saveOrganizationScheduleInput.safeParse({ organizationId, providerId: schedule.provider.id, rules: collected.rules });
    const refused = problemsBeforeSave(checked.success ? null : issuesByField(checked.error.issues), collected);
    if (refused || !checked.success) {
      setProblems(refused ?? NO_PROBLEMS);
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
          const refusal = readFormError(error);
          setProblems(problemsFromFieldErrors(refusal.appCode === "VALIDATION" ? refusal.fieldErrors : {}, collected.keysByIndex, refusal.message));
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`Weekly hours of ${schedule.provider.displayName} at this organization`}>
      <p className="text-sm text-slate-600">
        In-person hours at this organization&apos;s locations, in each location&apos;s own time zone. {schedule.provider.displayName}&apos;s online hours and
        hours at other organizations stay as they set them. An end time of 00:00 means midnight at the end of the day.
      </p>
      <ProblemSummary
        title="The hours were not saved. Please fix:"
        items={weekProblemItems({ problems, week, idBaseOf, inPersonOnly: true })}
        focusRef={summaryRef}
      />
      {schedule.locations.length === 0 ? (
        <p className="text-sm text-slate-600">This organization has no locations yet. Add one in Locations before setting in-person hours.</p>
      ) : null}
      {WEEKDAYS.map((day) => (
        <WeekdayIntervals
          key={day.value}
          day={day}
          headingId={`${idPrefix}-day-${day.value}`}
          headingLevel="h4"
          className="space-y-2 rounded-md border border-slate-200 p-3"
          headerClassName="flex flex-wrap items-center justify-between gap-2"
          emptyText="No hours here."
          drafts={week[day.value] ?? []}
          idBaseOf={idBaseOf}
          locations={schedule.locations}
          problems={problems}
          inPersonOnly
          addDisabled={schedule.locations.length === 0}
          newDraft={() => ({ key: newIntervalKey(), start: "09:00", end: "17:00", mode: "IN_PERSON", locationId: schedule.locations[0]?.id ?? "" })}
          onDraftsChange={(update) => updateDay(day.value, update)}
        />
      ))}
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
