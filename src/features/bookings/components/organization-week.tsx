"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { OrganizationScheduleEditor, TimeZoneSelect } from "@/features/availability";
import { Button } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { cn } from "@/lib/cn";
import { addDays, formatDate, formatTime, isoWeekday, localDateOf, utcToLocal, zoneLabel } from "@/lib/time";
import type { OrganizationWeekBookingDto, OrganizationWeekDto, OrganizationWeekProviderDto } from "../organization-calendar-types";
import { useOrganizationWeek, useRefreshOrganizationWeeks } from "../hooks/use-organization-week";
import { STATUS_CLASS, STATUS_LABEL } from "./provider-booking-display";

interface CellItem {
  key: string;
  startsAt: Date;
  endsAt: Date;
  kind: "HOURS" | "BOOKING" | "BUSY";
  text: string;
  className: string;
}

const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));
// A local date is a label; noon UTC of that day formatted in UTC shows the same calendar day.
const dayLabel = (date: string) => formatDate(new Date(`${date}T12:00:00Z`), "UTC");
const shortDayLabel = (date: string) => dayLabel(date).replace(/ \d{4}$/, "");

/** "09:00–09:30", with the end's day when it ends on another date in the display zone. */
function timeRange(startsAt: Date, endsAt: Date, timeZone: string): string {
  const start = utcToLocal(timeZone, startsAt.getTime());
  const end = utcToLocal(timeZone, endsAt.getTime());
  if (end.date === start.date) return `${formatTime(startsAt, timeZone)}–${formatTime(endsAt, timeZone)}`;
  if (end.date === addDays(start.date, 1) && end.minute === 0) return `${formatTime(startsAt, timeZone)}–24:00`;
  return `${formatTime(startsAt, timeZone)}–${formatTime(endsAt, timeZone)} (${shortDayLabel(end.date)})`;
}

function describeBooking(booking: OrganizationWeekBookingDto, locationName: (id: string) => string): { text: string; className: string } {
  if (booking.kind === "BUSY") {
    return {
      text: booking.where === "ONLINE" ? "Busy (online)" : "Busy (elsewhere)",
      className: "border-slate-400 bg-slate-100 text-slate-800",
    };
  }
  return {
    text: `${booking.patientName}, ${booking.serviceName}, ${locationName(booking.locationId)}, ${STATUS_LABEL[booking.status]}`,
    className: STATUS_CLASS[booking.status],
  };
}

/** Every item of the week by provider and local date in the display zone; items that began before the week go on its first day. */
function placeItems(week: OrganizationWeekDto, days: string[]): Map<string, CellItem[]> {
  const names = new Map(week.locations.map((location) => [location.id, location.name]));
  const locationName = (id: string) => names.get(id) ?? "a location";
  const cells = new Map<string, CellItem[]>();
  const put = (providerId: string, item: CellItem) => {
    const date = item.startsAt < week.from ? days[0]! : utcToLocal(week.timeZone, item.startsAt.getTime()).date;
    if (!days.includes(date)) return;
    const key = `${providerId}|${date}`;
    cells.set(key, [...(cells.get(key) ?? []), item]);
  };
  week.workingHours.forEach((hours, index) =>
    put(hours.providerId, {
      key: `hours-${index}`,
      startsAt: hours.startsAt,
      endsAt: hours.endsAt,
      kind: "HOURS",
      text: `Working hours at ${locationName(hours.locationId)}`,
      className: "border-emerald-600 bg-white text-emerald-900 border-dashed",
    }),
  );
  week.bookings.forEach((booking, index) =>
    put(booking.providerId, {
      key: booking.kind === "BOOKING" ? booking.id : `busy-${index}`,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      kind: booking.kind,
      ...describeBooking(booking, locationName),
    }),
  );
  for (const items of cells.values()) items.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.kind === "HOURS" ? -1 : 1));
  return cells;
}

export interface OrganizationWeekProps {
  organizationId: string;
  /** MANAGER or higher: may open a provider's hours for editing (where the provider allows it). */
  canEditSchedules: boolean;
}

