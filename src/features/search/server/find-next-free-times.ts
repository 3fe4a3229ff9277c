import { computeSlots, type BusyBooking, type DateOverride, type ExternalBusyInterval, type LocationClosure, type SlotMode, type WeeklyRule } from "@/features/availability";
import { epochDayToLocalDate, MS_PER_DAY } from "@/lib/time";
import type { DbExecutor } from "@/server/db/client";
import { findBusyOfProviders, findProviderSlotInputs, type ProviderSlotInputs, type SearchBusyRow } from "./search-repository";

export interface NextFreeRequest {
  providerId: string;
  mode: "IN_PERSON" | "ONLINE";
  /** In person: only slots at this location count. */
  locationId: string | null;
}

export interface NextFree {
  startsAt: number;
  endsAt: number;
  serviceId: string;
}

export interface NextFreeTimes {
  inputs: Map<string, ProviderSlotInputs>;
  nextFree: Map<string, NextFree | null>;
}

/**
 * Chunks the window is searched in, in days from its start: most providers are free within a
 * day or two, so the busy time of the whole window is read only for those who are not.
 */
const CHUNK_ENDS_DAYS = [1, 3, 7, 15, 31, 61];

/**
 * How far either side of a chunk busy time must be read: the longest a slot blocks (visit plus
 * buffers), so a booking overlapping a slot's blocked time is seen; and, when a service caps its
 * bookings per day, two days more, so the cap counts every booking of the local dates the chunk
 * touches in any zone.
 */
function busyMarginMs(rows: Iterable<ProviderSlotInputs>): number {
  let longestBlockMinutes = 0;
  let hasDailyCap = false;
  for (const row of rows) {
    for (const service of row.services) {
      longestBlockMinutes = Math.max(longestBlockMinutes, service.bufferBeforeMinutes + service.durationMinutes + service.bufferAfterMinutes);
      if (service.maxBookingsPerDay !== null) hasDailyCap = true;
    }
  }
  // A local day lasts up to 25 hours and may start up to a day before the chunk: two days cover it.
  return (hasDailyCap ? 2 * MS_PER_DAY : 0) + longestBlockMinutes * 60_000;
}

/**
 * The first bookable start, per requested provider, of any matching service in the request's
 * mode (and location) within [from, to), by the slot engine. Reads are batched: one statement
 * for every provider's timetable, then one busy-time statement per chunk of the window for the
 * providers still without a free time; a provider is done at its first free slot.
 *
 * With `enough`, the search stops after the first chunk that leaves at least that many
 * providers with a free time: every provider still pending is free only after all of those (if
 * at all), so the first `enough` by time are exact. Pending providers get no entry in `nextFree`.
 */
export async function findNextFreeTimes(options: {
  db: DbExecutor;
  requests: readonly NextFreeRequest[];
  service?: string;
  from: Date;
  to: Date;
  now: Date;
  enough?: number;
}): Promise<NextFreeTimes> {
  const { db, requests, from, to, now, enough = Infinity } = options;
  const inputs = new Map<string, ProviderSlotInputs>();
  const nextFree = new Map<string, NextFree | null>();
  if (requests.length === 0) return { inputs, nextFree };

  const firstDay = Math.floor(from.getTime() / MS_PER_DAY) - 1;
  const lastDay = Math.floor(to.getTime() / MS_PER_DAY) + 1;
  const rows = await findProviderSlotInputs(db, {
    providerIds: requests.map((r) => r.providerId),
    service: options.service,
    fromDate: epochDayToLocalDate(firstDay),
    toDate: epochDayToLocalDate(lastDay),
  });
  for (const row of rows) inputs.set(row.providerId, row);

  let pending = requests.filter((request) => {
    const row = inputs.get(request.providerId);
    const hasService = row?.services.some((s) => (request.mode === "IN_PERSON" ? s.isInPerson : s.isOnline)) ?? false;
    if (!hasService) nextFree.set(request.providerId, null);
    return hasService;
  });
  const timetables = new Map(pending.map((request) => [request.providerId, timetableFor(inputs.get(request.providerId)!, request)]));

  const margin = busyMarginMs(inputs.values());
  let found = 0;
  let chunkFrom = from.getTime();
  for (const endDay of CHUNK_ENDS_DAYS) {
    if (pending.length === 0 || chunkFrom >= to.getTime()) break;
    if (found >= enough) return { inputs, nextFree };
    const chunkTo = Math.min(to.getTime(), from.getTime() + endDay * MS_PER_DAY);
    const busy = groupBusy(
      await findBusyOfProviders(db, {
        providerIds: pending.map((r) => r.providerId),
        from: new Date(chunkFrom - margin),
        to: new Date(chunkTo + margin),
        now,
      }),
    );
    const stillPending: NextFreeRequest[] = [];
    for (const request of pending) {
      const free = firstFree(inputs.get(request.providerId)!, timetables.get(request.providerId)!, request, busy.get(request.providerId), {
        from: chunkFrom,
        to: chunkTo,
        now: now.getTime(),
      });
      if (free) {
        nextFree.set(request.providerId, free);
        found++;
      } else stillPending.push(request);
    }
    pending = stillPending;
    chunkFrom = chunkTo;
  }
  for (const request of pending) nextFree.set(request.providerId, null);
  return { inputs, nextFree };
}

