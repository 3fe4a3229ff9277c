import { AppError } from "@/lib/errors/app-error";
import { createZoneTimeline, epochDayToLocalDate, MINUTES_PER_DAY, MS_PER_DAY, MS_PER_MINUTE } from "@/lib/time";
import type { DbExecutor } from "@/server/db/client";
import { computeSlots, type DateOverride, type DateOverrideKind, type Slot, type SlotMode } from "../compute-slots";
import type { BookingMode } from "../schemas";
import { findBusy, findSlotConfig, type SlotConfig } from "./availability-repository";

const toEngineMode = (mode: BookingMode): SlotMode => (mode === "IN_PERSON" ? "in_person" : "online");
export const fromEngineMode = (mode: SlotMode): BookingMode => (mode === "in_person" ? "IN_PERSON" : "ONLINE");

export interface ComputeServiceSlotsOptions {
  db: DbExecutor;
  providerId: string;
  serviceId: string;
  from: Date;
  to: Date;
  now: Date;
  /** A booking being rescheduled does not block its own new time. */
  excludeBookingId?: string;
  /**
   * The instant minimum notice and the horizon are judged from, when not `now`: a live hold
   * keeps the judgement made when it was placed.
   */
  judgedAt?: Date;
  /** The timetable alone (hours, overrides, notice, horizon): bookings, holds and caps ignored. */
  ignoreBusy?: boolean;
  /**
   * Every start in [from, to) whatever the minimum notice and horizon, so that a cached answer
   * can be trimmed to them at the moment it is read (`trimPublicSlots`); busy time is still
   * judged at `now`.
   */
  ignoreNoticeAndHorizon?: boolean;
}

export interface ServiceSlots {
  config: SlotConfig;
  slots: Slot[];
  /** The earliest moment a hold counted as busy expires by itself, when one does. */
  nextHoldExpiry: Date | null;
}

/**
 * Bookable starts of one service of an approved provider in [from, to), in two queries: the
 * configuration, then the busy time. Throws NOT_FOUND for an unknown, inactive or unapproved
 * provider/service pair, so the public cannot probe hidden providers.
 */
export async function computeServiceSlots(options: ComputeServiceSlotsOptions): Promise<ServiceSlots> {
  const { db, providerId, serviceId, from, to, now } = options;
  // Overrides are matched by local date; a day either side covers every zone's dates.
  const firstDay = Math.floor(from.getTime() / MS_PER_DAY) - 1;
  const lastDay = Math.floor(to.getTime() / MS_PER_DAY) + 1;
  const config = await findSlotConfig(db, {
    providerId,
    serviceId,
    fromDate: epochDayToLocalDate(firstDay),
    toDate: epochDayToLocalDate(lastDay),
  });
  if (!config || config.providerStatus !== "APPROVED" || !config.service.isActive) {
    throw new AppError("NOT_FOUND", "This provider or service is not available for booking.");
  }
  const { service } = config;

  const busy = options.ignoreBusy
    ? []
    : await findBusy(db, { providerId, ...busyRange(config, from, to), now, excludeBookingId: options.excludeBookingId });

  const modes: SlotMode[] = [];
  if (service.isInPerson) modes.push("in_person");
  if (service.isOnline) modes.push("online");

  const slots = computeSlots({
    rules: config.rules.map((rule) => ({
      weekday: rule.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7,
      startMinute: rule.startMinute,
      endMinute: rule.endMinute,
      mode: toEngineMode(rule.mode),
      locationId: rule.locationId,
      timeZone: rule.timeZone,
      effectiveFrom: rule.effectiveFrom,
      effectiveUntil: rule.effectiveUntil,
    })),
    overrides: config.overrides.flatMap((override) => toEngineOverrides(override, config.providerTimeZone)),
    closures: config.closures,
    bookings: busy
      .filter((row) => row.kind === "booking")
      .map((row) => ({
        startsAt: row.startsAt.getTime(),
        endsAt: row.endsAt.getTime(),
        bufferBeforeMinutes: row.bufferBeforeMinutes,
        bufferAfterMinutes: row.bufferAfterMinutes,
        serviceId: row.serviceId ?? "",
      })),
    externalBusy: busy
      .filter((row) => row.kind === "external")
      .map((row) => ({ startsAt: row.startsAt.getTime(), endsAt: row.endsAt.getTime() })),
    service: {
      serviceId: service.id,
      durationMinutes: service.durationMinutes,
      bufferBeforeMinutes: service.bufferBeforeMinutes,
      bufferAfterMinutes: service.bufferAfterMinutes,
      slotStepMinutes: service.slotStepMinutes,
      minimumNoticeMinutes: service.minimumNoticeMinutes,
      bookingHorizonDays: service.bookingHorizonDays,
      maxBookingsPerDay: service.maxBookingsPerDay,
      modes,
      ...(options.ignoreNoticeAndHorizon
        ? { minimumNoticeMinutes: 0, bookingHorizonDays: Math.ceil((to.getTime() - from.getTime()) / MS_PER_DAY) + 1 }
        : {}),
    },
    now: options.ignoreNoticeAndHorizon ? from.getTime() : (options.judgedAt ?? now).getTime(),
    window: { from: from.getTime(), to: to.getTime() },
  });
  let nextHoldExpiry: number | null = null;
  for (const row of busy) {
    const expiry = row.holdExpiresAt?.getTime();
    if (expiry !== undefined && (nextHoldExpiry === null || expiry < nextHoldExpiry)) nextHoldExpiry = expiry;
  }
  return { config, slots, nextHoldExpiry: nextHoldExpiry === null ? null : new Date(nextHoldExpiry) };
}

