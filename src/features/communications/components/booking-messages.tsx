"use client";

import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { useBookingNotifications, usePatientCardLink } from "../hooks/use-notification-log";
import type { NotificationStatusValue } from "../notification-log";
import { CHANNEL_LABEL, formatLogTime, purposeLabel, STATUS_LABEL } from "./notification-labels";

const STATUS_CLASS: Partial<Record<NotificationStatusValue, string>> = {
  FAILED: "bg-red-50 text-red-800",
  DEAD: "bg-red-50 text-red-800",
  SKIPPED: "bg-slate-100 text-slate-700",
  PENDING: "bg-amber-50 text-amber-900",
  SENDING: "bg-amber-50 text-amber-900",
};

/**
 * A booking's message log for its provider (or an admin): what went to whom, on which channel,
 * and what became of it. Loaded when opened; times in the given zone, named.
 */
export function BookingMessages({ bookingId, timeZone, viewer = "provider" }: { bookingId: string; timeZone: string; viewer?: "provider" | "admin" }) {
  const [open, setOpen] = useState(false);
  const log = useBookingNotifications(bookingId, open);
  const headingId = useId();
  return (
    <details className="mt-3 text-sm" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer font-medium text-brand-700">Messages about this booking</summary>
      <div className="mt-2 space-y-2" aria-live="polite">
        {log.isPending && open ? <p>Loading messages…</p> : null}
        {log.isError ? <p role="alert">{log.error.message}</p> : null}
        {log.data && log.data.length === 0 ? <p>No messages yet.</p> : null}
        {log.data && log.data.length > 0 ? (
          <table className="w-full text-left" aria-labelledby={headingId}>
            <caption id={headingId} className="sr-only">
              Messages about this booking
            </caption>
            <thead>
              <tr className="text-slate-600">
                <th scope="col" className="py-1 pr-2 font-medium">Message</th>
                <th scope="col" className="py-1 pr-2 font-medium">To</th>
                <th scope="col" className="py-1 pr-2 font-medium">Channel</th>
                <th scope="col" className="py-1 pr-2 font-medium">Status</th>
                <th scope="col" className="py-1 font-medium">When</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((entry) => (
                <tr key={entry.id} className="border-t border-slate-200 align-top">
                  <td className="py-1 pr-2">
                    {purposeLabel(entry.purpose)}
                    {entry.isFallback ? <span className="block text-xs text-slate-600">sent instead of a failed message</span> : null}
                  </td>
                  <td className="py-1 pr-2">{entry.recipient === "PATIENT" ? "Patient" : viewer === "provider" ? "You" : "Provider"}</td>
                  <td className="py-1 pr-2">{CHANNEL_LABEL[entry.channel]}</td>
                  <td className="py-1 pr-2">
                    <Badge className={cn(STATUS_CLASS[entry.status])}>{STATUS_LABEL[entry.status]}</Badge>
                    {entry.error ?? entry.skipReason ? <span className="block text-xs text-slate-600">{entry.skipReason ?? entry.error}</span> : null}
                  </td>
                  <td className="py-1">{formatLogTime(entry.deliveredAt ?? entry.sentAt ?? entry.failedAt ?? entry.createdAt, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </details>
  );
}

/** Fetches a fresh 15-minute link to the patient's contact card and starts the download. */
export function SavePatientCard({ bookingId }: { bookingId: string }) {
  const link = usePatientCardLink();
  return (
    <span className="inline-flex flex-col">
      <Button
        variant="secondary"
        disabled={link.isPending}
        onClick={() =>
          link.mutate(
            { bookingId },
            {
              onSuccess: ({ url }) => {
                window.location.assign(url);
              },
            },
          )
        }
      >
        {link.isPending ? "Preparing contact card…" : "Save patient's contact card"}
      </Button>
      {link.isError ? (
        <span role="alert" className="text-xs text-red-700">
          {link.error.message}
        </span>
      ) : null}
    </span>
  );
}
