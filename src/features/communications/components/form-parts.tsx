"use client";

import type { ReactNode, Ref } from "react";
import { Input } from "@/components/ui/input";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { zoneLabel } from "@/lib/time";

export interface SummaryItem {
  message: string;
  /** The control to jump to. */
  fieldId?: string;
}

/** The problems above the form: focused after a failed save so it is read first, each linking to its control. */
export function ErrorSummary({ items, ref }: { items: SummaryItem[]; ref?: Ref<HTMLDivElement> }) {
  if (items.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="space-y-1 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      <p className="font-semibold">Your settings were not saved</p>
      <ul className="list-disc space-y-0.5 pl-5">
        {items.map((item, index) => (
          <li key={`${item.fieldId ?? "form"}-${index}`}>
            {item.fieldId ? (
              <a href={`#${item.fieldId}`} className="underline">
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Checkbox({
  id,
  label,
  hint,
  checked,
  onChange,
  errorId,
  isInvalid = false,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  errorId?: string;
  isInvalid?: boolean;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={isInvalid || undefined}
        aria-describedby={describedBy(hintId, isInvalid && errorId)}
        className="mt-0.5 h-4 w-4 rounded border-slate-400 accent-brand-600"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="text-xs text-slate-600">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export interface QuietHoursValue {
  isOn: boolean;
  start: string;
  end: string;
}

/**
 * Quiet hours as two wall-clock times in the person's zone. "From 22:00 until 07:00" runs
 * overnight. Urgent messages are not held, so the hint says which ones still arrive.
 */
export function QuietHoursFields({
  idPrefix,
  value,
  onChange,
  errors,
  timeZone,
  now,
  who,
}: {
  idPrefix: string;
  value: QuietHoursValue;
  onChange: (value: QuietHoursValue) => void;
  errors: { quietStart?: string[]; quietEnd?: string[] };
  /** Null when there is no zone to read the times in (no patient profile). */
  timeZone: string | null;
  now: Date;
  /** Whose messages wait: a person's own, or a provider's notices. */
  who: "patient" | "provider";
}) {
  const ids = { toggle: `${idPrefix}-quiet`, start: `${idPrefix}-quietStart`, end: `${idPrefix}-quietEnd`, zone: `${idPrefix}-quiet-zone` };
  if (!timeZone) {
    return (
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">Quiet hours</legend>
        <p className="text-sm text-slate-700">
          Quiet hours are read in the time zone of your patient profile, and you have no patient profile yet, so they cannot be set.
        </p>
        <FieldErrorText id={`${ids.start}-error`} messages={errors.quietStart} />
      </fieldset>
    );
  }
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold">Quiet hours</legend>
      <Checkbox
        id={ids.toggle}
        label="Hold non-urgent messages during quiet hours"
        hint={
          who === "patient"
            ? "Reminders and updates wait until quiet hours end. Codes you ask for, and news about an appointment only hours away, still arrive at once."
            : "Notices to you wait until quiet hours end; news about an appointment only hours away still arrives at once. Reminders to patients follow the patients' own quiet hours."
        }
        checked={value.isOn}
        onChange={(isOn) => onChange({ ...value, isOn })}
      />
      {value.isOn ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor={ids.start} className="block text-sm font-medium">
              From
            </label>
            <Input
              id={ids.start}
              type="time"
              value={value.start}
              onChange={(event) => onChange({ ...value, start: event.target.value })}
              aria-invalid={Boolean(errors.quietStart?.length) || undefined}
              aria-describedby={describedBy(ids.zone, errors.quietStart?.length && `${ids.start}-error`)}
            />
            <FieldErrorText id={`${ids.start}-error`} messages={errors.quietStart} />
          </div>
          <div className="space-y-1">
            <label htmlFor={ids.end} className="block text-sm font-medium">
              Until
            </label>
            <Input
              id={ids.end}
              type="time"
              value={value.end}
              onChange={(event) => onChange({ ...value, end: event.target.value })}
              aria-invalid={Boolean(errors.quietEnd?.length) || undefined}
              aria-describedby={describedBy(ids.zone, errors.quietEnd?.length && `${ids.end}-error`)}
            />
            <FieldErrorText id={`${ids.end}-error`} messages={errors.quietEnd} />
          </div>
          <p id={ids.zone} className="text-xs text-slate-600 sm:col-span-2">
            Times are in {zoneLabel(now, timeZone)}. From 22:00 until 07:00 runs overnight.
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}

/** What the form sends for quiet hours: both times while on (an emptied one is reported by the schema), else none. */
export function quietHoursInput(value: QuietHoursValue): { quietStart: string | null; quietEnd: string | null } {
  return value.isOn ? { quietStart: value.start, quietEnd: value.end } : { quietStart: null, quietEnd: null };
}
