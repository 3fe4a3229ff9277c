import { AppError } from "@/lib/errors/app-error";
import { epochDayToLocalDate, MS_PER_DAY } from "@/lib/time";
import type { DbExecutor } from "@/server/db/client";
import { computeSlots, type Slot, type SlotMode } from "../compute-slots";
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
}

export interface ServiceSlots {
  config: SlotConfig;
  slots: Slot[];
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

  // Busy time reaching into the window, plus whole local days for the per-day booking limit.
  const margin = MS_PER_DAY + (service.durationMinutes + service.bufferBeforeMinutes + service.bufferAfterMinutes) * 60_000;
  const busy = await findBusy(db, {
    providerId,
    from: new Date(from.getTime() - margin),
    to: new Date(to.getTime() + margin),
    now,
    excludeBookingId: options.excludeBookingId,
  });

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
    overrides: config.overrides.map((override) => ({
      startDate: override.startDate,
      endDate: override.endDate,
      kind: override.kind === "OFF" ? "off" : override.kind === "REPLACE" ? "replace" : "extra",
      timeZone: config.providerTimeZone,
      intervals: override.intervals.map((interval) => ({
        startMinute: interval.startMinute,
        endMinute: interval.endMinute,
        mode: toEngineMode(interval.mode),
        locationId: interval.locationId,
      })),
    })),
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
    },
    now: now.getTime(),
    window: { from: from.getTime(), to: to.getTime() },
  });
  return { config, slots };
}
