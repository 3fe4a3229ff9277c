/**
 * Time-zone math on top of Intl (no dependency, the ICU data ships with Node and browsers).
 *
 * Units used throughout:
 * - epoch minute: whole minutes since 1970-01-01T00:00Z (a real instant, UTC);
 * - local minute: the wall-clock reading in a zone counted the same way, i.e.
 *   `epochDay * 1440 + minuteOfDay`. `local = epochMinute + offset` where offset is east-positive.
 *
 * Every zone offset in use since the 1970s is a whole number of minutes, so integer minutes are
 * exact for any date the product deals with.
 */
import { epochDayToLocalDate, localDateToEpochDay, MINUTES_PER_DAY, MS_PER_MINUTE } from "./local-date";
import type { LocalDate } from "./local-date";

// Creating an Intl.DateTimeFormat costs tens of microseconds (and tens of kilobytes); formatting
// with one is cheap. Caches are keyed by the zone's canonical name, of which there are a few
// hundred, never by the string a caller sent: "europe/london" and "EUROPE/LONDON" share one entry.
const formatters = new Map<string, Intl.DateTimeFormat>();

// Zone names are case-insensitive (ECMA-402), so spellings are remembered lower-cased: any casing
// of a known zone costs no new entry. Only zones the runtime accepts are remembered, and at most
// MAX_ZONE_SPELLINGS of them (least recently used first out); there are about 600 real names.
const MAX_ZONE_SPELLINGS = 1_000;
const canonicalBySpelling = new Map<string, string>();

/**
 * The runtime's canonical name for a zone ("europe/london" → "Europe/London", "Etc/UTC" →
 * "UTC"). Throws a RangeError for a zone the runtime does not know.
 */
export function canonicalTimeZone(timeZone: string): string {
  const spelling = timeZone.toLowerCase();
  const known = canonicalBySpelling.get(spelling);
  if (known !== undefined) {
    canonicalBySpelling.delete(spelling);
    canonicalBySpelling.set(spelling, known);
    return known;
  }
  const canonical = new Intl.DateTimeFormat("en-US", { timeZone: spelling }).resolvedOptions().timeZone;
  if (canonicalBySpelling.size >= MAX_ZONE_SPELLINGS) {
    canonicalBySpelling.delete(canonicalBySpelling.keys().next().value as string);
  }
  canonicalBySpelling.set(spelling, canonical);
  return canonical;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const canonical = canonicalTimeZone(timeZone);
  let formatter = formatters.get(canonical);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: canonical,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(canonical, formatter);
  }
  return formatter;
}

/** Entries in the time-zone caches, to show they stay bounded whatever callers send. */
export function timeZoneCacheSizes(): { spellings: number; formatters: number; timelines: number } {
  return { spellings: canonicalBySpelling.size, formatters: formatters.size, timelines: memos.size };
}

/** True for any IANA zone name (or alias such as "UTC") the runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== "string" || timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** UTC offset of `timeZone` at the instant `epochMs`, in minutes east of UTC (London summer: 60). */
export function offsetMinutesAt(timeZone: string, epochMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(epochMs);
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of parts) {
    switch (part.type) {
      case "year":
        year = Number(part.value);
        break;
      case "month":
        month = Number(part.value);
        break;
      case "day":
        day = Number(part.value);
        break;
      case "hour":
        // Some ICU versions print midnight as "24" even with h23.
        hour = Number(part.value) % 24;
        break;
      case "minute":
        minute = Number(part.value);
        break;
      case "second":
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const instantMs = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallMs - instantMs) / MS_PER_MINUTE);
}

/** Wall-clock date and minute of day of an instant in `timeZone`. */
export function utcToLocal(timeZone: string, epochMs: number): { date: LocalDate; minute: number } {
  const local = Math.floor(epochMs / MS_PER_MINUTE) + offsetMinutesAt(timeZone, epochMs);
  const epochDay = Math.floor(local / MINUTES_PER_DAY);
  return { date: epochDayToLocalDate(epochDay), minute: local - epochDay * MINUTES_PER_DAY };
}

/**
 * The instant (epoch ms) at which the wall clock in `timeZone` reads `minute` (0..1439) on
 * `date`. A reading that happens twice (autumn fall-back) gives the earlier instant; a reading
 * that never happens (spring-forward gap) gives null.
 */
export function localToUtc(timeZone: string, date: LocalDate, minute: number): number | null {
  const local = localDateToEpochDay(date) * MINUTES_PER_DAY + minute;
  const timeline = createZoneTimeline(timeZone, local - 2 * MINUTES_PER_DAY, local + 2 * MINUTES_PER_DAY);
  const utc = timeline.localMinuteToUtc(local);
  return utc === null ? null : utc * MS_PER_MINUTE;
}

// Offsets sampled once per UTC day at noon, and transitions found between samples, memoised per
// zone so that repeated calls (many providers, several services) stay off Intl. Bounded so a
// long-running server cannot grow it without limit.
const SAMPLE_PHASE = 720;
const MAX_MEMO_ENTRIES = 50_000;

interface ZoneMemo {
  samples: Map<number, number>;
  transitions: Map<number, number>;
}

const memos = new Map<string, ZoneMemo>();

function memoFor(timeZone: string): ZoneMemo {
  const canonical = canonicalTimeZone(timeZone);
  let memo = memos.get(canonical);
  if (!memo || memo.samples.size + memo.transitions.size > MAX_MEMO_ENTRIES) {
    memo = { samples: new Map(), transitions: new Map() };
    memos.set(canonical, memo);
  }
  return memo;
}

