"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { addDays, daysBetween, formatDate, localDateOf, zoneLabel } from "@/lib/time";
import { usePublicSlots } from "../hooks/use-public-slots";
import type { BookingMode } from "../schemas";
import { buildSlotDays, dayForRequestedTime, dayToShow, type SlotDay } from "./slot-days";
import { describeSlot, formatDayLabel, slotKey, startOfLocalDay, type PickedSlot, type SlotDescription, type SlotPlace } from "./slot-format";
import { TimeZoneSelect } from "./time-zone-select";

const PAGE_DAYS = 14;

type ModeFilter = "ALL" | BookingMode;

export interface SlotSuggestions {
  /** Why the patient sees suggestions, e.g. the time they chose was just taken. */
  message: string;
  slots: PickedSlot[];
}

/** A time named by a link (e.g. a search result's next free time): shown and marked, never held. */
export type RequestedSlot = Pick<PickedSlot, "startsAt" | "mode" | "locationId">;

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
  /**
   * A time to open on: the picker shows its day, marks it and moves focus to it, so that one
   * click chooses it. It is only shown: choosing (which holds it) stays the patient's act. When
   * it is no longer free the picker says so and shows what is left.
   */
  requestedSlot?: RequestedSlot | null;
  /** Shows only the times this returns true for, e.g. an organization's staff see its own locations and online visits. */
  isSlotShown?: (slot: PickedSlot) => boolean;
}

/** "New York" for America/New_York: short enough for a time button; the full zone is named above the times. */
function zoneCity(zone: string): string {
  return (zone.split("/").pop() ?? zone).replaceAll("_", " ");
}

interface SlotItem {
  slot: PickedSlot;
  description: SlotDescription;
}

