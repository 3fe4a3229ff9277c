import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { PatientBookingDto } from "../types";
import { recordBookingTransition } from "./booking-events";
import {
  findPatientBooking,
  findUserContact,
  isOwnedBy,
  lockBookingById,
  lockBookingByManageTokenHash,
  updateBooking,
} from "./bookings-repository";
import { assertPatientMayChange } from "./patient-change-guard";
import { hashToken } from "./tokens";

export type PatientAccess = { kind: "token"; token: string } | { kind: "account"; userId: string; bookingId: string };

export interface CancelBookingAsPatientOptions {
  db: Database;
  access: PatientAccess;
  reason: string;
  now: Date;
}

/** Cancels through the manage link or from "My bookings"; the time is freed at once. */
export async function cancelBookingAsPatient({ db, access, reason, now }: CancelBookingAsPatientOptions): Promise<PatientBookingDto> {
  const id = await db.transaction(async (tx) => {
    const booking = await lockPatientBooking(tx, access);
    await assertPatientMayChange(tx, booking, now, "cancel");
    const updated = await updateBooking(tx, booking.id, {
      status: "CANCELLED",
      cancelledAt: now,
      cancelledBy: "PATIENT",
      cancellationReason: reason || null,
    });
    await recordBookingTransition(tx, {
      booking: updated,
      type: "booking.cancelled",
      actor: { userId: access.kind === "account" ? access.userId : booking.patientUserId, role: "PATIENT" },
      from: booking.status,
      reason,
    });
    return updated.id;
  });
  return (await findPatientBooking(db, id, now))!;
}

/** The booking a patient may act on, locked; strangers get NOT_FOUND, never FORBIDDEN. */
export async function lockPatientBooking(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], access: PatientAccess) {
  const notFound = () => new AppError("NOT_FOUND", "We could not find this booking.");
  if (access.kind === "token") {
    const booking = await lockBookingByManageTokenHash(tx, hashToken(access.token));
    if (!booking) throw notFound();
    return booking;
  }
  const booking = await lockBookingById(tx, access.bookingId);
  if (!booking) throw notFound();
  const account = await findUserContact(tx, access.userId);
  const verifiedEmail = account?.emailVerified ? account.email : null;
  if (!isOwnedBy(booking, { userId: access.userId, verifiedEmail })) throw notFound();
  return booking;
}