function sampleOffset(timeZone: string, memo: ZoneMemo, sampleDay: number): number {
  let offset = memo.samples.get(sampleDay);
  if (offset === undefined) {
    offset = offsetMinutesAt(timeZone, (sampleDay * MINUTES_PER_DAY + SAMPLE_PHASE) * MS_PER_MINUTE);
    memo.samples.set(sampleDay, offset);
  }
  return offset;
}

/** First epoch minute in (noon of sampleDay, noon of sampleDay + 1] whose offset differs from `before`. */
function findTransition(timeZone: string, memo: ZoneMemo, sampleDay: number, before: number): number {
  const known = memo.transitions.get(sampleDay);
  if (known !== undefined) return known;
  let lo = sampleDay * MINUTES_PER_DAY + SAMPLE_PHASE;
  let hi = lo + MINUTES_PER_DAY;
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (offsetMinutesAt(timeZone, mid * MS_PER_MINUTE) === before) lo = mid;
    else hi = mid;
  }
  memo.transitions.set(sampleDay, hi);
  return hi;
}

/**
 * A zone's offsets over a range of instants as constant-offset segments, so that converting
 * between local and UTC minutes is integer arithmetic. Built with one Intl lookup per day (the
 * offset at each UTC noon) plus a binary search only where two neighbouring samples differ.
 *
 * Assumes at most one offset change between two consecutive UTC noons, which holds for every
 * zone's rules in the tz database since 1970. Outside the requested range the nearest
 * segment's offset is assumed.
 */
export class ZoneTimeline {
  readonly timeZone: string;
  /** Epoch minute at which each segment starts; the first is -Infinity. Ascending. */
  readonly segmentStarts: readonly number[];
  /** Offset (minutes east of UTC) in force during each segment. */
  readonly segmentOffsets: readonly number[];

  constructor(timeZone: string, segmentStarts: number[], segmentOffsets: number[]) {
    this.timeZone = timeZone;
    this.segmentStarts = segmentStarts;
    this.segmentOffsets = segmentOffsets;
  }

  get hasTransitions(): boolean {
    return this.segmentStarts.length > 1;
  }

  /** Index of the segment containing `epochMinute`. */
  segmentIndexAt(epochMinute: number): number {
    const starts = this.segmentStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= epochMinute) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Epoch minute at which the segment after `index` starts (Infinity for the last one). */
  segmentEnd(index: number): number {
    return index + 1 < this.segmentStarts.length ? (this.segmentStarts[index + 1] as number) : Infinity;
  }

  offsetAt(epochMinute: number): number {
    return this.segmentOffsets[this.segmentIndexAt(epochMinute)] as number;
  }

  toLocalMinute(epochMinute: number): number {
    return epochMinute + this.offsetAt(epochMinute);
  }

  /** Local epoch day (days since 1970-01-01 on the zone's calendar) of an instant. */
  localEpochDayOf(epochMinute: number): number {
    return Math.floor(this.toLocalMinute(epochMinute) / MINUTES_PER_DAY);
  }

  /** The earliest instant whose wall clock reads `localMinute`, or null inside a gap. */
  localMinuteToUtc(localMinute: number): number | null {
    const starts = this.segmentStarts;
    const offsets = this.segmentOffsets;
    for (let i = 0; i < starts.length; i++) {
      const candidate = localMinute - (offsets[i] as number);
      if (candidate >= (starts[i] as number) && candidate < this.segmentEnd(i)) return candidate;
    }
    return null;
  }

  /**
   * The first instant at which the wall clock reads `localMinute` or later: the earlier
   * occurrence of a repeated reading, and the end of the gap for a skipped one. Used for the
   * edges of availability intervals, so "until 02:30" on a spring-forward night ends when the
   * clock jumps past 02:30.
   */
  localBoundaryToUtc(localMinute: number): number {
    const starts = this.segmentStarts;
    const offsets = this.segmentOffsets;
    const last = starts.length - 1;
    for (let i = 0; i < last; i++) {
      const candidate = Math.max(starts[i] as number, localMinute - (offsets[i] as number));
      if (candidate < (starts[i + 1] as number)) return candidate;
    }
    return Math.max(starts[last] as number, localMinute - (offsets[last] as number));
  }
}

/** Build the timeline of `timeZone` covering the instants [fromEpochMinute, toEpochMinute]. */
export function createZoneTimeline(timeZone: string, fromEpochMinute: number, toEpochMinute: number): ZoneTimeline {
  const memo = memoFor(timeZone);
  const firstSample = Math.floor((fromEpochMinute - SAMPLE_PHASE) / MINUTES_PER_DAY);
  const lastSample = Math.ceil((toEpochMinute - SAMPLE_PHASE) / MINUTES_PER_DAY);
  let previous = sampleOffset(timeZone, memo, firstSample);
  const starts = [-Infinity];
  const offsets = [previous];
  for (let day = firstSample + 1; day <= lastSample; day++) {
    const offset = sampleOffset(timeZone, memo, day);
    if (offset !== previous) {
      starts.push(findTransition(timeZone, memo, day - 1, previous));
      offsets.push(offset);
      previous = offset;
    }
  }
  return new ZoneTimeline(timeZone, starts, offsets);
}
