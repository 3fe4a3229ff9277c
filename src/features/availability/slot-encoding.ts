/**
 * The wire form of a public slot list. Hundreds of `Date` objects cost more to encode (superjson
 * walks and tags each one) than the slot engine costs to run, so the answer carries instants as
 * UTC epoch minutes grouped by day, and the slot's place as a small index into a table. Each
 * day's numbers travel as one comma-separated string: superjson visits every node of the
 * answer, and a few dozen strings cost it a tenth of what hundreds of numbers do.
 *
 * Epoch minutes are instants, not wall-clock readings: no DST change or half-hour zone can
 * shift them. `timeZone` names the calendar the day labels are dates in (the provider's), and
 * every location carries its own zone, so the client formats each time with an explicit zone.
 */
import { createZoneTimeline, epochDayToLocalDate, MINUTES_PER_DAY, MS_PER_MINUTE, type LocalDate } from "@/lib/time";
import type { BookingMode } from "./schemas";
import type { LocationDto, PublicSlots, SlotDto } from "./types";

export interface SlotPlaceRef {
  mode: BookingMode;
  locationId: string | null;
}

export interface CompactSlotDay {
  /** Local date in `CompactPublicSlots.timeZone`. */
  date: LocalDate;
  /** Start instants as UTC epoch minutes (ms / 60 000), ascending, comma-separated. */
  starts: string;
  /** For each start, its index into `CompactPublicSlots.places`, comma-separated. */
  places: string;
}

export interface CompactPublicSlots {
  /** The provider's zone: online visits happen in it and `days[].date` are dates in it. */
  timeZone: string;
  /** A slot ends this many elapsed minutes after it starts (across a DST change too). */
  durationMinutes: number;
  /** Wall-clock step between starts of one interval. */
  stepMinutes: number;
  locations: LocationDto[];
  places: SlotPlaceRef[];
  /** Only days with at least one start. */
  days: CompactSlotDay[];
}

export interface EncodeSlotsInput {
  timeZone: string;
  durationMinutes: number;
  stepMinutes: number;
  locations: LocationDto[];
  /** Sorted by start, as the engine returns them. */
  slots: readonly { startsAt: number; mode: BookingMode; locationId: string | null }[];
}

export function encodePublicSlots(input: EncodeSlotsInput): CompactPublicSlots {
  const places: SlotPlaceRef[] = [];
  const placeIndex = new Map<string, number>();
  const days: { date: LocalDate; starts: number[]; places: number[] }[] = [];
  if (input.slots.length > 0) {
    const first = Math.floor(input.slots[0]!.startsAt / MS_PER_MINUTE);
    const last = Math.floor(input.slots[input.slots.length - 1]!.startsAt / MS_PER_MINUTE);
    const timeline = createZoneTimeline(input.timeZone, first - MINUTES_PER_DAY, last + MINUTES_PER_DAY);
    let day: (typeof days)[number] | null = null;
    let epochDay = Number.NaN;
    for (const slot of input.slots) {
      const minute = Math.floor(slot.startsAt / MS_PER_MINUTE);
      const localDay = timeline.localEpochDayOf(minute);
      if (day === null || localDay !== epochDay) {
        epochDay = localDay;
        day = { date: epochDayToLocalDate(localDay), starts: [], places: [] };
        days.push(day);
      }
      const key = `${slot.mode}|${slot.locationId ?? ""}`;
      let place = placeIndex.get(key);
      if (place === undefined) {
        place = places.length;
        placeIndex.set(key, place);
        places.push({ mode: slot.mode, locationId: slot.locationId });
      }
      day.starts.push(minute);
      day.places.push(place);
    }
  }
  return {
    timeZone: input.timeZone,
    durationMinutes: input.durationMinutes,
    stepMinutes: input.stepMinutes,
    locations: input.locations,
    places,
    days: days.map((day) => ({ date: day.date, starts: day.starts.join(","), places: day.places.join(",") })),
  };
}

const numbers = (text: string): number[] => (text === "" ? [] : text.split(",").map(Number));
const firstOf = (text: string): number => {
  const comma = text.indexOf(",");
  return Number(comma < 0 ? text : text.slice(0, comma));
};
const lastOf = (text: string): number => Number(text.slice(text.lastIndexOf(",") + 1));

/**
 * Keeps the starts in [fromMs, toMs). Days wholly inside are shared, not copied, so trimming a
 * cached answer to the minimum notice and horizon of the moment costs only its edge days.
 */
export function trimPublicSlots(slots: CompactPublicSlots, fromMs: number, toMs: number): CompactPublicSlots {
  // A start s (whole minutes) is kept when s * 60 000 >= fromMs and s * 60 000 < toMs.
  const lo = Math.ceil(fromMs / MS_PER_MINUTE);
  const hi = Math.ceil(toMs / MS_PER_MINUTE);
  const days: CompactSlotDay[] = [];
  for (const day of slots.days) {
    if (day.starts === "") continue;
    const first = firstOf(day.starts);
    const last = lastOf(day.starts);
    if (last < lo || first >= hi) continue;
    if (first >= lo && last < hi) {
      days.push(day);
      continue;
    }
    const starts = numbers(day.starts);
    const places = numbers(day.places);
    const n = starts.length;
    let a = 0;
    while (a < n && starts[a]! < lo) a++;
    let b = n;
    while (b > a && starts[b - 1]! >= hi) b--;
    if (b > a) days.push({ date: day.date, starts: starts.slice(a, b).join(","), places: places.slice(a, b).join(",") });
  }
  return days.length === slots.days.length && days.every((day, i) => day === slots.days[i]) ? slots : { ...slots, days };
}

/** The slot list as instants, for the picker and for server-side readers. */
export function decodePublicSlots(slots: CompactPublicSlots): PublicSlots {
  const durationMs = slots.durationMinutes * MS_PER_MINUTE;
  const out: SlotDto[] = [];
  for (const day of slots.days) {
    const starts = numbers(day.starts);
    const places = numbers(day.places);
    for (let i = 0; i < starts.length; i++) {
      const startsAt = starts[i]! * MS_PER_MINUTE;
      const place = slots.places[places[i]!]!;
      out.push({ startsAt: new Date(startsAt), endsAt: new Date(startsAt + durationMs), mode: place.mode, locationId: place.locationId });
    }
  }
  return { providerTimeZone: slots.timeZone, locations: slots.locations, slots: out };
}

/** How many slots the answer holds. */
export function countPublicSlots(slots: CompactPublicSlots): number {
  return slots.days.reduce((sum, day) => sum + (day.starts === "" ? 0 : day.starts.split(",").length), 0);
}

/** The first start at or after `atMs`, as an instant, or null. */
export function firstSlotStart(slots: CompactPublicSlots, atMs = -Infinity): Date | null {
  for (const day of slots.days) {
    if (day.starts === "" || lastOf(day.starts) * MS_PER_MINUTE < atMs) continue;
    for (const start of numbers(day.starts)) if (start * MS_PER_MINUTE >= atMs) return new Date(start * MS_PER_MINUTE);
  }
  return null;
}
