import type { Database } from "@/server/db/client";
import type { PatientBookingDto } from "../types";
import { checkSlotOffered, chosenSlotRefusal } from "./assert-slot-offered";
import { recordBookingTransition } from "./booking-events";
import { expireStaleHolds, findPatientBooking, updateBooking } from "./bookings-repository";
import { findPatientBookingProvider, lockPatientBooking, type PatientAccess } from "./cancel-booking-as-patient";
import { assertPatientMayChange } from "./patient-change-guard";
import { inProviderTransaction } from "./provider-transaction";
import { isExclusionViolation, slotTakenError } from "./slot-taken";

export interface RescheduleBookingAsPatientOptions {
  db: Database;
  access: PatientAccess;
  target: { startsAt: Date; mode: "IN_PERSON" | "ONLINE"; locationId: string | null };
  now: Date;
}

/**
 * Moves a booking in one UPDATE of its own row, inside the provider's lock after the slot
 * engine has re-read the target time: the exclusion constraint checks the new time against
 * everyone else, and if it is taken the transaction fails and the old time is kept.
 */
export async function rescheduleBookingAsPatient({ db, access, target, now }: RescheduleBookingAsPatientOptions): Promise<PatientBookingDto> {
  const providerId = await findPatientBookingProvider(db, access);
  let context: { providerId: string; serviceId: string; bookingId: string } | null = null;
  try {
    const outcome = await inProviderTransaction(db, providerId, async (tx) => {
      await expireStaleHolds(tx, providerId, now);
      const booking = await lockPatientBooking(tx, access, now);
      context = { providerId: booking.providerId, serviceId: booking.serviceId, bookingId: booking.id };
      await assertPatientMayChange(tx, booking, now, "reschedule");
      const slot = { providerId: booking.providerId, serviceId: booking.serviceId, ...target };
      const check = await checkSlotOffered(tx, slot, now, { excludeBookingId: booking.id });
      if (!check.offered) return { kind: "refused" as const, refused: check, slot, bookingId: booking.id };
      const { service } = check.config;
      const endsAt = new Date(target.startsAt.getTime() + service.durationMinutes * 60_000);
      const updated = await updateBooking(tx, booking.id, {
        startsAt: target.startsAt,
        endsAt,
        mode: target.mode,
        locationId: target.locationId,
        bufferBeforeMinutes: service.bufferBeforeMinutes,
        bufferAfterMinutes: service.bufferAfterMinutes,
        blockedStartsAt: new Date(target.startsAt.getTime() - service.bufferBeforeMinutes * 60_000),
        blockedEndsAt: new Date(endsAt.getTime() + service.bufferAfterMinutes * 60_000),
      });
      await recordBookingTransition(tx, {
        booking: updated,
        type: "booking.rescheduled",
        actor: { userId: access.kind === "account" ? access.userId : booking.patientUserId, role: "PATIENT" },
        from: booking.status,
        previous: { startsAt: booking.startsAt, endsAt: booking.endsAt, mode: booking.mode, locationId: booking.locationId },
      });
      return { kind: "moved" as const, id: updated.id };
    });
    if (outcome.kind === "refused") {
      throw await chosenSlotRefusal(db, outcome.slot, outcome.refused, now, { excludeBookingId: outcome.bookingId });
    }
    return (await findPatientBooking(db, outcome.id, now))!;
  } catch (error) {
    if (isExclusionViolation(error) && context) {
      const { serviceId, bookingId } = context;
      throw await slotTakenError(db, { providerId, serviceId, around: target.startsAt, now, excludeBookingId: bookingId });
    }
    throw error;
  }
}
