"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime, zoneLabel } from "@/lib/time";
import { CONNECT_OUTCOME_MESSAGES, type ConnectOutcome } from "../connect-outcomes";
import {
  readCallError,
  useCalendarSyncOverview,
  useDisconnectCalendarConnection,
  useSyncCalendarNow,
  useUpdateConnectedCalendar,
} from "../hooks/use-calendar-sync";
import type { CalendarConnectionDto, CalendarSyncOverviewDto, CalendarSyncRunDto, ConnectedCalendarDto } from "../types";
import { ConnectGoogleLink } from "./connect-links";

const OUTCOME_LABELS: Record<NonNullable<CalendarSyncRunDto["outcome"]>, string> = {
  OK: "OK",
  RESYNC: "OK (full resync)",
  FAILED: "Failed",
  NEEDS_RECONNECT: "Needs reconnecting",
};

type Notice = { kind: "status" | "alert"; text: string };

/** The sync-status panel refreshes itself, so a sync started here shows up when it ends. */
const REFRESH_MS = 15_000;

/** What came back from Google's consent page, announced once. */
export function ConnectOutcomeNotice({ outcome }: { outcome: ConnectOutcome | null }) {
  if (outcome === null) return null;
  const isSuccess = outcome === "connected";
  return (
    <div
      role={isSuccess ? "status" : "alert"}
      className={isSuccess ? "rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900" : "rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"}
    >
      {CONNECT_OUTCOME_MESSAGES[outcome]}
    </div>
  );
}

