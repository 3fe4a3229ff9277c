import type { Database } from "@/server/db/client";
import type { PatientBookingDto } from "../types";
import { assertSlotOffered } from "./assert-slot-offered";
import { recordBookingTransition } from "./booking-events";
import { expireStaleHolds, findPatientBooking, lockProviderTime, updateBooking } from "./bookings-repository";
import { lockPatientBooking, type PatientAccess } from "./cancel-booking-as-patient";
import { assertPatientMayChange } from "./patient-change-guard";
import { isExclusionViolation, slotTakenError } from "./slot-taken";

export interface RescheduleBookingAsPatientOptions {
  db: Database;
  access: PatientAccess;
  target: { startsAt: Date; mode: "IN_PERSON" | "ONLINE"; locationId: string | null };
  now: Date;
}

/**
 * Moves a booking in one UPDATE of its own row: the exclusion constraint checks the new time
 * against everyone else, and if it is taken the transaction fails and the old time is kept.
 */
export async function rescheduleBookingAsPatient({ db, access, target, now }: RescheduleBookingAsPatientOptions): Promise<PatientBookingDto> {
  let context: { providerId: string; serviceId: string; bookingId: string } | null = null;
  try {
    const id = await db.transaction(async (tx) => {
      const booking = await lockPatientBooking(tx, access);
      context = { providerId: booking.providerId, serviceId: booking.serviceId, bookingId: booking.id };
      await assertPatientMayChange(tx, booking, now, "reschedule");
      const config = await assertSlotOffered(
        tx,
        { providerId: booking.providerId, serviceId: booking.serviceId, ...target },
        now,
        { excludeBookingId: booking.id },
      );
      const { service } = config;
      const endsAt = new Date(target.startsAt.getTime() + service.durationMinutes * 60_000);
      await lockProviderTime(tx, booking.providerId);
      await expireStaleHolds(tx, booking.providerId, now);
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
      return updated.id;
    });
    return (await findPatientBooking(db, id, now))!;
  } catch (error) {
    if (isExclusionViolation(error) && context) {
      const { providerId, serviceId, bookingId } = context;
      throw await slotTakenError(db, { providerId, serviceId, around: target.startsAt, now, excludeBookingId: bookingId });
    }
    throw error;
  }
}
