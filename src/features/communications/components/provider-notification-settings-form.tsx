"use client";

import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { isPhoneCountry, phoneFormatHint } from "@/lib/phone";
import { formatDateTime } from "@/lib/time";
import { issuesByField, readFormError } from "@/lib/errors/read-form-error";
import { useProviderNotificationSettings, useUpdateProviderNotificationSettings } from "../hooks/use-provider-notification-settings";
import { PROVIDER_NOTICES, REMINDER_OFFSETS_MAX_COUNT, updateProviderNotificationSettingsInput, type ProviderNotice } from "../schemas";
import type { ProviderNotificationSettingsDto } from "../types";
import { Checkbox, ErrorSummary, QuietHoursFields, quietHoursInput, type QuietHoursValue, type SummaryItem } from "./form-parts";
import { reminderOffsetLabel, reminderOffsetOptions } from "./reminder-offsets";

export function ProviderNotificationSettingsForm() {
  const settings = useProviderNotificationSettings();
  if (settings.isPending) return <p role="status">Loading your notification settings…</p>;
  if (settings.isError) {
    return (
      <div role="alert" className="space-y-2 text-sm text-red-700">
        <p>We could not load your notification settings: {settings.error.message}</p>
        <Button variant="secondary" onClick={() => void settings.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  return <SettingsForm initial={settings.data} />;
}

const NOTICE_LABELS: Record<ProviderNotice, string> = {
  requested: "New booking requests",
  confirmed: "Confirmed bookings",
  cancelled: "Cancellations",
  rescheduled: "Reschedules",
};

const FIELD_LABELS: Record<string, string> = {
  emailNotices: "Notices by email",
  whatsappNotices: "Notices by WhatsApp",
  whatsappNumber: "WhatsApp number",
  reminderOffsetsMinutes: "Reminders",
  quietStart: "Quiet hours from",
  quietEnd: "Quiet hours until",
};

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

/** Errors of a list and of its items ("reminderOffsetsMinutes.1") shown together under the group. */
function groupErrors(fieldErrors: Record<string, string[]>, field: string): string[] {
  return Object.entries(fieldErrors)
    .filter(([key]) => key === field || key.startsWith(`${field}.`))
    .flatMap(([, messages]) => messages);
}

function SettingsForm({ initial }: { initial: ProviderNotificationSettingsDto }) {
  const [emailNotices, setEmailNotices] = useState<ProviderNotice[]>(initial.emailNotices);
  const [whatsappNotices, setWhatsappNotices] = useState<ProviderNotice[]>(initial.whatsappNotices);
  const [whatsappNumber, setWhatsappNumber] = useState(initial.whatsappNumber ?? "");
  const [offsets, setOffsets] = useState<number[]>(initial.reminderOffsetsMinutes);
  const [quiet, setQuiet] = useState<QuietHoursValue>({
    isOn: initial.quietStart !== null,
    start: initial.quietStart ?? "20:00",
    end: initial.quietEnd ?? "08:00",
  });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [generalError, setGeneralError] = useState("");
  const [status, setStatus] = useState("");
  const [now] = useState(() => new Date());
  const [offsetChoices] = useState(() => reminderOffsetOptions(initial.reminderOffsetsMinutes));
  const summaryRef = useRef<HTMLDivElement>(null);
  const update = useUpdateProviderNotificationSettings();
  const id = useId();
  const ids = {
    emailNotices: `${id}-emailNotices`,
    whatsappNotices: `${id}-whatsappNotices`,
    whatsappNumber: `${id}-whatsappNumber`,
    reminderOffsetsMinutes: `${id}-reminderOffsetsMinutes`,
    quietStart: `${id}-quietStart`,
    quietEnd: `${id}-quietEnd`,
  };
  const fieldIds: Record<string, string> = ids;
  const phoneCountry = initial.phoneCountry && isPhoneCountry(initial.phoneCountry) ? initial.phoneCountry : undefined;

  const showErrors = (errors: Record<string, string[]>, general = "") => {
    setFieldErrors(errors);
    setGeneralError(general);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    const candidate = {
      // In the catalogue's order, whatever order they were ticked in.
      emailNotices: PROVIDER_NOTICES.filter((n) => emailNotices.includes(n)),
      whatsappNotices: PROVIDER_NOTICES.filter((n) => whatsappNotices.includes(n)),
      whatsappNumber: whatsappNumber.trim() === "" ? null : whatsappNumber,
      ...(phoneCountry ? { phoneCountry } : {}),
      reminderOffsetsMinutes: offsets,
      ...quietHoursInput(quiet),
    };
    const checked = updateProviderNotificationSettingsInput.safeParse(candidate);
    if (!checked.success) {
      showErrors(issuesByField(checked.error.issues));
      return;
    }
    setFieldErrors({});
    setGeneralError("");
    update.mutate(candidate, {
      onSuccess: (saved) => {
        setWhatsappNumber(saved.whatsappNumber ?? "");
        setOffsets(saved.reminderOffsetsMinutes);
        const reminders = saved.reminderOffsetsMinutes.length
          ? `Patients are reminded ${saved.reminderOffsetsMinutes.map(reminderOffsetLabel).join(", ")} before.`
          : "Patients get no reminders.";
        setStatus(`Notification settings saved. ${reminders}`);
      },
      onError: (error) => {
        const info = readFormError(error);
        if (info.appCode === "VALIDATION" && Object.keys(info.fieldErrors).length > 0) showErrors(info.fieldErrors);
        else showErrors({}, info.message);
      },
    });
  };

  const summary: SummaryItem[] = [
    ...(generalError ? [{ message: generalError }] : []),
    ...Object.entries(fieldErrors).flatMap(([field, messages]) => {
      const group = field.split(".")[0] ?? field;
      return messages.map((message) => ({ message: FIELD_LABELS[group] ? `${FIELD_LABELS[group]}: ${message}` : message, fieldId: fieldIds[group] }));
    }),
  ];
  const emailErrors = groupErrors(fieldErrors, "emailNotices");
  const whatsappErrors = groupErrors(fieldErrors, "whatsappNotices");
  const numberErrors = fieldErrors.whatsappNumber;
  const offsetErrors = groupErrors(fieldErrors, "reminderOffsetsMinutes");

  const noticeBoxes = (group: "emailNotices" | "whatsappNotices", chosen: ProviderNotice[], set: (next: ProviderNotice[]) => void, hasErrors: boolean) =>
    PROVIDER_NOTICES.map((notice, index) => (
      <Checkbox
        key={notice}
        // The first box carries the group's id, so the error summary's link lands in the group.
        id={index === 0 ? ids[group] : `${ids[group]}-${notice}`}
        label={NOTICE_LABELS[notice]}
        checked={chosen.includes(notice)}
        onChange={(on) => set(toggle(chosen, notice, on))}
        isInvalid={hasErrors}
        errorId={`${ids[group]}-error`}
      />
    ));

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5" aria-label="Notification settings">
      <ErrorSummary ref={summaryRef} items={summary} />
      {!initial.canEdit ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Your provider profile is not approved, so these settings can be read but not changed yet.
        </p>
      ) : null}
      <fieldset disabled={!initial.canEdit} className="space-y-5">
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-4" aria-describedby={`${ids.emailNotices}-hint`}>
          <legend className="px-1 text-sm font-semibold">Notices by email</legend>
          <p id={`${ids.emailNotices}-hint`} className="text-xs text-slate-600">
            Sent to {initial.email}, your account&apos;s address. You are not told about changes you make yourself.
          </p>
          {noticeBoxes("emailNotices", emailNotices, setEmailNotices, emailErrors.length > 0)}
          <FieldErrorText id={`${ids.emailNotices}-error`} messages={emailErrors} />
        </fieldset>

        <fieldset className="space-y-3 rounded-md border border-slate-200 p-4" aria-describedby={`${ids.whatsappNotices}-hint`}>
          <legend className="px-1 text-sm font-semibold">Notices by WhatsApp</legend>
          <p id={`${ids.whatsappNotices}-hint`} className="text-xs text-slate-600">
            Choosing any of these is your agreement to get them on WhatsApp at the number below; reply STOP there at any time.
            {initial.whatsappStoppedAt
              ? ` The number replied STOP on ${formatDateTime(initial.whatsappStoppedAt, initial.timeZone)} (${initial.timeZone.replaceAll("_", " ")}), so WhatsApp notices are off until you send START from that number on WhatsApp.`
              : null}
          </p>
          {noticeBoxes("whatsappNotices", whatsappNotices, setWhatsappNotices, whatsappErrors.length > 0)}
          <FieldErrorText id={`${ids.whatsappNotices}-error`} messages={whatsappErrors} />
          <div className="space-y-1">
            <label htmlFor={ids.whatsappNumber} className="block text-sm font-medium">
              WhatsApp number
            </label>
            <p id={`${ids.whatsappNumber}-hint`} className="text-xs text-slate-600">
              A mobile number with WhatsApp, like {phoneFormatHint(phoneCountry)}.
            </p>
            <Input
              id={ids.whatsappNumber}
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              value={whatsappNumber}
              onChange={(event) => setWhatsappNumber(event.target.value)}
              aria-invalid={Boolean(numberErrors?.length) || undefined}
              aria-describedby={describedBy(`${ids.whatsappNumber}-hint`, numberErrors?.length && `${ids.whatsappNumber}-error`)}
            />
            <FieldErrorText id={`${ids.whatsappNumber}-error`} messages={numberErrors} />
          </div>
        </fieldset>

        <fieldset className="space-y-3 rounded-md border border-slate-200 p-4" aria-describedby={describedBy(`${ids.reminderOffsetsMinutes}-hint`, offsetErrors.length > 0 && `${ids.reminderOffsetsMinutes}-error`)}>
          <legend className="px-1 text-sm font-semibold">Reminders to your patients</legend>
          <p id={`${ids.reminderOffsetsMinutes}-hint`} className="text-xs text-slate-600">
            How long before an appointment patients are reminded, on the channels they chose. Choose up to {REMINDER_OFFSETS_MAX_COUNT}, or none
            for no reminders; the usual choice is 24 hours and 2 hours. Changes apply to upcoming appointments too, for reminders not yet sent.
          </p>
          <div className="grid gap-2 sm:grid-cols-3">
            {offsetChoices.map((minutes, index) => (
              <Checkbox
                key={minutes}
                id={index === 0 ? ids.reminderOffsetsMinutes : `${ids.reminderOffsetsMinutes}-${minutes}`}
                label={`${reminderOffsetLabel(minutes)} before`}
                checked={offsets.includes(minutes)}
                onChange={(on) => setOffsets((current) => toggle(current, minutes, on).sort((a, b) => b - a))}
                isInvalid={offsetErrors.length > 0}
                errorId={`${ids.reminderOffsetsMinutes}-error`}
              />
            ))}
          </div>
          <p className="text-xs text-slate-600" aria-live="polite">
            {offsets.length} of {REMINDER_OFFSETS_MAX_COUNT} chosen
          </p>
          <FieldErrorText id={`${ids.reminderOffsetsMinutes}-error`} messages={offsetErrors} />
        </fieldset>

        <QuietHoursFields
          idPrefix={id}
          value={quiet}
          onChange={setQuiet}
          errors={{ quietStart: fieldErrors.quietStart, quietEnd: fieldErrors.quietEnd }}
          timeZone={initial.timeZone}
          now={now}
          who="provider"
        />

        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={update.isPending || !initial.canEdit}>
            {update.isPending ? "Saving…" : "Save notification settings"}
          </Button>
          <p role="status" className="text-sm text-green-800">
            {status}
          </p>
        </div>
      </fieldset>
    </form>
  );
}
