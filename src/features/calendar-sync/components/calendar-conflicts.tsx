"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime, formatTime, zoneLabel } from "@/lib/time";
import type { GoogleConflictAction } from "../google-edits-schemas";
import type { GoogleConflictDto, GoogleConflictKind } from "../google-edits-types";
import { useCalendarConflicts, useResolveCalendarConflict } from "../hooks/use-calendar-edits";

const WHAT_CHANGED: Record<GoogleConflictKind, string> = {
  deleted_in_google: "You deleted the event in Google Calendar.",
  moved_onto_busy_time: "You moved the event in Google Calendar to a time that is already taken.",
  unsupported_change: "You made the event all-day, repeating, or moved it into the past in Google Calendar.",
};

const ACTION_LABELS: Record<GoogleConflictAction, string> = {
  restore: "Put the event back",
  keep: "Keep the booking's time",
  move: "Try the new time again",
  cancel: "Cancel the booking",
};

const RESULT_MESSAGES: Record<GoogleConflictAction, string> = {
  restore: "The event will be added to your Google Calendar again.",
  keep: "The event will be put back at the booking's time in your Google Calendar.",
  move: "The booking was moved to the time you chose in Google Calendar. The patient has been told.",
  cancel: "The booking was cancelled. The patient has been told.",
};

const span = (startsAt: Date, endsAt: Date, timeZone: string) => `${formatDateTime(startsAt, timeZone)}–${formatTime(endsAt, timeZone)}`;

/**
 * Bookings whose Google Calendar event the provider changed in a way MedBookings did not
 * follow (deleted while set to "ask me", moved onto a taken time, made all-day or repeating),
 * with what they can do about each. Times are shown in the provider's zone.
 */
export function CalendarConflicts() {
  const conflicts = useCalendarConflicts();
  const resolve = useResolveCalendarConflict();
  const [result, setResult] = useState<{ tone: "ok" | "error"; message: string } | null>(null);
  const [confirmingCancel, setConfirmingCancel] = useState<string | null>(null);
  const headingId = useId();

  const act = (conflict: GoogleConflictDto, action: GoogleConflictAction) => {
    if (action === "cancel" && confirmingCancel !== conflict.bookingId) {
      setConfirmingCancel(conflict.bookingId);
      return;
    }
    setConfirmingCancel(null);
    setResult(null);
    const when = span(conflict.startsAt, conflict.endsAt, conflict.timeZone);
    resolve.mutate(
      { bookingId: conflict.bookingId, action },
      {
        onSuccess: () => setResult({ tone: "ok", message: `${when}: ${RESULT_MESSAGES[action]}` }),
        onError: (error) => setResult({ tone: "error", message: `${when}: ${error.message}` }),
      },
    );
  };

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold">
        Changed in Google Calendar
      </h2>
      <p role="status" className={result?.tone === "error" ? "text-sm text-red-700" : "text-sm text-slate-700"}>
        {result?.message ?? ""}
      </p>
      {conflicts.isPending ? (
        <p className="text-sm text-slate-600">Loading changes from your calendar…</p>
      ) : conflicts.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {conflicts.error.message}
        </p>
      ) : conflicts.data.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing needs your attention: your bookings and your Google Calendar agree.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Bookings changed in Google Calendar that need your decision</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-2 pr-4 font-medium">
                Booking
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                What changed
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                In Google Calendar
              </th>
              <th scope="col" className="py-2 font-medium">
                What to do
              </th>
            </tr>
          </thead>
          <tbody>
            {conflicts.data.map((conflict) => {
              const when = span(conflict.startsAt, conflict.endsAt, conflict.timeZone);
              return (
                <tr key={conflict.bookingId} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <span className="block font-medium">{when}</span>
                    <span className="block text-slate-600">
                      {conflict.serviceName} · {conflict.mode === "ONLINE" ? "Online" : "In person"}
                    </span>
                    <span className="block text-xs text-slate-500">{zoneLabel(conflict.startsAt, conflict.timeZone)}</span>
                  </th>
                  <td className="py-2 pr-4">{WHAT_CHANGED[conflict.kind]}</td>
                  <td className="py-2 pr-4">
                    {conflict.googleStartsAt && conflict.googleEndsAt ? span(conflict.googleStartsAt, conflict.googleEndsAt, conflict.timeZone) : conflict.kind === "deleted_in_google" ? "Deleted" : "—"}
                  </td>
                  <td className="py-2">
                    <div className="flex flex-wrap gap-2" role="group" aria-label={`What to do about the booking on ${when}`}>
                      {conflict.actions.map((action) => (
                        <Button key={action} variant={action === "cancel" ? "secondary" : "primary"} disabled={resolve.isPending} onClick={() => act(conflict, action)}>
                          {action === "cancel" && confirmingCancel === conflict.bookingId ? "Yes, cancel and tell the patient" : ACTION_LABELS[action]}
                          <span className="sr-only"> for the booking on {when}</span>
                        </Button>
                      ))}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
