"use client";

import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { addDays, formatDate, localDateOf, zoneLabel } from "@/lib/time";
import { usePublicSlots } from "../hooks/use-public-slots";
import type { BookingMode } from "../schemas";
import { describeSlot, formatDayLabel, slotKey, startOfLocalDay, type PickedSlot, type SlotDescription, type SlotPlace } from "./slot-format";
import { TimeZoneSelect } from "./time-zone-select";

const PAGE_DAYS = 14;

type ModeFilter = "ALL" | BookingMode;

export interface SlotSuggestions {
  /** Why the patient sees suggestions, e.g. the time they chose was just taken. */
  message: string;
  slots: PickedSlot[];
}

export interface SlotPickerProps {
  providerId: string;
  serviceId: string;
  /** Offered modes of the service; the mode filter appears when both are offered (or, unknown, when both are free). */
  modes?: { isOnline: boolean; isInPerson: boolean };
  bookingHorizonDays?: number;
  timeZone: string;
  detectedTimeZone?: string | null;
  onTimeZoneChange: (zone: string) => void;
  selected: PickedSlot | null;
  /** A choice is being processed: further clicks are ignored until it settles. */
  isBusy?: boolean;
  onSelect: (slot: PickedSlot, description: SlotDescription) => void;
  suggestions?: SlotSuggestions | null;
  heading?: string;
}

interface DayGroup {
  date: string;
  label: string;
  slots: { slot: PickedSlot; description: SlotDescription }[];
}

/**
 * Free times of one service, grouped by the patient's local day. Each day is a list of toggle
 * buttons with one tab stop; arrow keys, Home and End move between the times of that day.
 */