/** The organization's week across its providers: working hours at its locations, its bookings, and other busy time. */
export function OrganizationWeek({ organizationId, canEditSchedules }: OrganizationWeekProps) {
  const [weekStart, setWeekStart] = useState(() => mondayOf(localDateOf(new Date(), "UTC")));
  const [chosenZone, setChosenZone] = useState<string | undefined>(undefined);
  const [providerId, setProviderId] = useState("");
  const [locationId, setLocationId] = useState("");
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<OrganizationWeekProviderDto | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const editHeading = useRef<HTMLHeadingElement>(null);
  const lastEdited = useRef<string | null>(null);
  const headingId = useId();
  const filterId = useId();
  const refreshWeeks = useRefreshOrganizationWeeks();

  const common = { organizationId, weekStart, timeZone: chosenZone, locationId: locationId || undefined, page };
  const week = useOrganizationWeek({ ...common, providerId: providerId || undefined });
  // The unfiltered page lists the providers to choose from (the same query when no provider is chosen).
  const unfiltered = useOrganizationWeek(common);

  // Opening the editor moves focus to it; closing gives focus back to the button that opened it.
  useEffect(() => {
    if (editing) {
      lastEdited.current = editing.id;
      editHeading.current?.focus();
    } else if (lastEdited.current) {
      editButtons.current.get(lastEdited.current)?.focus();
    }
  }, [editing]);

  if (week.isPending) return <p role="status">Loading the calendar…</p>;
  if (week.isError) {
    return (
      <div role="alert" className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-red-800">
        <p>We could not load the calendar: {week.error.message}</p>
        <Button variant="secondary" onClick={() => void week.refetch()}>
          Try again
        </Button>
      </div>
    );
  }

  const data = week.data;
  const timeZone = data.timeZone;
  const days = Array.from({ length: 7 }, (_, index) => addDays(data.weekStart, index));
  const cells = placeItems(data, days);
  const thisMonday = mondayOf(localDateOf(new Date(), timeZone));
  const providerOptions = unfiltered.data?.providers ?? data.providers;
  const bookingCount = data.bookings.filter((booking) => booking.kind === "BOOKING").length;
  const resetPage = () => setPage(1);

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-xl font-semibold">
          Week of {dayLabel(days[0]!)} – {dayLabel(days[6]!)}
        </h2>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setWeekStart(addDays(weekStart, -7))}>
            Previous week
          </Button>
          <Button variant="secondary" disabled={weekStart === thisMonday} onClick={() => setWeekStart(thisMonday)}>
            This week
          </Button>
          <Button variant="secondary" onClick={() => setWeekStart(addDays(weekStart, 7))}>
            Next week
          </Button>
        </div>
      </div>

      <div className="flex flex-wrap items-end gap-4" role="group" aria-label="Filters">
        <div>
          <label htmlFor={`${filterId}-provider`} className="mb-1 block text-sm font-medium">
            Provider
          </label>
          <Select
            id={`${filterId}-provider`}
            value={providerId}
            onChange={(event) => {
              setProviderId(event.target.value);
              resetPage();
            }}
          >
            <option value="">All providers{data.pageCount > 1 ? " (this page)" : ""}</option>
            {providerOptions.map((provider) => (
              <option key={provider.id} value={provider.id}>
                {provider.displayName}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor={`${filterId}-location`} className="mb-1 block text-sm font-medium">
            Location
          </label>
          <Select
            id={`${filterId}-location`}
            value={locationId}
            onChange={(event) => {
              setLocationId(event.target.value);
              resetPage();
            }}
          >
            <option value="">All locations</option>
            {data.locations.map((location) => (
              <option key={location.id} value={location.id}>
                {location.name}
              </option>
            ))}
          </Select>
        </div>
        <TimeZoneSelect label="Show times in" value={timeZone} onChange={setChosenZone} at={data.from} />
      </div>

      <p className="text-sm text-slate-700" data-testid="calendar-time-zone">
        Times are in {zoneLabel(data.from, timeZone)}
        {zoneLabel(data.from, timeZone) !== zoneLabel(data.to, timeZone) ? `, changing to ${zoneLabel(data.to, timeZone)} during this week` : ""}. Working
        hours are outlined; patient names are shown for bookings at {locationId ? "the chosen location" : "this organization's locations"}, and the
        providers&apos; other bookings only as busy time.
      </p>
      <p aria-live="polite" className="text-sm text-slate-600">
        {week.isFetching
          ? "Loading the week…"
          : `${bookingCount} booking${bookingCount === 1 ? "" : "s"} at ${locationId ? "this location" : "this organization"} this week, ${data.totalProviders} provider${data.totalProviders === 1 ? "" : "s"}.`}
      </p>
      {data.isTruncated ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          This week has more bookings than can be shown at once. Choose a provider or a location to see all of them.
        </p>
      ) : null}

      {data.totalProviders === 0 ? (
        <p className="rounded-md border border-slate-200 p-4 text-slate-700">
          No providers work with this organization yet, so there is nothing to show.{" "}
          <Link href={`/organizations/${organizationId}/providers`} className="text-brand-700 underline">
            Invite providers
          </Link>{" "}
          to see their hours and bookings here.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[64rem] table-fixed border-collapse text-left text-sm">
            <caption className="sr-only">
              Hours and bookings by provider and day, week of {dayLabel(days[0]!)}, times in {timeZone}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="w-48 border-b border-slate-300 p-2">
                  Provider
                </th>
                {days.map((day) => (
                  <th key={day} scope="col" className="border-b border-slate-300 p-2">
                    {shortDayLabel(day)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.providers.map((provider) => {
                const blockedId = `${filterId}-blocked-${provider.id}`;
                return (
                  <tr key={provider.id} className="align-top">
                    <th scope="row" className="border-b border-slate-200 p-2 font-medium">
                      <span className="block">{provider.displayName}</span>
                      {canEditSchedules ? (
                        <>
                          <Button
                            ref={(element) => {
                              if (element) editButtons.current.set(provider.id, element);
                              else editButtons.current.delete(provider.id);
                            }}
                            variant="ghost"
                            className="mt-1 px-0 py-1 text-brand-700 underline"
                            disabled={!provider.allowsScheduleEdits}
                            aria-describedby={provider.allowsScheduleEdits ? undefined : blockedId}
                            aria-expanded={editing?.id === provider.id}
                            onClick={() => setEditing(provider)}
                          >
                            Edit schedule<span className="sr-only"> of {provider.displayName}</span>
                          </Button>
                          {provider.allowsScheduleEdits ? null : (
                            <span id={blockedId} className="block text-xs font-normal text-slate-600">
                              {provider.displayName} has not allowed schedule edits by this organization.
                            </span>
                          )}
                        </>
                      ) : null}
                    </th>
                    {days.map((day) => {
                      const items = cells.get(`${provider.id}|${day}`) ?? [];
                      return (
                        <td key={day} className="border-b border-l border-slate-200 p-1">
                          {items.length === 0 ? (
                            <span className="text-slate-500">
                              <span aria-hidden="true">—</span>
                              <span className="sr-only">Nothing</span>
                            </span>
                          ) : (
                            <ul className="space-y-1">
                              {items.map((item) => (
                                <li key={item.key} className={cn("rounded border px-1 py-0.5 text-xs leading-tight", item.className)}>
                                  <span className="font-semibold">{timeRange(item.startsAt, item.endsAt, timeZone)}</span> {item.text}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} onPage={setPage} />

      {editing ? (
        <section aria-labelledby={`${filterId}-editor`} className="space-y-3 rounded-md border border-slate-300 p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id={`${filterId}-editor`} ref={editHeading} tabIndex={-1} className="text-lg font-semibold">
              Edit schedule: {editing.displayName}
            </h3>
            <Button variant="secondary" onClick={() => setEditing(null)}>
              Close the schedule editor
            </Button>
          </div>
          <OrganizationScheduleEditor key={editing.id} organizationId={organizationId} providerId={editing.id} onSaved={() => void refreshWeeks()} />
        </section>
      ) : null}
    </section>
  );
}
