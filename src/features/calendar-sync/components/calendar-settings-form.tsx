"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { readCallError, useCalendarSettings, useCalendarSyncOverview, useUpdateCalendarSettings } from "../hooks/use-calendar-sync";
import type { CalendarEventDeletedAction } from "../schemas";
import type { CalendarSettingsDto } from "../types";

const DELETED_CHOICES: Array<{ value: CalendarEventDeletedAction; label: string; hint: string }> = [
  { value: "FLAG", label: "Keep the booking and flag it for me", hint: "The patient is not told; you decide what to do." },
  { value: "CANCEL", label: "Cancel the booking", hint: "The patient is told that the appointment is cancelled." },
];

/** How bookings in Google Calendar behave: what deleting one there does, and whether the patient is invited. */
export function CalendarSettingsForm() {
  const settings = useCalendarSettings();
  // Only an approved provider may change them (the overview says so).
  const canEdit = useCalendarSyncOverview().data?.canEdit ?? false;
  if (settings.isPending) return <p role="status">Loading your calendar settings…</p>;
  if (settings.isError) {
    return (
      <div role="alert" className="space-y-2 text-sm text-red-700">
        <p>We could not load your calendar settings: {settings.error.message}</p>
        <Button variant="secondary" onClick={() => void settings.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  return <SettingsForm initial={settings.data} canEdit={canEdit} />;
}

function SettingsForm({ initial, canEdit }: { initial: CalendarSettingsDto; canEdit: boolean }) {
  const id = useId();
  const [onEventDeleted, setOnEventDeleted] = useState<CalendarEventDeletedAction>(initial.onEventDeleted);
  const [invitePatient, setInvitePatient] = useState(initial.invitePatient);
  const [message, setMessage] = useState<{ kind: "status" | "alert"; text: string } | null>(null);
  const update = useUpdateCalendarSettings();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    update.mutate(
      { onEventDeleted, invitePatient },
      {
        onSuccess: () => setMessage({ kind: "status", text: "Calendar settings saved." }),
        onError: (error) => {
          const { message: text, fieldErrors } = readCallError(error);
          setMessage({ kind: "alert", text: [text, ...Object.values(fieldErrors).flat()].join(" ") });
        },
      },
    );
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Bookings in Google Calendar
      </h2>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">When you delete a booking&apos;s event in Google Calendar</legend>
        {DELETED_CHOICES.map((choice) => (
          <div key={choice.value} className="flex items-start gap-2">
            <input
              type="radio"
              id={`${id}-deleted-${choice.value}`}
              name={`${id}-on-event-deleted`}
              value={choice.value}
              className="mt-1 h-4 w-4"
              checked={onEventDeleted === choice.value}
              disabled={!canEdit}
              aria-describedby={`${id}-deleted-${choice.value}-hint`}
              onChange={() => setOnEventDeleted(choice.value)}
            />
            <div>
              <label htmlFor={`${id}-deleted-${choice.value}`} className="text-sm">
                {choice.label}
              </label>
              <p id={`${id}-deleted-${choice.value}-hint`} className="text-xs text-slate-600">
                {choice.hint}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <div className="flex items-start gap-2">
        <input
          type="checkbox"
          id={`${id}-invite`}
          className="mt-1 h-4 w-4"
          checked={invitePatient}
          disabled={!canEdit}
          aria-describedby={`${id}-invite-hint`}
          onChange={(event) => setInvitePatient(event.target.checked)}
        />
        <div>
          <label htmlFor={`${id}-invite`} className="text-sm">
            Invite the patient to the Google Calendar event
          </label>
          <p id={`${id}-invite-hint`} className="text-xs text-slate-600">
            Google then emails them the invitation and shows them the event. Titles never carry clinical details.
          </p>
        </div>
      </div>
      <Button type="submit" disabled={!canEdit || update.isPending}>
        {update.isPending ? "Saving…" : "Save calendar settings"}
      </Button>
      <div role={message?.kind === "alert" ? "alert" : "status"} className={message?.kind === "alert" ? "text-sm text-red-700" : "text-sm text-green-800"}>
        {message?.text}
      </div>
    </form>
  );
}
