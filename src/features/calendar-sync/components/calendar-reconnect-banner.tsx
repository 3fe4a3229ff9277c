"use client";

import Link from "next/link";
import { useCalendarSyncOverview } from "../hooks/use-calendar-sync";

/** On the provider dashboard: a Google account needs reconnecting, so its busy time no longer counts. */
export function CalendarReconnectBanner() {
  const overview = useCalendarSyncOverview();
  if (!overview.data?.needsReconnect) return null;
  const emails = overview.data.connections.filter((connection) => connection.status === "NEEDS_RECONNECT").map((connection) => connection.email);
  return (
    <div role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950">
      <p>
        <strong>Google Calendar needs reconnecting</strong> ({emails.join(", ")}). Until then your availability uses your MedBookings bookings only.{" "}
        <Link href="/provider/calendar-sync" className="font-medium underline">
          Reconnect on the Google Calendar page
        </Link>
      </p>
    </div>
  );
}
