"use client";

import { FieldErrorText } from "@/components/ui/field-error";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/time";
import { issuesByField, readFormError } from "@/lib/errors/read-form-error";
import { useNotificationPreferences, useUpdateNotificationPreferences } from "../hooks/use-notification-preferences";
import { updateNotificationPreferencesInput } from "../schemas";
import type { NotificationPreferencesDto } from "../types";
import { Checkbox, ErrorSummary, QuietHoursFields, quietHoursInput, type QuietHoursValue, type SummaryItem } from "./form-parts";

export function NotificationPreferencesForm() {
  const preferences = useNotificationPreferences();
  if (preferences.isPending) return <p role="status">Loading your notification settings…</p>;
  if (preferences.isError) {
    return (
      <div role="alert" className="space-y-2 text-sm text-red-700">
        <p>We could not load your notification settings: {preferences.error.message}</p>
        <Button variant="secondary" onClick={() => void preferences.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  return <PreferencesForm initial={preferences.data} />;
}

const FIELD_LABELS: Record<string, string> = {
  emailEnabled: "Email",
  whatsappEnabled: "WhatsApp",
  smsEnabled: "Text messages (SMS)",
  quietStart: "Quiet hours from",
  quietEnd: "Quiet hours until",
};

/** When something happened, in the person's zone (UTC without one), with the zone named. */
function when(date: Date, timeZone: string | null): string {
  const zone = timeZone ?? "UTC";
  return `${formatDateTime(date, zone)} (${zone.replaceAll("_", " ")})`;
}

function PreferencesForm({ initial }: { initial: NotificationPreferencesDto }) {
  const [emailEnabled, setEmailEnabled] = useState(initial.emailEnabled);
  const [whatsappEnabled, setWhatsappEnabled] = useState(initial.whatsappEnabled);
  const [smsEnabled, setSmsEnabled] = useState(initial.smsEnabled);
  const [quiet, setQuiet] = useState<QuietHoursValue>({
    isOn: initial.quietStart !== null,
    start: initial.quietStart ?? "22:00",
    end: initial.quietEnd ?? "07:00",
  });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [generalError, setGeneralError] = useState("");
  const [status, setStatus] = useState("");
  const [now] = useState(() => new Date());
  const summaryRef = useRef<HTMLDivElement>(null);
  const update = useUpdateNotificationPreferences();
  const id = useId();
  const ids = {
    emailEnabled: `${id}-emailEnabled`,
    whatsappEnabled: `${id}-whatsappEnabled`,
    smsEnabled: `${id}-smsEnabled`,
    quietStart: `${id}-quietStart`,
    quietEnd: `${id}-quietEnd`,
  };
  const fieldIds: Record<string, string> = ids;

  const showErrors = (errors: Record<string, string[]>, general = "") => {
    setFieldErrors(errors);
    setGeneralError(general);
    // After React has rendered the summary: move focus there so it is read first.
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    const checked = updateNotificationPreferencesInput.safeParse({ emailEnabled, whatsappEnabled, smsEnabled, ...quietHoursInput(quiet) });
    if (!checked.success) {
      showErrors(issuesByField(checked.error.issues));
      return;
    }
    setFieldErrors({});
    setGeneralError("");
    update.mutate(
      { emailEnabled, whatsappEnabled, smsEnabled, ...quietHoursInput(quiet) },
      {
        onSuccess: (saved) => {
          const channels = [saved.emailEnabled && "email", saved.whatsappEnabled && "WhatsApp", saved.smsEnabled && "text message"].filter(Boolean).join(", ");
          const quietText = saved.quietStart && saved.timeZone ? ` Quiet hours ${saved.quietStart}–${saved.quietEnd} (${saved.timeZone.replaceAll("_", " ")}).` : " No quiet hours.";
          setStatus(`Notification settings saved. We will contact you by ${channels}.${quietText}`);
        },
        onError: (error) => {
          const info = readFormError(error);
          if (info.appCode === "VALIDATION" && Object.keys(info.fieldErrors).length > 0) showErrors(info.fieldErrors);
          else showErrors({}, info.message);
        },
      },
    );
  };

  const summary: SummaryItem[] = [
    ...(generalError ? [{ message: generalError }] : []),
    ...Object.entries(fieldErrors).flatMap(([field, messages]) =>
      messages.map((message) => ({ message: FIELD_LABELS[field] ? `${FIELD_LABELS[field]}: ${message}` : message, fieldId: fieldIds[field] })),
    ),
  ];
  const phoneHint = initial.phone ? `To ${initial.phone}, the number on your patient profile.` : "Needs a mobile number on your patient profile, and it has none yet.";

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-5" aria-label="Notification settings">
      <ErrorSummary ref={summaryRef} items={summary} />
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4" aria-describedby={`${id}-channels-hint`}>
        <legend className="px-1 text-sm font-semibold">How we contact you about your bookings</legend>
        <p id={`${id}-channels-hint`} className="text-xs text-slate-600">
          Confirmations, reminders and changes. Keep at least one channel on: a booking made here is confirmed on screen, but reminders and
          changes reach you only by message.
        </p>
        <Checkbox
          id={ids.emailEnabled}
          label="Email"
          hint={`To ${initial.email}.`}
          checked={emailEnabled}
          onChange={setEmailEnabled}
          isInvalid={Boolean(fieldErrors.emailEnabled?.length)}
          errorId={`${ids.emailEnabled}-error`}
        />
        <FieldErrorText id={`${ids.emailEnabled}-error`} messages={fieldErrors.emailEnabled} />
        <Checkbox
          id={ids.whatsappEnabled}
          label="WhatsApp"
          hint={
            <>
              {phoneHint} Turning this on is your agreement to get booking messages on WhatsApp; reply STOP there at any time.
              {initial.whatsappStoppedAt ? ` You replied STOP on WhatsApp on ${when(initial.whatsappStoppedAt, initial.timeZone)}.` : null}
              {initial.whatsappEnabled && initial.whatsappOptedInAt ? ` Agreed on ${when(initial.whatsappOptedInAt, initial.timeZone)}.` : null}
            </>
          }
          checked={whatsappEnabled}
          onChange={setWhatsappEnabled}
          isInvalid={Boolean(fieldErrors.whatsappEnabled?.length)}
          errorId={`${ids.whatsappEnabled}-error`}
        />
        <FieldErrorText id={`${ids.whatsappEnabled}-error`} messages={fieldErrors.whatsappEnabled} />
        <Checkbox
          id={ids.smsEnabled}
          label="Text messages (SMS)"
          hint={
            <>
              {phoneHint}
              {initial.smsStoppedAt
                ? ` Your number replied STOP to our texts on ${when(initial.smsStoppedAt, initial.timeZone)}; reply START to any MedBookings text to allow them again.`
                : null}
            </>
          }
          checked={smsEnabled}
          onChange={setSmsEnabled}
          isInvalid={Boolean(fieldErrors.smsEnabled?.length)}
          errorId={`${ids.smsEnabled}-error`}
        />
        <FieldErrorText id={`${ids.smsEnabled}-error`} messages={fieldErrors.smsEnabled} />
      </fieldset>

      <QuietHoursFields
        idPrefix={id}
        value={quiet}
        onChange={setQuiet}
        errors={{ quietStart: fieldErrors.quietStart, quietEnd: fieldErrors.quietEnd }}
        timeZone={initial.timeZone}
        now={now}
        who="patient"
      />

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save notification settings"}
        </Button>
        <p role="status" className="text-sm text-green-800">
          {status}
        </p>
      </div>
    </form>
  );
}
