/**
 * The slot engine: which start instants a patient may book for one service of one provider.
 *
 * Pure: no I/O, no clock (`now` is an input), inputs are never mutated. Everything inside runs in
 * integer minutes (UTC epoch minutes for instants, "local minutes" for wall-clock readings, see
 * `@/lib/time`); instants cross the boundary as epoch milliseconds.
 *
 * Semantics, in the order they are applied:
 * 1. Availability is built per zone and local date. Weekly rules give wall-clock intervals on
 *    their weekday, within their optional effective dates (inclusive, in the rule's zone).
 * 2. Date overrides match by local date label: an override for 2027-12-25 applies to every
 *    interval dated 2027-12-25 on its own zone's calendar, whatever zone the override was
 *    written in (a provider who takes Christmas off means Christmas at every location, not a
 *    24-hour UTC span that would cut into the evening before elsewhere). The override's zone is
 *    the zone of its own intervals. Precedence per date: any "off" removes everything, extras
 *    included; otherwise any "replace" drops all weekly rules and contributes its intervals
 *    (several replaces are united); "extra" intervals are always added.
 *    Location closures then remove the intervals of their location on their local dates, read
 *    on the interval's own zone (the location's, for in-person hours), whatever the overrides
 *    say: a closed practice cannot be opened by a provider's extra hours there. Online
 *    intervals have no location and are never closed.
 * 3. Overlapping or touching intervals of the same mode + location on the same date and zone
 *    are merged into one. Slots are laid out from the merged interval's local start in
 *    wall-clock steps; a reading that does not exist (spring-forward gap) gives no slot, one that
 *    happens twice (fall-back) gives one slot at its first occurrence. The appointment
 *    [start, start + duration) must lie within the interval's real range, from the first instant
 *    the clock reads its start to the first instant it reads its end. Intervals end at local
 *    midnight at the latest, so an appointment never straddles two dates' intervals.
 * 4. The candidate with its buffers, [start - bufferBefore, end + bufferAfter), must not overlap
 *    (half-open, touching is fine) any booking or hold with its buffers, nor any external busy
 *    interval. The buffers may reach outside the availability interval. This mirrors the
 *    database exclusion constraint on buffered booking ranges.
 * 5. start >= now + minimumNotice, start < now + bookingHorizonDays * 24 h, window.from <= start
 *    < window.to.
 * 6. maxBookingsPerDay: bookings and holds of this service whose start falls on the interval's
 *    local date (in the interval's zone) are counted; at the limit the date yields nothing.
 *    Holds count because a slot offered against a live hold would fail at checkout.
 * 7. The result is sorted by start, then mode, then locationId (null first), each
 *    (start, mode, locationId) once, even when rules in two zones produce it.
 *
 * Input is expected to be validated by the feature's schemas; what would otherwise loop or lie
 * (a non-positive or fractional duration or step, a malformed date, an unknown zone) throws a
 * RangeError, and an interval with start >= end is ignored.
 */
import {
  createZoneTimeline,
  isoWeekdayOfEpochDay,
  localDateToEpochDay,
  MINUTES_PER_DAY,
  MS_PER_DAY,
  MS_PER_MINUTE,
} from "@/lib/time";
import type { IsoWeekday, LocalDate, ZoneTimeline } from "@/lib/time";

export type SlotMode = "in_person" | "online";

/** An instant as milliseconds since the epoch (UTC), as `Date.prototype.getTime()` returns. */
export type EpochMs = number;

/** A recurring weekly interval of wall-clock time. */
export interface WeeklyRule {
  weekday: IsoWeekday;
  /** Minutes after local midnight, 0..1439; wall-clock so that 09:00 stays 09:00 across DST. */
  startMinute: number;
  /** Minutes after local midnight, startMinute < endMinute <= 1440 (1440 = end of the day). */
  endMinute: number;
  mode: SlotMode;
  /** Null for online; the output repeats it so the UI can say where. */
  locationId: string | null;
  /** The location's zone for in-person rules, otherwise the provider's. */
  timeZone: string;
  /** First local date the rule applies to (inclusive), null for "always". */
  effectiveFrom?: LocalDate | null;
  /** Last local date the rule applies to (inclusive), null for "forever". */
  effectiveUntil?: LocalDate | null;
}