const toEngineKind = (kind: "OFF" | "REPLACE" | "EXTRA"): DateOverrideKind => (kind === "OFF" ? "off" : kind === "REPLACE" ? "replace" : "extra");

/**
 * One engine override per zone of its intervals: in-person hours are wall-clock time at their
 * location, online hours at the provider's zone. Dates still match by label, so a "replace"
 * split across zones replaces the weekly rules once and unites its intervals.
 */
function toEngineOverrides(override: SlotConfig["overrides"][number], providerTimeZone: string): DateOverride[] {
  const base = { startDate: override.startDate, endDate: override.endDate, kind: toEngineKind(override.kind) };
  if (override.intervals.length === 0) return [{ ...base, timeZone: providerTimeZone, intervals: [] }];
  const byZone = new Map<string, DateOverride["intervals"][number][]>();
  for (const interval of override.intervals) {
    const list = byZone.get(interval.timeZone) ?? [];
    list.push({ startMinute: interval.startMinute, endMinute: interval.endMinute, mode: toEngineMode(interval.mode), locationId: interval.locationId });
    byZone.set(interval.timeZone, list);
  }
  return [...byZone].map(([timeZone, intervals]) => ({ ...base, timeZone, intervals }));
}

/**
 * The instants whose bookings can matter to starts in [from, to): those reaching the window
 * with their buffers, and, for the daily limit, every booking on the local dates the window
 * touches in each zone the provider works in. Local dates are measured by their real
 * midnights, so a 25-hour day is loaded whole.
 */
function busyRange(config: SlotConfig, from: Date, to: Date): { from: Date; to: Date } {
  const { service } = config;
  const reach = (service.durationMinutes + service.bufferBeforeMinutes + service.bufferAfterMinutes) * MS_PER_MINUTE;
  let first = from.getTime() - reach;
  let last = to.getTime() + reach;
  if (service.maxBookingsPerDay !== null) {
    const zones = new Set([config.providerTimeZone, ...config.rules.map((r) => r.timeZone)]);
    for (const override of config.overrides) for (const interval of override.intervals) zones.add(interval.timeZone);
    const fromMinute = Math.floor(from.getTime() / MS_PER_MINUTE);
    const toMinute = Math.ceil(to.getTime() / MS_PER_MINUTE);
    for (const zone of zones) {
      const timeline = createZoneTimeline(zone, fromMinute - 2 * MINUTES_PER_DAY, toMinute + 2 * MINUTES_PER_DAY);
      const firstDay = timeline.localEpochDayOf(fromMinute);
      const lastDay = timeline.localEpochDayOf(Math.max(fromMinute, toMinute - 1));
      first = Math.min(first, timeline.localBoundaryToUtc(firstDay * MINUTES_PER_DAY) * MS_PER_MINUTE);
      last = Math.max(last, timeline.localBoundaryToUtc((lastDay + 1) * MINUTES_PER_DAY) * MS_PER_MINUTE);
    }
  }
  return { from: new Date(first), to: new Date(last) };
}
