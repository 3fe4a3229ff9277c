import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import { computeServiceSlots, fromEngineMode, type ServiceSlots } from "@/features/availability/server";
import { nearbyAlternatives } from "./slot-taken";

export interface RequestedSlot {
  providerId: string;
  serviceId: string;
  startsAt: Date;
  mode: "IN_PERSON" | "ONLINE";
  locationId: string | null;
}

export type SlotConfig = ServiceSlots["config"];

/** Why a start is not offered, in the order the patient would want to hear it. */
export type SlotRefusal = "past" | "notice" | "horizon" | "unavailable";

export type SlotCheck = { offered: true; config: SlotConfig } | { offered: false; reason: SlotRefusal; config: SlotConfig };

/**
 * Whether the slot engine offers this start right now — hours, overrides, buffers, other
 * bookings and holds, the daily limit, notice and horizon — for an approved provider's active
 * service (NOT_FOUND otherwise). Call it inside the provider's lock so the answer still holds
 * when the write happens. `judgedAt` moves only the notice and horizon judgement (a live hold
 * keeps the one made when it was placed); a start in the past is never offered.
 */
export async function checkSlotOffered(
  db: DbExecutor,
  slot: RequestedSlot,
  now: Date,
  options: { excludeBookingId?: string; judgedAt?: Date } = {},
): Promise<SlotCheck> {
  const from = slot.startsAt;
  const judgedAt = options.judgedAt ?? now;
  const { config, slots } = await computeServiceSlots({
    db,
    providerId: slot.providerId,
    serviceId: slot.serviceId,
    from,
    to: new Date(from.getTime() + 60_000),
    now,
    judgedAt,
    excludeBookingId: options.excludeBookingId,
  });
  const { service } = config;
  if (from.getTime() <= now.getTime()) return { offered: false, reason: "past", config };
  const offered = slots.some(
    (s) => s.startsAt === from.getTime() && fromEngineMode(s.mode) === slot.mode && s.locationId === slot.locationId,
  );
  if (offered) return { offered: true, config };
  if (from.getTime() < judgedAt.getTime() + service.minimumNoticeMinutes * 60_000) return { offered: false, reason: "notice", config };
  if (from.getTime() >= judgedAt.getTime() + service.bookingHorizonDays * 86_400_000) return { offered: false, reason: "horizon", config };
  return { offered: false, reason: "unavailable", config };
}

function noticeText(minutes: number): string {
  return minutes < 120 ? `${minutes} minutes` : `${Math.round((minutes / 60) * 10) / 10} hours`;
}

/** Whether the start is on the provider's timetable at all, whatever is booked. */
async function isOnTimetable(db: DbExecutor, slot: RequestedSlot, now: Date): Promise<boolean> {
  const { slots } = await computeServiceSlots({
    db,
    providerId: slot.providerId,
    serviceId: slot.serviceId,
    from: slot.startsAt,
    to: new Date(slot.startsAt.getTime() + 60_000),
    now,
    ignoreBusy: true,
  });
  return slots.some((s) => fromEngineMode(s.mode) === slot.mode && s.locationId === slot.locationId);
}

/**
 * The refusal for a start the patient chose (hold, reschedule), in their terms: too soon, too
 * far, not a bookable time at all (a field error, with the nearest bookable times), or no
 * longer free (SLOT_TAKEN with the nearest free times). Built after the transaction, outside
 * the provider's lock.
 */
export async function chosenSlotRefusal(
  db: DbExecutor,
  slot: RequestedSlot,
  check: Extract<SlotCheck, { offered: false }>,
  now: Date,
  options: { excludeBookingId?: string } = {},
): Promise<AppError> {
  const { service } = check.config;
  const fieldError = (message: string, details: Record<string, unknown> = {}) =>
    new AppError("VALIDATION", message, { ...details, fieldErrors: { startsAt: [message] } });
  if (check.reason === "past" || check.reason === "notice") {
    return fieldError(`This service must be booked at least ${noticeText(service.minimumNoticeMinutes)} ahead. Please choose a later time.`);
  }
  if (check.reason === "horizon") {
    return fieldError(`Bookings open ${service.bookingHorizonDays} days ahead. Please choose an earlier date.`);
  }
  const alternatives = await nearbyAlternatives(db, { ...slot, around: slot.startsAt, now, excludeBookingId: options.excludeBookingId });
  const nearest = alternatives.length > 0 ? " Here are the nearest free times." : " There is no other free time nearby.";
  if (!(await isOnTimetable(db, slot, now))) {
    return fieldError(`That is not a bookable time: this provider offers this service at set times within their hours.${nearest}`, { alternatives });
  }
  return new AppError("SLOT_TAKEN", `That time is no longer available.${nearest}`, { alternatives });
}