export interface OverrideInterval {
  startMinute: number;
  endMinute: number;
  mode: SlotMode;
  locationId: string | null;
}

export type DateOverrideKind = "off" | "replace" | "extra";

/** A change to availability on a range of local dates (both ends inclusive). */
export interface DateOverride {
  startDate: LocalDate;
  endDate: LocalDate;
  /** Zone of `intervals`; dates are matched by label (see the module comment). */
  timeZone: string;
  kind: DateOverrideKind;
  /** Ignored for "off"; an empty "replace" leaves only extras on those dates. */
  intervals: readonly OverrideInterval[];
}

/** A location closed on a range of its local dates (both ends inclusive): a holiday, works. */
export interface LocationClosure {
  locationId: string;
  startDate: LocalDate;
  endDate: LocalDate;
}

/** An active booking or an unexpired hold: both occupy the provider. */
export interface BusyBooking {
  startsAt: EpochMs;
  endsAt: EpochMs;
  /** The buffers of the booking's own service at the time it was made. */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  serviceId: string;
}

/** Time blocked by an external calendar; no buffers. */
export interface ExternalBusyInterval {
  startsAt: EpochMs;
  endsAt: EpochMs;
}

export interface SlotServiceParams {
  serviceId: string;
  /** Positive integer. */
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Positive integer; starts are interval start + k * step in wall-clock minutes. */
  slotStepMinutes: number;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  /** Null for no limit. */
  maxBookingsPerDay: number | null;
  /** Modes this service may be delivered in; intervals of other modes are ignored. */
  modes: readonly SlotMode[];
}

/** Half-open: starts in [from, to) are returned. */
export interface SlotWindow {
  from: EpochMs;
  to: EpochMs;
}

export interface ComputeSlotsInput {
  rules: readonly WeeklyRule[];
  overrides: readonly DateOverride[];
  /** Accepted closures of the locations in `rules` and `overrides`; omitted means none. */
  closures?: readonly LocationClosure[];
  /** Active bookings and holds of the provider, all services (cancelled ones left out). */
  bookings: readonly BusyBooking[];
  externalBusy: readonly ExternalBusyInterval[];
  service: SlotServiceParams;
  now: EpochMs;
  window: SlotWindow;
}

export interface Slot {
  startsAt: EpochMs;
  /** startsAt + duration in elapsed time (so a slot across a DST change keeps its length). */
  endsAt: EpochMs;
  mode: SlotMode;
  locationId: string | null;
}

/** An interval after validation, in local minutes of the day, with its mode+location group. */
interface DayInterval {
  start: number;
  end: number;
  group: number;
  fromDay: number;
  untilDay: number;
}

interface OverrideDayInterval {
  zone: number;
  start: number;
  end: number;
  group: number;
}

interface ZoneState {
  timeZone: string;
  /** Weekly intervals by ISO weekday (index 1..7). */
  weekly: DayInterval[][];
  timeline: ZoneTimeline | null;
}

// Offsets in use stay within -12:00..+14:00, so a local date spans at most these UTC minutes
// beyond its own; the extra hours absorb a DST shift.
const MAX_EAST = 14 * 60 + 180;
const MAX_WEST = 12 * 60 + 180;

function ceilMinute(ms: number): number {
  return Math.ceil(ms / MS_PER_MINUTE);
}

function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

function clampMinute(minute: number): number {
  return minute < 0 ? 0 : minute > MINUTES_PER_DAY ? MINUTES_PER_DAY : minute;
}

/**
 * Union of half-open ranges as disjoint, sorted [starts, ends]. Sorting starts and ends
 * separately is enough for a union and lets typed arrays do the numeric sort.
 */
