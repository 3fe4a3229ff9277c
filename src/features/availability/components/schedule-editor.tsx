"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { saveWeeklyScheduleInput } from "../schemas";
import type { LocationDto, ScheduleDto } from "../types";
import { useMySchedule, useSaveWeeklySchedule } from "../hooks/use-schedule";
import {
  collectWeek,
  emptyDraft,
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
import { issuesToFieldErrors, WEEKDAYS } from "./schedule-time";

export function ScheduleEditor() {
  const schedule = useMySchedule();
  if (schedule.isPending) return <p role="status">Loading your schedule…</p>;
  if (schedule.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load your schedule: {schedule.error.message}
      </p>
    );
  }
  return <WeekForm schedule={schedule.data} />;
}

function WeekForm({ schedule }: { schedule: ScheduleDto }) {
  const [week, setWeek] = useState<Week>(() => weekFromRules(schedule.rules));
  const [problems, setProblems] = useState<WeekProblems>(NO_PROBLEMS);
  const [savedMessage, setSavedMessage] = useState("");
  const save = useSaveWeeklySchedule();
  const headingId = useId();
  const idPrefix = useId();

  const idBaseOf = (key: string) => `${idPrefix}-${key}`;

  const updateDay = (weekday: number, update: (drafts: IntervalDraft[]) => IntervalDraft[]) => {
    setSavedMessage("");
    setWeek((current) => ({ ...current, [weekday]: update(current[weekday] ?? []) }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSavedMessage("");
    const collected = collectWeek(week);
    const checked = saveWeeklyScheduleInput.safeParse({ rules: collected.rules });
    const refused = problemsBeforeSave(checked.success ? null : issuesToFieldErrors(checked.error.issues), collected);
    if (refused || !checked.success) {
      setProblems(refused ?? NO_PROBLEMS);
      return;
    }
    setProblems(NO_PROBLEMS);
    save.mutate(checked.data, {
      onSuccess: (saved) => {
        setSavedMessage(`Weekly schedule saved: ${saved.length} interval${saved.length === 1 ? "" : "s"} a week.`);
      },
      onError: (error) => {
        const fieldErrors = error.data?.appCode === "VALIDATION" ? error.data.fieldErrors : null;
        setProblems(fieldErrors ? problemsFromFieldErrors(fieldErrors, collected.keysByIndex) : { byInterval: {}, general: [error.message] });
      },
    });
  };

  return (
    <form onSubmit={onSubmit} aria-labelledby={headingId} className="space-y-4" noValidate>
      <div className="space-y-1">
        <h2 id={headingId} className="text-xl font-semibold">
          Weekly hours
        </h2>
        <p className="text-sm text-slate-600">
          Times are in {schedule.timeZone}; in-person hours follow the location&apos;s zone. An end time of 00:00 means midnight at
          the end of the day.
        </p>
      </div>

      <ProblemSummary title="The week was not saved. Please fix:" items={weekProblemItems({ problems, week, idBaseOf })} />

      {WEEKDAYS.map((day) => (
        <Card key={day.value} className="space-y-3">
          <WeekdayIntervals
            day={day}
            headingId={`${idPrefix}-day-${day.value}`}
            headingLevel="h3"
            className="space-y-3"
            headerClassName="flex items-center justify-between gap-2"
            emptyText="Not available."
            drafts={week[day.value] ?? []}
            idBaseOf={idBaseOf}
            locations={schedule.locations}
            problems={problems}
            newDraft={() => emptyDraft(schedule.locations)}
            onDraftsChange={(update) => updateDay(day.value, update)}
          />
        </Card>
      ))}

      <NoLocationsHint locations={schedule.locations} />

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save week"}
        </Button>
        <p role="status" className="text-sm text-green-800">
          {savedMessage}
        </p>
      </div>
    </form>
  );
}

function NoLocationsHint({ locations }: { locations: LocationDto[] }) {
  if (locations.length > 0) return null;
  return (
    <p className="text-sm text-slate-600">
      You have no practice locations yet, so you can offer online hours only. An organization you belong to can add locations.
    </p>
  );
}