/**
 * Free times of one service, one day at a time: a scrollable strip of days (a tablist, each day
 * with its number of free times; arrow keys, Home and End move between days) and the chosen
 * day's times grouped morning, afternoon and evening in the patient's zone. The times of a day
 * are toggle buttons with one tab stop; arrow keys, Home and End move between them.
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
  requestedSlot = null,
  isSlotShown,
}: SlotPickerProps) {
  const baseId = useId();
  const ids = {
    heading: `${baseId}-heading`,
    status: `${baseId}-status`,
    request: `${baseId}-request`,
    mode: `${baseId}-mode`,
    tab: (date: string) => `${baseId}-tab-${date}`,
    panel: `${baseId}-panel`,
  };
  const [mountedAt] = useState(() => new Date());
  const horizonEnd = bookingHorizonDays ? mountedAt.getTime() + bookingHorizonDays * 86_400_000 : Infinity;
  const today = localDateOf(mountedAt, timeZone);
  // The requested time until the patient chooses one, and the two weeks it falls in (in the
  // zone the days are shown in); a time already past or beyond the horizon has none.
  const [request, setRequest] = useState(requestedSlot);
  const requestPage =
    request && request.startsAt.getTime() >= mountedAt.getTime() && request.startsAt.getTime() < horizonEnd
      ? Math.floor(daysBetween(today, localDateOf(request.startsAt, timeZone)) / PAGE_DAYS)
      : null;
  const [page, setPage] = useState(requestPage ?? 0);
  const [modeFilter, setModeFilter] = useState<ModeFilter>("ALL");
  const [requestedDay, setRequestedDay] = useState<string | null>(null);
  // The time that holds the tab stop; null until the patient moves among the times.
  const [activeTime, setActiveTime] = useState<number | null>(null);
  const stripRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  const firstDay = addDays(today, page * PAGE_DAYS);
  const lastDay = addDays(firstDay, PAGE_DAYS - 1);
  const from = startOfLocalDay(timeZone, firstDay);
  const hasNextPage = startOfLocalDay(timeZone, addDays(firstDay, PAGE_DAYS)).getTime() < horizonEnd;
  // Days after the horizon can never have a time; the strip stops at the last bookable day.
  const dayCount = Math.max(
    1,
    Math.min(PAGE_DAYS, Number.isFinite(horizonEnd) ? daysBetween(firstDay, localDateOf(new Date(horizonEnd), timeZone)) + 1 : PAGE_DAYS),
  );

  const query = usePublicSlots({ providerId, serviceId, from, days: PAGE_DAYS });
  const data = query.data;
  const locations: readonly SlotPlace[] = data?.locations ?? [];
  const providerTimeZone = data?.providerTimeZone ?? timeZone;
  const showModeFilter = modes
    ? modes.isOnline && modes.isInPerson
    : modeFilter !== "ALL" || (data ? new Set(data.slots.map((slot) => slot.mode)).size > 1 : false);
  const showPlaceName = locations.length > 1;

  const items: SlotItem[] = (data?.slots ?? [])
    .filter((slot) => (modeFilter === "ALL" || slot.mode === modeFilter) && (!isSlotShown || isSlotShown(slot)))
    .map((slot) => ({ slot, description: describeSlot(slot, { timeZone, providerTimeZone, locations, date: localDateOf(slot.startsAt, timeZone) }) }));
  const days: SlotDay<SlotItem>[] = buildSlotDays(items, { timeZone, firstDay, days: dayCount });

  const isLoaded = data !== undefined && !query.isPlaceholderData;
  const requestKey = request ? slotKey(request) : null;
  const loadedRequest = isLoaded && request && requestPage === page ? request : null;
  // Free or taken is read from every mode's times: the mode filter hides a time, it does not take it.
  const requestedFree = loadedRequest ? (data?.slots.find((slot) => slotKey(slot) === requestKey) ?? null) : null;
  const requestOutcome: "free" | "taken" | "passed" | null = !request
    ? null
    : request.startsAt.getTime() < mountedAt.getTime()
      ? "passed"
      : requestPage === null
        ? "taken"
        : !loadedRequest
          ? null
          : requestedFree
            ? "free"
            : "taken";
  const dayOfRequest = loadedRequest ? dayForRequestedTime(days, localDateOf(loadedRequest.startsAt, timeZone)) : null;
  const shownDate = isLoaded ? dayToShow(days, requestedDay ?? dayOfRequest) : null;
  const shownDay = days.find((day) => day.date === shownDate) ?? null;
  const shownItems = shownDay ? shownDay.periods.flatMap((period) => period.items) : [];
  const selectedKey = selected ? slotKey(selected) : null;
  const selectedIndex = shownItems.findIndex(({ slot }) => slotKey(slot) === selectedKey);
  const requestedIndex = requestOutcome === "free" ? shownItems.findIndex(({ slot }) => slotKey(slot) === requestKey) : -1;
  const tabStop = Math.max(0, Math.min(activeTime ?? (selectedIndex >= 0 ? selectedIndex : Math.max(requestedIndex, 0)), shownItems.length - 1));
  const slotCount = days.reduce((sum, day) => sum + day.count, 0);
  const eventZones = new Set([providerTimeZone, ...locations.map((l) => l.timeZone)]);
  eventZones.delete(timeZone);
  const rangeLabel = `${formatDate(from, timeZone)} – ${formatDate(startOfLocalDay(timeZone, lastDay), timeZone)}`;
  const modeName = modeFilter === "ONLINE" ? "online " : modeFilter === "IN_PERSON" ? "in-person " : "";

  // The strip scrolls sideways on a phone: keep the day shown in view when it changes.
  useEffect(() => {
    if (!shownDate) return;
    const tab = stripRef.current?.querySelector<HTMLElement>(`[data-date="${shownDate}"]`);
    tab?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [shownDate]);

  // Once, when the requested time first shows: bring it into view and give it focus, so that
  // Enter (or a click) chooses it and a screen reader reads it with the note that explains it.
  const hasFocusedRequest = useRef(false);
  useEffect(() => {
    if (requestedIndex < 0 || hasFocusedRequest.current) return;
    const button = panelRef.current?.querySelectorAll<HTMLButtonElement>("button[data-slot]")[requestedIndex];
    if (!button) return;
    hasFocusedRequest.current = true;
    button.scrollIntoView?.({ block: "center", inline: "nearest" });
    button.focus({ preventScroll: true });
  }, [requestedIndex]);

  function showDay(date: string) {
    setRequestedDay(date);
    setActiveTime(null);
  }

  function changePage(next: number) {
    setPage(next);
    setRequestedDay(null);
    setActiveTime(null);
  }

  function choose(slot: PickedSlot, description: SlotDescription) {
    if (isBusy) return;
    if (request) {
      // The request picked the day shown; keep the chosen time's day once it no longer does.
      setRequestedDay((day) => day ?? description.date);
      setRequest(null);
    }
    onSelect(slot, description);
  }

  function onDayKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    let next: number | null = null;
    if (event.key === "ArrowRight") next = Math.min(index + 1, days.length - 1);
    else if (event.key === "ArrowLeft") next = Math.max(index - 1, 0);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = days.length - 1;
    if (next === null) return;
    event.preventDefault();
    const date = days[next]!.date;
    showDay(date);
    stripRef.current?.querySelector<HTMLButtonElement>(`[data-date="${date}"]`)?.focus();
  }

  function onSlotKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    let next: number | null = null;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") next = Math.min(index + 1, shownItems.length - 1);
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = Math.max(index - 1, 0);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = shownItems.length - 1;
    if (next === null) return;
    event.preventDefault();
    setActiveTime(next);
    panelRef.current?.querySelectorAll<HTMLButtonElement>("button[data-slot]")[next]?.focus();
  }

  function describeSuggestion(slot: PickedSlot): SlotDescription {
    return describeSlot(slot, { timeZone, providerTimeZone, locations, date: localDateOf(slot.startsAt, timeZone) });
  }

  /** "Online", "In person", or with several practices "In person at <name>". */
  function placeText({ slot, description }: SlotItem): string {
    if (slot.mode === "ONLINE") return "Online";
    return showPlaceName ? description.place.replace(/^in person/, "In person") : "In person";
  }

  const requestMessage =
    requestOutcome === "free" && requestedFree
      ? // Another day or the mode filter may hide it; the note then only says it is still free.
        `Your time, ${describeSuggestion(requestedFree).label}, ${requestedIndex >= 0 ? "is marked below. Select it to reserve it." : "is still free."}`
      : requestOutcome === "taken"
        ? "That time has just been taken; here are the next free times."
        : requestOutcome === "passed"
          ? "That time has passed; here are the next free times."
          : null;

  return (
    <section aria-labelledby={ids.heading} className="min-w-0 space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 space-y-1">
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
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
            {(
              [
                ["ALL", "In person and online"],
                ["IN_PERSON", "In person"],
                ["ONLINE", "Online"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name={ids.mode}
                  value={value}
                  checked={modeFilter === value}
                  onChange={() => {
                    setModeFilter(value);
                    setRequestedDay(null);
                    setActiveTime(null);
                  }}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      {/* Rendered from the start (empty while loading) when a time was asked for: a live region
          that appears together with its text is often not announced. */}
      {requestedSlot ? (
        <p
          id={ids.request}
          role="status"
          className={cn(
            "text-sm",
            requestOutcome === "free" && "rounded-md border border-brand-600 bg-brand-50 p-3",
            (requestOutcome === "taken" || requestOutcome === "passed") && "rounded-md border border-amber-300 bg-amber-50 p-3",
          )}
        >
          {requestMessage}
        </p>
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
                      aria-disabled={isBusy || undefined}
                      data-starts-at={slot.startsAt.toISOString()}
                      onClick={() => choose(slot, description)}
                      className="text-left"
                    >
                      {description.dayLabel}, {description.time}, {description.place}
                      {description.eventTime ? ` (${description.eventTime} in ${description.eventTimeZone.replaceAll("_", " ")})` : ""}
                    </Button>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : null}

      <nav aria-label="Weeks" className="grid grid-cols-[auto_1fr_auto] items-center gap-2">
        <Button variant="secondary" className="px-3" disabled={page === 0} onClick={() => changePage(Math.max(0, page - 1))}>
          Previous
        </Button>
        <span className="text-center text-xs font-medium sm:text-sm" data-testid="slot-range">
          {rangeLabel}
        </span>
        <Button variant="secondary" className="px-3" disabled={!hasNextPage} onClick={() => changePage(page + 1)}>
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

      {isLoaded && slotCount === 0 ? (
        <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm">
          {hasNextPage ? (
            <>
              <p>No free {modeName}times in these two weeks — try the next two weeks.</p>
              <Button variant="secondary" onClick={() => changePage(page + 1)}>
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

      {isLoaded && slotCount > 0 && shownDay ? (
        <div aria-busy={query.isFetching} className="space-y-4">
          <div
            ref={stripRef}
            role="tablist"
            aria-label="Days"
            className="-mx-1 flex snap-x gap-2 overflow-x-auto px-1 pt-1 pb-2"
          >
            {days.map((day, index) => {
              const isShown = day.date === shownDay.date;
              return (
                <button
                  key={day.date}
                  type="button"
                  role="tab"
                  id={ids.tab(day.date)}
                  data-date={day.date}
                  aria-selected={isShown}
                  aria-controls={ids.panel}
                  tabIndex={isShown ? 0 : -1}
                  onClick={() => showDay(day.date)}
                  onKeyDown={(event) => onDayKeyDown(event, index)}
                  className={cn(
                    "flex w-[4.75rem] shrink-0 snap-start flex-col items-center rounded-lg border px-2 py-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
                    isShown
                      ? "border-brand-700 bg-brand-600 text-white"
                      : day.count > 0
                        ? "border-slate-300 bg-white text-slate-900 hover:border-brand-600 hover:bg-brand-50"
                        : "border-slate-200 bg-slate-50 text-slate-600",
                  )}
                >
                  <span className="block font-medium">{day.weekday}</span>{" "}
                  <span className="block font-semibold">{day.shortDate}</span>{" "}
                  <span className="block text-xs">{day.count === 0 ? "No times" : `${day.count} ${day.count === 1 ? "time" : "times"}`}</span>
                </button>
              );
            })}
          </div>

          <div
            ref={panelRef}
            id={ids.panel}
            role="tabpanel"
            aria-labelledby={`${ids.heading}-day`}
            aria-describedby={ids.status}
            className="space-y-4"
          >
            <h4 id={`${ids.heading}-day`} className="font-medium">
              {formatDayLabel(shownDay.date)}
            </h4>
            {shownDay.count === 0 ? (
              <p className="text-sm text-slate-600">No free {modeName}times on this day. Choose another day above.</p>
            ) : (
              shownDay.periods.map((group) => (
                <div key={group.period} className="space-y-2">
                  <h5 className="text-sm font-medium text-slate-700">
                    {group.title}
                  </h5>
                  <ul aria-label={`Times on ${formatDayLabel(shownDay.date)}: ${group.title.toLowerCase()}`} className="grid grid-cols-[repeat(auto-fill,minmax(6rem,1fr))] gap-2">
                    {group.items.map((item) => {
                      const index = shownItems.indexOf(item);
                      const { slot, description } = item;
                      const isSelected = slotKey(slot) === selectedKey;
                      const isRequested = index === requestedIndex;
                      return (
                        <li key={slotKey(slot)}>
                          <button
                            type="button"
                            data-slot
                            data-starts-at={slot.startsAt.toISOString()}
                            data-mode={slot.mode}
                            aria-pressed={isSelected}
                            aria-disabled={isBusy || undefined}
                            aria-describedby={isRequested ? ids.request : undefined}
                            data-requested={isRequested || undefined}
                            tabIndex={index === tabStop ? 0 : -1}
                            onFocus={() => setActiveTime(index)}
                            onKeyDown={(event) => onSlotKeyDown(event, index)}
                            onClick={() => choose(slot, description)}
                            className={cn(
                              "flex w-full flex-col items-center rounded-md border px-2 py-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
                              isSelected
                                ? "border-brand-700 bg-brand-600 text-white"
                                : isRequested
                                  ? "border-brand-700 bg-brand-50 ring-2 ring-brand-600 ring-offset-2 hover:bg-brand-100"
                                  : "border-slate-300 bg-white hover:border-brand-600 hover:bg-brand-50",
                            )}
                          >
                            <span className="block font-semibold">{description.time}</span>{" "}
                            <span className="block text-center text-xs">{placeText(item)}</span>
                            {description.eventTime ? (
                              <>
                                {" "}
                                <span className="block text-center text-xs">
                                  {description.eventTime} {zoneCity(description.eventTimeZone)}
                                </span>
                              </>
                            ) : null}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </div>
              ))
            )}
          </div>
          <p className="text-xs text-slate-500">Tip: the arrow keys move between days in the strip, and between times of the day.</p>
        </div>
      ) : null}
    </section>
  );
}
