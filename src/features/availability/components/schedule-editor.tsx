"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { saveWeeklyScheduleInput, type BookingMode } from "../schemas";
import type { LocationDto, ScheduleDto } from "../types";
import { useMySchedule, useSaveWeeklySchedule } from "../hooks/use-schedule";
import {
  draftFromInterval,
  emptyDraft,
  fieldId,
  intervalFromDraft,
  ScheduleIntervalFields,
  SERVER_FIELD,
  type IntervalDraft,
  type IntervalErrors,
  type IntervalField,
} from "./schedule-interval-fields";
import { issuesToFieldErrors, WEEKDAYS } from "./schedule-time";

type Week = Record<number, IntervalDraft[]>;

function weekFromSchedule(schedule: ScheduleDto): Week {
  const week: Week = {};
  for (const day of WEEKDAYS) {
    week[day.value] = schedule.rules
      .filter((rule) => rule.weekday === day.value)
      .sort((a, b) => a.startMinute - b.startMinute)
      .map((rule) => draftFromInterval(rule, rule.id));
  }
  return week;
}

interface Problems {
  byInterval: Record<string, IntervalErrors>;
  general: string[];
}

const NO_PROBLEMS: Problems = { byInterval: {}, general: [] };

/** Turns errors keyed by the flat `rules.<index>.<field>` path back into the interval each index came from. */
function problemsFromFieldErrors(fieldErrors: Record<string, string[]>, keysByIndex: string[]): Problems {
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
  return problems;
}

const FIELD_LABEL: Record<IntervalField, string> = { start: "start", end: "end", mode: "mode", location: "location" };

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
  const [week, setWeek] = useState<Week>(() => weekFromSchedule(schedule));
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [savedMessage, setSavedMessage] = useState("");
  const save = useSaveWeeklySchedule();
  const headingId = useId();
  const idPrefix = useId();

  const labelOf = (weekdayName: string, position: number) => `${weekdayName} interval ${position + 1}`;
  const idBaseOf = (key: string) => `${idPrefix}-${key}`;

  const updateDay = (weekday: number, update: (drafts: IntervalDraft[]) => IntervalDraft[]) => {
    setSavedMessage("");
    setWeek((current) => ({ ...current, [weekday]: update(current[weekday] ?? []) }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSavedMessage("");
    const keysByIndex: string[] = [];
    const rules: { weekday: number; startMinute: number; endMinute: number; mode: BookingMode; locationId: string | null }[] = [];
    const unreadable: Record<string, IntervalErrors> = {};
    for (const day of WEEKDAYS) {
      for (const draft of week[day.value] ?? []) {
        const parsed = intervalFromDraft(draft);
        if (!parsed.ok) {
          unreadable[draft.key] = parsed.errors;
          continue;
        }
        keysByIndex.push(draft.key);
        rules.push({ ...parsed.value, weekday: day.value });
      }
    }
    const checked = saveWeeklyScheduleInput.safeParse({ rules });
    const found = checked.success ? NO_PROBLEMS : problemsFromFieldErrors(issuesToFieldErrors(checked.error.issues), keysByIndex);
    const byInterval = { ...found.byInterval };
    for (const [key, errors] of Object.entries(unreadable)) byInterval[key] = { ...byInterval[key], ...errors };
    if (Object.keys(byInterval).length > 0 || found.general.length > 0 || !checked.success) {
      setProblems({ byInterval, general: found.general });
      return;
    }
    setProblems(NO_PROBLEMS);
    save.mutate(checked.data, {
      onSuccess: (saved) => {
        setSavedMessage(`Weekly schedule saved: ${saved.length} interval${saved.length === 1 ? "" : "s"} a week.`);
      },
      onError: (error) => {
        const fieldErrors = error.data?.appCode === "VALIDATION" ? error.data.fieldErrors : null;
        setProblems(fieldErrors ? problemsFromFieldErrors(fieldErrors, keysByIndex) : { byInterval: {}, general: [error.message] });
      },
    });
  };

  const summary: { href: string | null; text: string }[] = [
    ...problems.general.map((text) => ({ href: null, text })),
    ...WEEKDAYS.flatMap((day) =>
      (week[day.value] ?? []).flatMap((draft, position) => {
        const errors = problems.byInterval[draft.key];
        if (!errors) return [];
        return (Object.keys(FIELD_LABEL) as IntervalField[]).flatMap((field) =>
          (errors[field] ?? []).map((message) => ({
            href: `#${fieldId(idBaseOf(draft.key), field)}`,
            text: `${labelOf(day.name, position)} ${FIELD_LABEL[field]}: ${message}`,
          })),
        );
      }),
    ),
  ];

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

      {summary.length > 0 ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">The week was not saved. Please fix:</p>
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

      {WEEKDAYS.map((day) => {
        const drafts = week[day.value] ?? [];
        return (
          <Card key={day.value} className="space-y-3">
            <section aria-labelledby={`${idPrefix}-day-${day.value}`} className="space-y-3">
              <div className="flex items-center justify-between gap-2">
                <h3 id={`${idPrefix}-day-${day.value}`} className="font-semibold">
                  {day.name}
                </h3>
                <Button
                  variant="secondary"
                  onClick={() => updateDay(day.value, (current) => [...current, emptyDraft(schedule.locations)])}
                >
                  Add interval on {day.name}
                </Button>
              </div>
              {drafts.length === 0 ? (
                <p className="text-sm text-slate-600">Not available.</p>
              ) : (
                <ul className="space-y-2" aria-label={`${day.name} intervals`}>
                  {drafts.map((draft, position) => (
                    <ScheduleIntervalFields
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
          </Card>
        );
      })}

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
