"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { addDays, formatDate, formatTime, isoWeekday, localDateOf, utcToLocal } from "@/lib/time";
import type { ProviderBookingDto } from "../types";
import { useProviderBookings } from "../hooks/use-provider-bookings";
import { ProviderProfileGate } from "./provider-profile-gate";
import { ProviderBookingRow } from "./provider-bookings-list";
import { STATUS_CLASS, STATUS_LABEL, startOfLocalDay } from "./provider-booking-display";

const DEFAULT_FIRST_HOUR = 7;
const DEFAULT_LAST_HOUR = 21;
const PX_PER_HOUR = 48;

interface Placed {
  booking: ProviderBookingDto;
  date: string;
  startMinute: number;
  endMinute: number;
  lane: number;
  lanes: number;
}

/** Local day and minutes of each booking in the provider's zone, with side-by-side lanes for overlaps. */
function placeBookings(bookings: ProviderBookingDto[], timeZone: string, days: string[]): Map<string, Placed[]> {
  const byDay = new Map<string, Placed[]>(days.map((day) => [day, []]));
  for (const booking of bookings) {
    const start = utcToLocal(timeZone, booking.startsAt.getTime());
    const end = utcToLocal(timeZone, booking.endsAt.getTime());
    const list = byDay.get(start.date);
    if (!list) continue;
    const endMinute = end.date === start.date ? end.minute : 1440;
    list.push({ booking, date: start.date, startMinute: start.minute, endMinute: Math.max(endMinute, start.minute + 15), lane: 0, lanes: 1 });
  }
  for (const list of byDay.values()) {
    list.sort((a, b) => a.startMinute - b.startMinute);
    const laneEnds: number[] = [];
    for (const placed of list) {
      const free = laneEnds.findIndex((end) => end <= placed.startMinute);
      placed.lane = free >= 0 ? free : laneEnds.length;
      laneEnds[placed.lane] = placed.endMinute;
    }
    for (const placed of list) placed.lanes = Math.max(1, laneEnds.length);
  }
  return byDay;
}

function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function ProviderWeekCalendar() {
  return (
    <ProviderProfileGate loadingLabel="Loading your calendar…">{(profile) => <Week timeZone={profile.timeZone} />}</ProviderProfileGate>
  );
}

