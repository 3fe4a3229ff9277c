"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { BookingMode } from "../schemas";
import type { LocationDto } from "../types";
import { minutesToTimeValue, timeValueToMinutes } from "./schedule-time";

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

function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
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
  onChange,
  onRemove,
}: {
  idBase: string;
  /** e.g. "Monday interval 1": prefixes every field's accessible name. */
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
    <li className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[8rem_8rem_9rem_minmax(0,1fr)_auto] sm:items-start">
      <div>
        <label htmlFor={fieldId(idBase, "start")} className="mb-1 block text-xs font-medium text-slate-700">
          <span className="sr-only">{label} </span>start
        </label>
        <Input
          id={fieldId(idBase, "start")}
          type="time"
          step={300}
          value={draft.start}
          aria-invalid={invalid("start")}
          aria-describedby={describedBy("start")}
          onChange={(event) => onChange({ ...draft, start: event.target.value })}
        />
        <FieldError id={errorId(idBase, "start")} messages={errors?.start} />
      </div>
      <div>
        <label htmlFor={fieldId(idBase, "end")} className="mb-1 block text-xs font-medium text-slate-700">
          <span className="sr-only">{label} </span>end
        </label>
        <Input
          id={fieldId(idBase, "end")}
          type="time"
          step={300}
          value={draft.end}
          aria-invalid={invalid("end")}
          aria-describedby={describedBy("end")}
          onChange={(event) => onChange({ ...draft, end: event.target.value })}
        />
        <FieldError id={errorId(idBase, "end")} messages={errors?.end} />
      </div>
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
        <FieldError id={errorId(idBase, "mode")} messages={errors?.mode} />
      </div>
      <div>
        {draft.mode === "IN_PERSON" ? (
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
        <FieldError id={errorId(idBase, "location")} messages={errors?.location} />
      </div>
      <div className="sm:pt-5">
        <Button variant="ghost" onClick={onRemove} aria-label={`Remove ${label}`}>
          Remove
        </Button>
      </div>
    </li>
  );
}