export function SlotPicker({
  providerId,
  serviceId,
  modes,
  bookingHorizonDays,
  timeZone,
  detectedTimeZone,
  onTimeZoneChange,
  selected,
  isBusy = false,
  onSelect,
  suggestions,
  heading = "Choose a time",
}: SlotPickerProps) {
  const ids = { heading: useId(), status: useId(), mode: useId() };
  const [mountedAt] = useState(() => new Date());
  const [page, setPage] = useState(0);
  const [modeFilter, setModeFilter] = useState<ModeFilter>("ALL");
  const [activeByDay, setActiveByDay] = useState<Record<string, number>>({});

  const today = localDateOf(mountedAt, timeZone);
  const firstDay = addDays(today, page * PAGE_DAYS);
  const lastDay = addDays(firstDay, PAGE_DAYS - 1);
  const from = useMemo(() => startOfLocalDay(timeZone, firstDay), [timeZone, firstDay]);
  const horizonEnd = bookingHorizonDays ? mountedAt.getTime() + bookingHorizonDays * 86_400_000 : Infinity;
  const hasNextPage = startOfLocalDay(timeZone, addDays(firstDay, PAGE_DAYS)).getTime() < horizonEnd;

  const query = usePublicSlots({ providerId, serviceId, from, days: PAGE_DAYS });
  const data = query.data;
  const locations: readonly SlotPlace[] = data?.locations ?? [];
  const providerTimeZone = data?.providerTimeZone ?? timeZone;
  const showModeFilter = modes
    ? modes.isOnline && modes.isInPerson
    : modeFilter !== "ALL" || (data ? new Set(data.slots.map((slot) => slot.mode)).size > 1 : false);

  const days = useMemo<DayGroup[]>(() => {
    if (!data) return [];
    const groups = new Map<string, DayGroup>();
    for (const slot of data.slots) {
      if (modeFilter !== "ALL" && slot.mode !== modeFilter) continue;
      const date = localDateOf(slot.startsAt, timeZone);
      if (date < firstDay || date > lastDay) continue;
      let group = groups.get(date);
      if (!group) {
        group = { date, label: formatDayLabel(date), slots: [] };
        groups.set(date, group);
      }
      group.slots.push({ slot, description: describeSlot(slot, { timeZone, providerTimeZone, locations: data.locations, date }) });
    }
    return [...groups.values()].sort((a, b) => a.date.localeCompare(b.date));
  }, [data, modeFilter, timeZone, providerTimeZone, firstDay, lastDay]);

  const selectedKey = selected ? slotKey(selected) : null;
  const slotCount = days.reduce((sum, day) => sum + day.slots.length, 0);
  const eventZones = new Set([providerTimeZone, ...locations.map((l) => l.timeZone)]);
  eventZones.delete(timeZone);
  const rangeLabel = `${formatDate(from, timeZone)} – ${formatDate(startOfLocalDay(timeZone, lastDay), timeZone)}`;
  const modeName = modeFilter === "ONLINE" ? "online " : modeFilter === "IN_PERSON" ? "in-person " : "";

  function choose(slot: PickedSlot, description: SlotDescription) {
    if (isBusy) return;
    onSelect(slot, description);
  }

  function onSlotKeyDown(event: KeyboardEvent<HTMLButtonElement>, date: string, index: number, count: number) {
    let next: number | null = null;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") next = Math.min(index + 1, count - 1);
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = Math.max(index - 1, 0);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = count - 1;
    if (next === null) return;
    event.preventDefault();
    setActiveByDay((current) => ({ ...current, [date]: next }));
    event.currentTarget.closest("ul")?.querySelectorAll<HTMLButtonElement>("button[data-slot]")[next]?.focus();
  }

  function describeSuggestion(slot: PickedSlot): SlotDescription {
    return describeSlot(slot, { timeZone, providerTimeZone, locations, date: localDateOf(slot.startsAt, timeZone) });
  }

  return (
    <section aria-labelledby={ids.heading} className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h3 id={ids.heading} className="text-lg font-semibold">
            {heading}
          </h3>
          <p className="text-sm text-slate-700" data-testid="times-shown-in">
            Times shown in <strong>{zoneLabel(from, timeZone)}</strong>
          </p>
          {eventZones.size > 0 ? (
            <p className="text-sm text-slate-600">
              The appointment happens in {[...eventZones].map((zone) => zoneLabel(from, zone)).join(" and ")}; each time also shows the
              local time there.
            </p>
          ) : null}
        </div>
        <TimeZoneSelect value={timeZone} onChange={onTimeZoneChange} detectedTimeZone={detectedTimeZone} at={from} label="Show times in" />
      </div>

      {showModeFilter ? (
        <fieldset className="space-y-1 text-sm">
          <legend className="font-medium">Type of visit</legend>
          <div className="flex flex-wrap items-center gap-4">
            {(
              [
                ["ALL", "In person and online"],
                ["IN_PERSON", "In person"],
                ["ONLINE", "Online"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-1.5">
                <input type="radio" name={ids.mode} value={value} checked={modeFilter === value} onChange={() => setModeFilter(value)} />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      {suggestions ? (
        <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{suggestions.message}</p>
          {suggestions.slots.length > 0 ? (
            <ul aria-label="Nearest free times" className="flex flex-wrap gap-2">
              {suggestions.slots.map((slot) => {
                const description = describeSuggestion(slot);
                return (
                  <li key={slotKey(slot)}>
                    <Button
                      variant="secondary"
                      aria-label={description.label}
                      aria-disabled={isBusy || undefined}
                      onClick={() => choose(slot, description)}
                    >
                      {description.dayLabel}, {description.time} · {description.place}
                      {description.eventTime ? ` (${description.eventTime} there)` : ""}
                    </Button>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : null}

      <nav aria-label="Weeks" className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" disabled={page === 0} onClick={() => setPage((p) => Math.max(0, p - 1))}>
          Previous
        </Button>
        <span className="text-sm font-medium" data-testid="slot-range">
          {rangeLabel}
        </span>
        <Button variant="secondary" disabled={!hasNextPage} onClick={() => setPage((p) => p + 1)}>
          Next 2 weeks
        </Button>
      </nav>

      <p id={ids.status} aria-live="polite" className="text-sm text-slate-600" data-testid="slot-status">
        {query.isPending
          ? "Loading free times…"
          : query.isError
            ? null
            : query.isPlaceholderData
              ? "Loading free times…"
              : `${slotCount} free ${modeName}time${slotCount === 1 ? "" : "s"} in ${rangeLabel}.`}
      </p>

      {query.isError ? (
        <div role="alert" className="space-y-2 text-sm text-red-700">
          <p>{query.error.message}</p>
          <Button variant="secondary" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </div>
      ) : null}

      {data && !query.isPlaceholderData && slotCount === 0 ? (
        <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm">
          {hasNextPage ? (
            <>
              <p>No free {modeName}times in these two weeks — try the next two weeks.</p>
              <Button variant="secondary" onClick={() => setPage((p) => p + 1)}>
                Show the next two weeks
              </Button>
            </>
          ) : (
            <p>
              No free {modeName}times left
              {bookingHorizonDays ? ` within the ${bookingHorizonDays} days this provider takes bookings for` : ""}. Please check again
              later or choose another provider.
            </p>
          )}
        </div>
      ) : null}

      <div aria-busy={query.isFetching} aria-describedby={ids.status} className={cn("space-y-5", query.isPlaceholderData && "opacity-60")}>
        {days.map((day) => {
          const selectedIndex = day.slots.findIndex(({ slot }) => slotKey(slot) === selectedKey);
          const active = Math.min(activeByDay[day.date] ?? (selectedIndex >= 0 ? selectedIndex : 0), day.slots.length - 1);
          const dayHeadingId = `${ids.heading}-${day.date}`;
          return (
            <section key={day.date} aria-labelledby={dayHeadingId} className="space-y-2">
              <h4 id={dayHeadingId} className="font-medium">
                {day.label}
              </h4>
              <ul aria-label={`Times on ${day.label}`} className="flex flex-wrap gap-2">
                {day.slots.map(({ slot, description }, index) => {
                  const isSelected = slotKey(slot) === selectedKey;
                  return (
                    <li key={slotKey(slot)}>
                      <button
                        type="button"
                        data-slot
                        aria-pressed={isSelected}
                        aria-label={description.label}
                        aria-disabled={isBusy || undefined}
                        tabIndex={index === active ? 0 : -1}
                        onFocus={() => setActiveByDay((current) => (current[day.date] === index ? current : { ...current, [day.date]: index }))}
                        onKeyDown={(event) => onSlotKeyDown(event, day.date, index, day.slots.length)}
                        onClick={() => choose(slot, description)}
                        className={cn(
                          "flex min-w-24 flex-col items-center rounded-md border px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
                          isSelected ? "border-brand-700 bg-brand-600 text-white" : "border-slate-300 bg-white hover:border-brand-600 hover:bg-brand-50",
                        )}
                      >
                        <span className="font-semibold">{description.time}</span>
                        <span className="text-xs">{slot.mode === "ONLINE" ? "Online" : "In person"}</span>
                        {description.eventTime ? (
                          <span className="text-xs">
                            {description.eventTime} in {description.eventTimeZone.replaceAll("_", " ")}
                          </span>
                        ) : null}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
      {days.length > 0 ? <p className="text-xs text-slate-500">Tip: within a day, the arrow keys move between times.</p> : null}
    </section>
  );
}