function Week({ timeZone }: { timeZone: string }) {
  const thisMonday = mondayOf(localDateOf(new Date(), timeZone));
  const [monday, setMonday] = useState(thisMonday);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const headingId = useId();
  const days = Array.from({ length: 7 }, (_, index) => addDays(monday, index));
  const bookings = useProviderBookings({
    from: startOfLocalDay(timeZone, monday),
    to: startOfLocalDay(timeZone, addDays(monday, 7)),
    page: 1,
    pageSize: 200,
  });
  const items = bookings.data?.items ?? [];
  const placed = placeBookings(items, timeZone, days);
  const all = [...placed.values()].flat();
  const firstHour = Math.min(DEFAULT_FIRST_HOUR, ...all.map((p) => Math.floor(p.startMinute / 60)));
  const lastHour = Math.max(DEFAULT_LAST_HOUR, ...all.map((p) => Math.ceil(p.endMinute / 60)));
  const hours = Array.from({ length: lastHour - firstHour }, (_, index) => firstHour + index);
  const height = (lastHour - firstHour) * PX_PER_HOUR;
  const selected = items.find((booking) => booking.id === selectedId) ?? null;
  // A local date is a label; noon UTC of that day formatted in UTC shows the same calendar day.
  const dayLabel = (date: string) => formatDate(new Date(`${date}T12:00:00Z`), "UTC");
  const accessibleName = (p: Placed) =>
    `${formatTime(p.booking.startsAt, timeZone)} to ${formatTime(p.booking.endsAt, timeZone)}, ${p.booking.service.name}, ${p.booking.patient.name}, ${STATUS_LABEL[p.booking.status]}`;

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-xl font-semibold">
          Week of {dayLabel(monday)} – {dayLabel(addDays(monday, 6))}
        </h2>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setMonday(addDays(monday, -7))}>
            Previous week
          </Button>
          <Button variant="secondary" disabled={monday === thisMonday} onClick={() => setMonday(thisMonday)}>
            This week
          </Button>
          <Button variant="secondary" onClick={() => setMonday(addDays(monday, 7))}>
            Next week
          </Button>
        </div>
      </div>
      <p className="text-sm text-slate-600">Times are in {timeZone.replaceAll("_", " ")}.</p>
      {bookings.isError ? (
        <p role="alert" className="text-red-700">
          We could not load your bookings: {bookings.error.message}
        </p>
      ) : null}
      <p aria-live="polite" className="text-sm text-slate-600">
        {bookings.isPending ? "Loading bookings…" : `${items.length} booking${items.length === 1 ? "" : "s"} this week`}
      </p>

      <div className="overflow-x-auto">
        <div className="grid min-w-[48rem] grid-cols-[3.5rem_repeat(7,minmax(0,1fr))]">
          <div aria-hidden="true" />
          {days.map((day) => (
            <div key={day} aria-hidden="true" className="border-b border-slate-200 px-1 pb-1 text-center text-xs font-medium">
              {dayLabel(day).replace(/, \d{4}$/, "")}
            </div>
          ))}
          <div aria-hidden="true" className="relative" style={{ height }}>
            {hours.map((hour) => (
              <span key={hour} className="absolute right-1 -translate-y-1/2 text-[10px] text-slate-500" style={{ top: (hour - firstHour) * PX_PER_HOUR }}>
                {String(hour).padStart(2, "0")}:00
              </span>
            ))}
          </div>
          {days.map((day) => (
            <div
              key={day}
              className="relative border-l border-slate-200"
              style={{
                height,
                backgroundImage: `repeating-linear-gradient(to bottom, #e2e8f0 0 1px, transparent 1px ${PX_PER_HOUR / 2}px)`,
              }}
            >
              {(placed.get(day) ?? []).map((p) => (
                <button
                  key={p.booking.id}
                  type="button"
                  aria-label={accessibleName(p)}
                  aria-pressed={selectedId === p.booking.id}
                  onClick={() => setSelectedId(selectedId === p.booking.id ? null : p.booking.id)}
                  className={cn(
                    "absolute overflow-hidden rounded border px-1 text-left text-[11px] leading-tight shadow-sm focus:z-10 focus:outline-2 focus:outline-brand-600",
                    STATUS_CLASS[p.booking.status],
                  )}
                  style={{
                    top: ((p.startMinute - firstHour * 60) / 60) * PX_PER_HOUR,
                    height: Math.max(((p.endMinute - p.startMinute) / 60) * PX_PER_HOUR, 16),
                    left: `${(p.lane / p.lanes) * 100}%`,
                    width: `${100 / p.lanes}%`,
                  }}
                >
                  <span className="font-semibold">{formatTime(p.booking.startsAt, timeZone)}</span> {p.booking.service.name} · {p.booking.patient.name}
                </button>
              ))}
            </div>
          ))}
        </div>
      </div>

      <div className="sr-only">
        <h3>Bookings by day</h3>
        {days.map((day) => {
          const list = placed.get(day) ?? [];
          return (
            <div key={day}>
              <h4>{dayLabel(day)}</h4>
              {list.length === 0 ? (
                <p>No bookings.</p>
              ) : (
                <ol>
                  {list.map((p) => (
                    <li key={p.booking.id}>{accessibleName(p)}</li>
                  ))}
                </ol>
              )}
            </div>
          );
        })}
      </div>

      {selected ? (
        <Card className="space-y-2">
          <div className="flex items-center justify-between">
            <h3 className="font-semibold">Selected booking</h3>
            <Button variant="ghost" onClick={() => setSelectedId(null)}>
              Close details
            </Button>
          </div>
          <ul>
            <ProviderBookingRow booking={selected} timeZone={timeZone} now={new Date()} />
          </ul>
        </Card>
      ) : null}
    </section>
  );
}
