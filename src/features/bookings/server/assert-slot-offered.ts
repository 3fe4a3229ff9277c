import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import { computeServiceSlots, fromEngineMode } from "@/features/availability/server";
import { slotTakenError } from "./slot-taken";

export interface RequestedSlot {
  providerId: string;
  serviceId: string;
  startsAt: Date;
  mode: "IN_PERSON" | "ONLINE";
  locationId: string | null;
}

/**
 * The requested start must be one the slot engine offers right now; otherwise say why in the
 * patient's terms: too soon (notice), too far (horizon), or no longer free (SLOT_TAKEN with the
 * nearest free times).
 */
export async function assertSlotOffered(
  db: DbExecutor,
  slot: RequestedSlot,
  now: Date,
  options: { excludeBookingId?: string } = {},
) {
  const from = slot.startsAt;
  const { config, slots } = await computeServiceSlots({
    db,
    providerId: slot.providerId,
    serviceId: slot.serviceId,
    from,
    to: new Date(from.getTime() + 60_000),
    now,
    excludeBookingId: options.excludeBookingId,
  });
  const offered = slots.some(
    (s) => s.startsAt === from.getTime() && fromEngineMode(s.mode) === slot.mode && s.locationId === slot.locationId,
  );
  if (offered) return config;

  const { service } = config;
  const fieldErrors = (message: string) => ({ fieldErrors: { startsAt: [message] } });
  if (from.getTime() < now.getTime() + service.minimumNoticeMinutes * 60_000) {
    const hours = Math.round((service.minimumNoticeMinutes / 60) * 10) / 10;
    const message = `This service must be booked at least ${service.minimumNoticeMinutes < 120 ? `${service.minimumNoticeMinutes} minutes` : `${hours} hours`} ahead. Please choose a later time.`;
    throw new AppError("VALIDATION", message, fieldErrors(message));
  }
  if (from.getTime() >= now.getTime() + service.bookingHorizonDays * 86_400_000) {
    const message = `Bookings open ${service.bookingHorizonDays} days ahead. Please choose an earlier date.`;
    throw new AppError("VALIDATION", message, fieldErrors(message));
  }
  throw await slotTakenError(db, { ...slot, around: from, now, excludeBookingId: options.excludeBookingId, lead: "That time is no longer available." });
}