function unionRanges(starts: Float64Array, ends: Float64Array, count: number): { starts: Float64Array; ends: Float64Array; count: number } {
  const s = starts.subarray(0, count).sort();
  const e = ends.subarray(0, count).sort();
  const outStarts = new Float64Array(count);
  const outEnds = new Float64Array(count);
  let out = 0;
  let i = 0;
  let j = 0;
  let depth = 0;
  while (i < count) {
    const si = s[i] as number;
    const ej = e[j] as number;
    if (si <= ej) {
      if (depth === 0) outStarts[out] = si;
      depth++;
      i++;
    } else {
      depth--;
      if (depth === 0) outEnds[out++] = ej;
      j++;
    }
  }
  if (count > 0) outEnds[out++] = e[count - 1] as number;
  return { starts: outStarts, ends: outEnds, count: out };
}

export function computeSlots(input: ComputeSlotsInput): Slot[] {
  const { service } = input;
  assertPositiveInteger(service.durationMinutes, "durationMinutes");
  assertPositiveInteger(service.slotStepMinutes, "slotStepMinutes");
  const duration = service.durationMinutes;
  const step = service.slotStepMinutes;
  const bufferBefore = service.bufferBeforeMinutes;
  const bufferAfter = service.bufferAfterMinutes;

  // s * 60_000 >= x  <=>  s >= ceil(x / 60_000), and s * 60_000 < y  <=>  s < ceil(y / 60_000).
  const lo = Math.max(ceilMinute(input.window.from), ceilMinute(input.now + service.minimumNoticeMinutes * MS_PER_MINUTE));
  const hi = Math.min(ceilMinute(input.window.to), ceilMinute(input.now + service.bookingHorizonDays * MS_PER_DAY));
  if (!(lo < hi)) return [];

  const allowsInPerson = service.modes.includes("in_person");
  const allowsOnline = service.modes.includes("online");
  const isAllowed = (mode: SlotMode): boolean => (mode === "online" ? allowsOnline : allowsInPerson);

  // Local dates whose intervals can hold a start in [lo, hi), with a day of slack either side.
  const firstDay = Math.floor(lo / MINUTES_PER_DAY) - 2;
  const lastDay = Math.floor((hi - 1) / MINUTES_PER_DAY) + 2;
  const dayCount = lastDay - firstDay + 1;

  const groupIds = new Map<string, number>();
  const groupModes: SlotMode[] = [];
  const groupLocations: (string | null)[] = [];
  const groupOf = (mode: SlotMode, locationId: string | null): number => {
    const key = locationId === null ? mode : `${mode}\u0000${locationId}`;
    let id = groupIds.get(key);
    if (id === undefined) {
      id = groupModes.length;
      groupIds.set(key, id);
      groupModes.push(mode);
      groupLocations.push(locationId);
    }
    return id;
  };

  const zoneIds = new Map<string, number>();
  const zones: ZoneState[] = [];
  const zoneOf = (timeZone: string): number => {
    let id = zoneIds.get(timeZone);
    if (id === undefined) {
      id = zones.length;
      zoneIds.set(timeZone, id);
      zones.push({ timeZone, weekly: [[], [], [], [], [], [], [], []], timeline: null });
    }
    return id;
  };

  for (const rule of input.rules) {
    if (!isAllowed(rule.mode)) continue;
    const start = clampMinute(rule.startMinute);
    const end = clampMinute(rule.endMinute);
    if (start >= end) continue;
    const fromDay = rule.effectiveFrom ? localDateToEpochDay(rule.effectiveFrom) : -Infinity;
    const untilDay = rule.effectiveUntil ? localDateToEpochDay(rule.effectiveUntil) : Infinity;
    if (fromDay > lastDay || untilDay < firstDay || fromDay > untilDay) continue;
    const zone = zones[zoneOf(rule.timeZone)] as ZoneState;
    (zone.weekly[rule.weekday] as DayInterval[]).push({ start, end, group: groupOf(rule.mode, rule.locationId), fromDay, untilDay });
  }

  const isOff = new Uint8Array(dayCount);
  const isReplaced = new Uint8Array(dayCount);
  const overrideIntervals: (OverrideDayInterval[] | undefined)[] = new Array<OverrideDayInterval[] | undefined>(dayCount);
  for (const override of input.overrides) {
    const from = Math.max(localDateToEpochDay(override.startDate), firstDay);
    const until = Math.min(localDateToEpochDay(override.endDate), lastDay);
    if (from > until) continue;
    if (override.kind === "off") {
      isOff.fill(1, from - firstDay, until - firstDay + 1);
      continue;
    }
    if (override.kind === "replace") isReplaced.fill(1, from - firstDay, until - firstDay + 1);
    const intervals: OverrideDayInterval[] = [];
    for (const interval of override.intervals) {
      if (!isAllowed(interval.mode)) continue;
      const start = clampMinute(interval.startMinute);
      const end = clampMinute(interval.endMinute);
      if (start >= end) continue;
      intervals.push({ zone: zoneOf(override.timeZone), start, end, group: groupOf(interval.mode, interval.locationId) });
    }
    if (intervals.length === 0) continue;
    for (let day = from; day <= until; day++) {
      const index = day - firstDay;
      const list = overrideIntervals[index];
      if (list) list.push(...intervals);
      else overrideIntervals[index] = intervals.slice();
    }
  }

  const groupCount = groupModes.length;
  if (groupCount === 0) return [];

  // Per group, the dates its location is closed (null: never); only located groups can close.
  const closedDaysOf: (Uint8Array | null)[] = new Array<Uint8Array | null>(groupCount).fill(null);
  if (input.closures && input.closures.length > 0) {
    const closedByLocation = new Map<string, Uint8Array>();
    for (const closure of input.closures) {
      const from = Math.max(localDateToEpochDay(closure.startDate), firstDay);
      const until = Math.min(localDateToEpochDay(closure.endDate), lastDay);
      if (from > until) continue;
      let days = closedByLocation.get(closure.locationId);
      if (!days) {
        days = new Uint8Array(dayCount);
        closedByLocation.set(closure.locationId, days);
      }
      days.fill(1, from - firstDay, until - firstDay + 1);
    }
    for (let group = 0; group < groupCount; group++) {
      const locationId = groupLocations[group];
      if (locationId !== null && locationId !== undefined) closedDaysOf[group] = closedByLocation.get(locationId) ?? null;
    }
  }
  // Output order is (start, mode, locationId); a group's rank folds the last two into one integer
  // so that a slot's sort key is the single number start * groupCount + rank.
  const rankOfGroup = new Int32Array(groupCount);
  const groupOfRank = Array.from({ length: groupCount }, (_, id) => id).sort((a, b) => {
    const modeA = groupModes[a] as SlotMode;
    const modeB = groupModes[b] as SlotMode;
    if (modeA !== modeB) return modeA < modeB ? -1 : 1;
    const locationA = groupLocations[a] ?? null;
    const locationB = groupLocations[b] ?? null;
    if (locationA === locationB) return 0;
    if (locationA === null) return -1;
    if (locationB === null) return 1;
    return locationA < locationB ? -1 : 1;
  });
  groupOfRank.forEach((id, rank) => {
    rankOfGroup[id] = rank;
  });

  const timelineFrom = firstDay * MINUTES_PER_DAY - MAX_EAST;
  const timelineTo = (lastDay + 1) * MINUTES_PER_DAY + MAX_WEST;
  for (const zone of zones) zone.timeline = createZoneTimeline(zone.timeZone, timelineFrom, timelineTo);

  // Bookings of this service per zone and local date, only when a daily limit exists.
  const maxPerDay = service.maxBookingsPerDay;
  const bookingsPerDay: (Int32Array | null)[] = zones.map(() => null);
  if (maxPerDay !== null) {
    zones.forEach((zone, zoneIndex) => {
      const counts = new Int32Array(dayCount);
      const timeline = zone.timeline as ZoneTimeline;
      for (const booking of input.bookings) {
        if (booking.serviceId !== service.serviceId) continue;
        const index = timeline.localEpochDayOf(Math.floor(booking.startsAt / MS_PER_MINUTE)) - firstDay;
        if (index >= 0 && index < dayCount) counts[index] = (counts[index] as number) + 1;
      }
      bookingsPerDay[zoneIndex] = counts;
    });
  }

  // Blocked ranges, widened to whole minutes (a range ending at :30.5 still blocks :30).
  const busyTotal = input.bookings.length + input.externalBusy.length;
  const busyStarts = new Float64Array(busyTotal);
  const busyEnds = new Float64Array(busyTotal);
  let busyCount = 0;
  for (const booking of input.bookings) {
    const start = Math.floor(booking.startsAt / MS_PER_MINUTE) - booking.bufferBeforeMinutes;
    const end = Math.ceil(booking.endsAt / MS_PER_MINUTE) + booking.bufferAfterMinutes;
    if (start < end) {
      busyStarts[busyCount] = start;
      busyEnds[busyCount++] = end;
    }
  }
  for (const busy of input.externalBusy) {
    const start = Math.floor(busy.startsAt / MS_PER_MINUTE);
    const end = Math.ceil(busy.endsAt / MS_PER_MINUTE);
    if (start < end) {
      busyStarts[busyCount] = start;
      busyEnds[busyCount++] = end;
    }
  }
  const blocked = unionRanges(busyStarts, busyEnds, busyCount);
  const blockedStarts = blocked.starts;
  const blockedEnds = blocked.ends;
  const blockedCount = blocked.count;

  const keys: number[] = [];
  let isSorted = true;
  let lastKey = -Infinity;

  /** Lay out the slots of one merged interval [start, end) of local date `day`. */
  const emit = (timeline: ZoneTimeline, day: number, start: number, end: number, group: number): void => {
    const localStart = day * MINUTES_PER_DAY + start;
    const localEnd = day * MINUTES_PER_DAY + end;
    const realStart = timeline.localBoundaryToUtc(localStart);
    const realEnd = timeline.localBoundaryToUtc(localEnd);
    const lastStart = realEnd - duration;
    if (lastStart < lo || realStart >= hi || lastStart < realStart) return;

    const segment = timeline.segmentIndexAt(realStart);
    const offset = timeline.segmentOffsets[segment] as number;
    // One offset over the whole interval, including its start reading (which, in a gap, would
    // map before the segment even though its boundary lies inside it).
    const isConstant =
      localStart - offset >= (timeline.segmentStarts[segment] as number) && timeline.segmentEnd(segment) >= realEnd;
    // With one offset, start k is exactly realStart + k * step; across a change the real distance
    // differs from the wall-clock one by the shift, so start two hours early and skip forward.
    const firstK = isConstant
      ? Math.max(0, Math.ceil((lo - realStart) / step))
      : Math.max(0, Math.floor((lo - realStart - 120) / step));
    const rank = rankOfGroup[group] as number;
    let blockedIndex = -1;

    for (let local = localStart + firstK * step; local < localEnd; local += step) {
      const slotStart = isConstant ? local - offset : timeline.localMinuteToUtc(local);
      if (slotStart === null) continue;
      if (slotStart > lastStart || slotStart >= hi) break;
      if (slotStart < lo) continue;

      const guardStart = slotStart - bufferBefore;
      const guardEnd = slotStart + duration + bufferAfter;
      if (blockedIndex < 0) {
        // First blocked range that ends after the guard starts; later candidates only move right.
        let a = 0;
        let b = blockedCount;
        while (a < b) {
          const mid = (a + b) >> 1;
          if ((blockedEnds[mid] as number) <= guardStart) a = mid + 1;
          else b = mid;
        }
        blockedIndex = a;
      } else {
        while (blockedIndex < blockedCount && (blockedEnds[blockedIndex] as number) <= guardStart) blockedIndex++;
      }
      if (blockedIndex < blockedCount && (blockedStarts[blockedIndex] as number) < guardEnd) continue;

      const key = slotStart * groupCount + rank;
      if (key < lastKey) isSorted = false;
      lastKey = key;
      keys.push(key);
    }
  };

  // Scratch buffers for one zone-day's intervals, reused to keep the loop allocation-free.
  const scratchStart: number[] = [];
  const scratchEnd: number[] = [];
  const scratchGroup: number[] = [];
  const order: number[] = [];

  for (let zoneIndex = 0; zoneIndex < zones.length; zoneIndex++) {
    const zone = zones[zoneIndex] as ZoneState;
    const timeline = zone.timeline as ZoneTimeline;
    const counts = bookingsPerDay[zoneIndex] ?? null;
    for (let day = firstDay; day <= lastDay; day++) {
      const index = day - firstDay;
      if (isOff[index] === 1) continue;
      if (counts !== null && (counts[index] as number) >= (maxPerDay as number)) continue;

      let n = 0;
      if (isReplaced[index] !== 1) {
        for (const interval of zone.weekly[isoWeekdayOfEpochDay(day)] as DayInterval[]) {
          if (day < interval.fromDay || day > interval.untilDay) continue;
          if (closedDaysOf[interval.group]?.[index] === 1) continue;
          scratchStart[n] = interval.start;
          scratchEnd[n] = interval.end;
          scratchGroup[n++] = interval.group;
        }
      }
      const extra = overrideIntervals[index];
      if (extra) {
        for (const interval of extra) {
          if (interval.zone !== zoneIndex) continue;
          if (closedDaysOf[interval.group]?.[index] === 1) continue;
          scratchStart[n] = interval.start;
          scratchEnd[n] = interval.end;
          scratchGroup[n++] = interval.group;
        }
      }
      if (n === 0) continue;
      if (n === 1) {
        emit(timeline, day, scratchStart[0] as number, scratchEnd[0] as number, scratchGroup[0] as number);
        continue;
      }

      order.length = n;
      for (let i = 0; i < n; i++) order[i] = i;
      const starts = scratchStart;
      const groups = scratchGroup;
      order.sort((a, b) => (groups[a] as number) - (groups[b] as number) || (starts[a] as number) - (starts[b] as number));
      let current = order[0] as number;
      let group = groups[current] as number;
      let mergedStart = starts[current] as number;
      let mergedEnd = scratchEnd[current] as number;
      for (let i = 1; i < n; i++) {
        current = order[i] as number;
        const g = groups[current] as number;
        const s = starts[current] as number;
        const e = scratchEnd[current] as number;
        if (g === group && s <= mergedEnd) {
          if (e > mergedEnd) mergedEnd = e;
          continue;
        }
        emit(timeline, day, mergedStart, mergedEnd, group);
        group = g;
        mergedStart = s;
        mergedEnd = e;
      }
      emit(timeline, day, mergedStart, mergedEnd, group);
    }
  }

  const sortedKeys = isSorted ? keys : Float64Array.from(keys).sort();
  const slots: Slot[] = [];
  let previous = -1;
  for (let i = 0; i < sortedKeys.length; i++) {
    const key = sortedKeys[i] as number;
    if (key === previous) continue;
    previous = key;
    const slotStart = Math.floor(key / groupCount);
    const group = groupOfRank[key - slotStart * groupCount] as number;
    slots.push({
      startsAt: slotStart * MS_PER_MINUTE,
      endsAt: (slotStart + duration) * MS_PER_MINUTE,
      mode: groupModes[group] as SlotMode,
      locationId: groupLocations[group] ?? null,
    });
  }
  return slots;
}
