import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { PatientBookingDto } from "../types";
import { findBookingIdByManageTokenHash, findPatientBooking } from "./bookings-repository";
import { isManageLinkExpired, manageLinkExpiredError } from "./patient-change-guard";
import { hashToken } from "./tokens";

/**
 * The booking behind a manage link. An unknown token is NOT_FOUND, whatever the reason; so is a
 * link past its lifetime (MANAGE_LINK_DAYS_AFTER_END), with a message saying it expired.
 */
export async function getManagedBooking({ db, token, now }: { db: DbExecutor; token: string; now: Date }): Promise<PatientBookingDto> {
  const id = await findBookingIdByManageTokenHash(db, hashToken(token));
  const booking = id ? await findPatientBooking(db, id, now) : null;
  if (!booking) throw new AppError("NOT_FOUND", "We could not find a booking for this link. Check that you opened the whole link you kept when booking.");
  if (isManageLinkExpired(booking, now)) throw manageLinkExpiredError();
  return booking;
}