interface Timetable {
  rules: WeeklyRule[];
  overrides: DateOverride[];
  closures: readonly LocationClosure[];
  mode: SlotMode;
}

/** The engine's rules and overrides for one mode (and, in person, one location). */
function timetableFor(row: ProviderSlotInputs, request: NextFreeRequest): Timetable {
  const isWanted = (interval: { mode: "IN_PERSON" | "ONLINE"; locationId: string | null }) =>
    interval.mode === request.mode && (request.mode === "ONLINE" || interval.locationId === request.locationId);
  const mode: SlotMode = request.mode === "IN_PERSON" ? "in_person" : "online";
  const rules: WeeklyRule[] = row.rules.filter(isWanted).map((rule) => ({
    weekday: rule.weekday as WeeklyRule["weekday"],
    startMinute: rule.startMinute,
    endMinute: rule.endMinute,
    mode,
    locationId: rule.locationId,
    timeZone: rule.timeZone,
    effectiveFrom: rule.effectiveFrom,
    effectiveUntil: rule.effectiveUntil,
  }));
  // An override keeps its effect on the weekly rules (an OFF or REPLACE day) even when none of
  // its own intervals are wanted here; intervals are placed in their own zones, as the booking
  // path does.
  const overrides: DateOverride[] = [];
  for (const override of row.overrides) {
    const kind = override.kind === "OFF" ? "off" : override.kind === "REPLACE" ? "replace" : "extra";
    const base = { startDate: override.startDate, endDate: override.endDate, kind } as const;
    const wanted = override.intervals.filter(isWanted);
    if (wanted.length === 0) {
      if (kind !== "extra") overrides.push({ ...base, timeZone: row.timeZone, intervals: [] });
      continue;
    }
    const byZone = new Map<string, DateOverride["intervals"][number][]>();
    for (const interval of wanted) {
      const list = byZone.get(interval.timeZone) ?? [];
      list.push({ startMinute: interval.startMinute, endMinute: interval.endMinute, mode, locationId: interval.locationId });
      byZone.set(interval.timeZone, list);
    }
    for (const [timeZone, intervals] of byZone) overrides.push({ ...base, timeZone, intervals });
  }
  return { rules, overrides, closures: row.closures, mode };
}

interface ProviderBusy {
  bookings: BusyBooking[];
  external: ExternalBusyInterval[];
}

function groupBusy(rows: readonly SearchBusyRow[]): Map<string, ProviderBusy> {
  const byProvider = new Map<string, ProviderBusy>();
  for (const row of rows) {
    let entry = byProvider.get(row.providerId);
    if (!entry) {
      entry = { bookings: [], external: [] };
      byProvider.set(row.providerId, entry);
    }
    if (row.isBooking) {
      entry.bookings.push({
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        bufferBeforeMinutes: row.bufferBeforeMinutes,
        bufferAfterMinutes: row.bufferAfterMinutes,
        serviceId: row.serviceId ?? "",
      });
    } else {
      entry.external.push({ startsAt: row.startsAt, endsAt: row.endsAt });
    }
  }
  return byProvider;
}

const NO_BUSY: ProviderBusy = { bookings: [], external: [] };

/** The earliest slot of any matching service in [from, to), or null. */
function firstFree(
  row: ProviderSlotInputs,
  timetable: Timetable,
  request: NextFreeRequest,
  busy: ProviderBusy = NO_BUSY,
  window: { from: number; to: number; now: number },
): NextFree | null {
  if (timetable.rules.length === 0 && timetable.overrides.every((o) => o.intervals.length === 0)) return null;
  let best: NextFree | null = null;
  for (const service of row.services) {
    if (timetable.mode === "in_person" ? !service.isInPerson : !service.isOnline) continue;
    const slots = computeSlots({
      rules: timetable.rules,
      overrides: timetable.overrides,
      closures: timetable.closures,
      bookings: busy.bookings,
      externalBusy: busy.external,
      service: {
        serviceId: service.id,
        durationMinutes: service.durationMinutes,
        bufferBeforeMinutes: service.bufferBeforeMinutes,
        bufferAfterMinutes: service.bufferAfterMinutes,
        slotStepMinutes: service.slotStepMinutes,
        minimumNoticeMinutes: service.minimumNoticeMinutes,
        bookingHorizonDays: service.bookingHorizonDays,
        maxBookingsPerDay: service.maxBookingsPerDay,
        modes: [timetable.mode],
      },
      now: window.now,
      window: { from: window.from, to: best ? Math.min(window.to, best.startsAt) : window.to },
    });
    const slot = slots.find((s) => request.mode === "ONLINE" || s.locationId === request.locationId);
    if (slot && (!best || slot.startsAt < best.startsAt)) best = { startsAt: slot.startsAt, endsAt: slot.endsAt, serviceId: service.id };
  }
  return best;
}
