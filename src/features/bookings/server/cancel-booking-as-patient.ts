import { AppError } from "@/lib/errors/app-error";
import type { Database, DbExecutor } from "@/server/db/client";
import type { PatientBookingDto } from "../types";
import { recordBookingTransition } from "./booking-events";
import {
  findBookingProvider,
  findBookingProviderByManageTokenHash,
  findPatientBooking,
  findUserContact,
  isOwnedBy,
  lockBookingById,
  lockBookingByManageTokenHash,
  updateBooking,
} from "./bookings-repository";
import { assertPatientMayChange, isManageLinkExpired, manageLinkExpiredError } from "./patient-change-guard";
import { inProviderTransaction, type Transaction } from "./provider-transaction";
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
  const providerId = await findPatientBookingProvider(db, access);
  const id = await inProviderTransaction(db, providerId, async (tx) => {
    const booking = await lockPatientBooking(tx, access, now);
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

const notFound = () => new AppError("NOT_FOUND", "We could not find this booking.");

/** The provider whose lock a patient's change needs, read before any row is locked. */
export async function findPatientBookingProvider(db: DbExecutor, access: PatientAccess): Promise<string> {
  const target =
    access.kind === "token" ? await findBookingProviderByManageTokenHash(db, hashToken(access.token)) : await findBookingProvider(db, access.bookingId);
  if (!target) throw notFound();
  return target.providerId;
}

/**
 * The booking a patient may act on, locked; strangers get NOT_FOUND, never FORBIDDEN. Call it
 * inside the provider's transaction (see findPatientBookingProvider). A manage link past its
 * lifetime is refused before anything else, so it reveals not even the booking's status.
 */
export async function lockPatientBooking(tx: Transaction, access: PatientAccess, now: Date) {
  if (access.kind === "token") {
    const booking = await lockBookingByManageTokenHash(tx, hashToken(access.token));
    if (!booking) throw notFound();
    if (isManageLinkExpired(booking, now)) throw manageLinkExpiredError();
    return booking;
  }
  const booking = await lockBookingById(tx, access.bookingId);
  if (!booking) throw notFound();
  const account = await findUserContact(tx, access.userId);
  const verifiedEmail = account?.emailVerified ? account.email : null;
  if (!isOwnedBy(booking, { userId: access.userId, verifiedEmail })) throw notFound();
  return booking;
}