/** The provider's Google accounts, what each calendar is used for, and how its syncs went. */
export function CalendarConnections() {
  const overview = useCalendarSyncOverview({ refetchIntervalMs: REFRESH_MS });
  if (overview.isPending) return <p role="status">Loading your Google connections…</p>;
  if (overview.isError) {
    return (
      <div role="alert" className="space-y-2 text-sm text-red-700">
        <p>We could not load your Google connections: {overview.error.message}</p>
        <Button variant="secondary" onClick={() => void overview.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  return <Connections overview={overview.data} />;
}

function Connections({ overview }: { overview: CalendarSyncOverviewDto }) {
  const hintId = useId();
  const receiving = overview.connections.flatMap((connection) => connection.calendars).find((calendar) => calendar.receivesBookings) ?? null;
  // Outlives the card of a disconnected account, which disappears.
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <section aria-labelledby={`${hintId}-heading`} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={`${hintId}-heading`} className="text-lg font-semibold">
          Connected accounts
        </h2>
        {overview.canEdit ? (
          <ConnectGoogleLink describedBy={hintId} label={overview.connections.length > 0 ? "Connect another Google account" : "Connect Google Calendar"} />
        ) : null}
      </div>
      <p id={hintId} className="text-sm text-slate-600">
        {overview.canEdit
          ? "Google asks which account to use and for permission to see your calendars and add bookings to them. Leave the calendar boxes ticked on Google's page."
          : "Calendars can be connected once your provider profile is approved."}
      </p>
      <div role={notice?.kind === "alert" ? "alert" : "status"} className={notice?.kind === "alert" ? "text-sm text-amber-900" : "text-sm text-green-800"}>
        {notice?.text}
      </div>
      {overview.connections.length === 0 ? (
        <p className="text-sm text-slate-700">No Google account is connected. Until you connect one, your availability comes from your MedBookings schedule and bookings only.</p>
      ) : (
        overview.connections.map((connection) => <ConnectionCard key={connection.id} connection={connection} timeZone={overview.timeZone} canEdit={overview.canEdit} onNotice={setNotice} />)
      )}
      {overview.canEdit && receiving ? <NoReceivingCalendar receiving={receiving} /> : null}
    </section>
  );
}

function ReconnectWarning({ connection, canEdit }: { connection: CalendarConnectionDto; canEdit: boolean }) {
  const id = useId();
  return (
    <div role="alert" className="space-y-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-semibold">{connection.email} needs reconnecting</p>
      <p id={id}>
        Google no longer accepts MedBookings&apos; access to this account{connection.statusReason ? ` (${connection.statusReason})` : ""}. Until you reconnect,
        your availability uses your MedBookings bookings only: events in these calendars no longer block times, and new bookings are not added to them.
      </p>
      {canEdit ? <ConnectGoogleLink label={`Reconnect ${connection.email}`} describedBy={id} /> : null}
    </div>
  );
}

function ConnectionCard({ connection, timeZone, canEdit, onNotice }: { connection: CalendarConnectionDto; timeZone: string; canEdit: boolean; onNotice: (notice: Notice) => void }) {
  const headingId = useId();
  const isActive = connection.status === "ACTIVE";
  return (
    <Card className="space-y-4" aria-labelledby={headingId} role="group">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-base font-semibold">
          {connection.email}
        </h3>
        <span className={isActive ? "text-sm text-green-800" : "text-sm font-semibold text-amber-800"}>{isActive ? "Connected" : "Needs reconnecting"}</span>
      </div>
      {isActive ? null : <ReconnectWarning connection={connection} canEdit={canEdit} />}
      {connection.calendars.length === 0 ? <p className="text-sm text-slate-700">Google shows no calendars for this account.</p> : null}
      {connection.calendars.map((calendar) => (
        <CalendarRow key={calendar.id} calendar={calendar} connection={connection} timeZone={timeZone} canEdit={canEdit} />
      ))}
      <DisconnectControl connection={connection} onNotice={onNotice} />
    </Card>
  );
}

function CalendarRow({ calendar, connection, timeZone, canEdit }: { calendar: ConnectedCalendarDto; connection: CalendarConnectionDto; timeZone: string; canEdit: boolean }) {
  const id = useId();
  const update = useUpdateConnectedCalendar();
  const [message, setMessage] = useState<{ kind: "status" | "alert"; text: string } | null>(null);
  const save = (choices: { blocksAvailability: boolean; receivesBookings: boolean }) => {
    setMessage(null);
    update.mutate(
      { calendarId: calendar.id, ...choices },
      {
        onSuccess: (saved) =>
          setMessage({
            kind: "status",
            text: `${calendar.name}: ${saved.blocksAvailability ? "blocks your availability" : "does not block your availability"}; ${saved.receivesBookings ? "receives your bookings" : "does not receive bookings"}.`,
          }),
        onError: (error) => {
          const { message: text, fieldErrors } = readCallError(error);
          setMessage({ kind: "alert", text: fieldErrors.receivesBookings?.join(" ") ?? text });
        },
      },
    );
  };
  const readOnlyHintId = `${id}-read-only`;
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3" aria-describedby={`${id}-zone`}>
      <legend className="px-1 text-sm font-semibold">
        {calendar.name}
        {calendar.isPrimary ? " (primary)" : ""}
      </legend>
      <p id={`${id}-zone`} className="text-xs text-slate-600">
        Calendar time zone: {calendar.timeZone.replaceAll("_", " ")}
      </p>
      <div className="flex flex-wrap gap-6">
        <div className="flex items-center gap-2">
          <input
            type="checkbox"
            id={`${id}-blocks`}
            className="h-4 w-4"
            checked={calendar.blocksAvailability}
            disabled={!canEdit || update.isPending}
            onChange={(event) => save({ blocksAvailability: event.target.checked, receivesBookings: calendar.receivesBookings })}
          />
          <label htmlFor={`${id}-blocks`} className="text-sm">
            Blocks my availability
          </label>
        </div>
        <div className="flex items-center gap-2">
          <input
            type="radio"
            id={`${id}-receives`}
            name="receives-bookings"
            className="h-4 w-4"
            checked={calendar.receivesBookings}
            disabled={!canEdit || !calendar.canWrite || update.isPending}
            aria-describedby={calendar.canWrite ? undefined : readOnlyHintId}
            onChange={(event) => {
              if (event.target.checked) save({ blocksAvailability: calendar.blocksAvailability, receivesBookings: true });
            }}
          />
          <label htmlFor={`${id}-receives`} className="text-sm">
            Receives bookings
          </label>
          {calendar.canWrite ? null : (
            <span id={readOnlyHintId} className="text-xs text-slate-600">
              (read-only in Google)
            </span>
          )}
        </div>
      </div>
      <div role={message?.kind === "alert" ? "alert" : "status"} className={message?.kind === "alert" ? "text-sm text-red-700" : "text-sm text-green-800"}>
        {message?.text}
      </div>
      <SyncStatusPanel calendar={calendar} connection={connection} timeZone={timeZone} canEdit={canEdit} />
    </fieldset>
  );
}

function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function SyncStatusPanel({ calendar, connection, timeZone, canEdit }: { calendar: ConnectedCalendarDto; connection: CalendarConnectionDto; timeZone: string; canEdit: boolean }) {
  const id = useId();
  const syncNow = useSyncCalendarNow();
  const [message, setMessage] = useState<{ kind: "status" | "alert"; text: string } | null>(null);
  const isRead = calendar.blocksAvailability || calendar.receivesBookings;
  const canSync = canEdit && isRead && connection.status === "ACTIVE";
  const onSyncNow = () => {
    setMessage(null);
    syncNow.mutate(
      { calendarId: calendar.id },
      {
        onSuccess: (queued) =>
          setMessage({
            kind: "status",
            text: queued.runAt.getTime() > Date.now() + 1000 ? `Google asked us to slow down: the sync runs at ${formatDateTime(queued.runAt, timeZone)}.` : "Sync started. The table updates when it finishes.",
          }),
        onError: (error) => setMessage({ kind: "alert", text: readCallError(error).message }),
      },
    );
  };
  const now = new Date();
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 id={`${id}-heading`} className="text-sm font-semibold">
          Sync status
        </h4>
        <Button variant="secondary" onClick={onSyncNow} disabled={!canSync || syncNow.isPending} aria-describedby={`${id}-last`}>
          {syncNow.isPending ? "Starting sync…" : "Sync now"}
        </Button>
      </div>
      <p id={`${id}-last`} className="text-sm text-slate-700">
        {calendar.lastSyncedAt ? `Last synced ${formatDateTime(calendar.lastSyncedAt, timeZone)}, ${zoneLabel(calendar.lastSyncedAt, timeZone)}.` : "Not synced yet."}
        {isRead ? "" : " Not read from Google: it neither blocks your availability nor receives bookings."}
        {calendar.backoffUntil && calendar.backoffUntil > now ? ` Google asked us to slow down; the next sync is after ${formatDateTime(calendar.backoffUntil, timeZone)}.` : ""}
      </p>
      <div role={message?.kind === "alert" ? "alert" : "status"} className={message?.kind === "alert" ? "text-sm text-red-700" : "text-sm text-slate-800"}>
        {message?.text}
      </div>
      {calendar.runs.length === 0 ? null : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">
              Recent syncs of {calendar.name}, times in {zoneLabel(now, timeZone)}
            </caption>
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Started</th>
                <th scope="col" className="py-1 pr-3 font-medium">Type</th>
                <th scope="col" className="py-1 pr-3 font-medium">Pages</th>
                <th scope="col" className="py-1 pr-3 font-medium">Changes</th>
                <th scope="col" className="py-1 pr-3 font-medium">Duration</th>
                <th scope="col" className="py-1 pr-3 font-medium">Outcome</th>
                <th scope="col" className="py-1 pr-3 font-medium">Error</th>
              </tr>
            </thead>
            <tbody>
              {calendar.runs.map((run) => (
                <tr key={run.id} className="border-t border-slate-100">
                  <td className="py-1 pr-3 whitespace-nowrap">{formatDateTime(run.startedAt, timeZone)}</td>
                  <td className="py-1 pr-3">{run.kind === "FULL" ? "Full" : "Changes only"}</td>
                  <td className="py-1 pr-3">{run.pages}</td>
                  <td className="py-1 pr-3">{run.changes}</td>
                  <td className="py-1 pr-3">{formatDuration(run.durationMs)}</td>
                  <td className="py-1 pr-3">{run.outcome ? OUTCOME_LABELS[run.outcome] : "Running"}</td>
                  <td className="py-1 pr-3">{run.error ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Bookings stop going to Google: the one receiving calendar is turned off. */
function NoReceivingCalendar({ receiving }: { receiving: ConnectedCalendarDto }) {
  const update = useUpdateConnectedCalendar();
  const [error, setError] = useState("");
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <div className="flex items-center gap-2">
        <input
          type="radio"
          id="receives-bookings-none"
          name="receives-bookings"
          className="h-4 w-4"
          checked={false}
          disabled={update.isPending}
          onChange={() =>
            update.mutate({ calendarId: receiving.id, blocksAvailability: receiving.blocksAvailability, receivesBookings: false }, { onError: (e) => setError(readCallError(e).message) })
          }
        />
        <label htmlFor="receives-bookings-none">Don&apos;t add bookings to any Google calendar</label>
      </div>
      <p role="alert" className="text-red-700">
        {error}
      </p>
    </div>
  );
}

function DisconnectControl({ connection, onNotice }: { connection: CalendarConnectionDto; onNotice: (notice: Notice) => void }) {
  const id = useId();
  const disconnect = useDisconnectCalendarConnection();
  const [isConfirming, setIsConfirming] = useState(false);
  const [error, setError] = useState("");
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  if (!isConfirming) {
    return (
      <Button
        ref={openRef}
        variant="ghost"
        onClick={() => {
          setIsConfirming(true);
          requestAnimationFrame(() => confirmRef.current?.focus());
        }}
      >
        Disconnect {connection.email}
      </Button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm">
      <p id={`${id}-title`} className="font-semibold">
        Disconnect {connection.email}?
      </p>
      <p id={`${id}-text`}>
        MedBookings stops reading these calendars, removes the busy time imported from them, stops adding bookings to them and revokes its access at Google. Events
        already in your calendars stay there.
      </p>
      <div className="flex gap-2">
        <Button
          ref={confirmRef}
          onClick={() =>
            disconnect.mutate(
              { connectionId: connection.id },
              {
                onError: (e) => setError(readCallError(e).message),
                onSuccess: (result) =>
                  onNotice(
                    result.revokedAtGoogle
                      ? { kind: "status", text: `${connection.email} is disconnected and MedBookings' access to it is revoked at Google.` }
                      : {
                          kind: "alert",
                          text: `${connection.email} is disconnected here, but Google could not be reached to revoke MedBookings' access. Remove it in your Google Account (Security, Third-party apps with account access).`,
                        },
                  ),
              },
            )
          }
          disabled={disconnect.isPending}
        >
          {disconnect.isPending ? "Disconnecting…" : "Yes, disconnect"}
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            setIsConfirming(false);
            requestAnimationFrame(() => openRef.current?.focus());
          }}
        >
          Cancel
        </Button>
      </div>
      <p role="alert" className="text-red-700">
        {error}
      </p>
    </div>
  );
}
