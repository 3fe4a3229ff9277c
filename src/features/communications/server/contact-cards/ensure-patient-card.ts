import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { BlobClient } from "@/server/integrations/blob/client";
import { isPatientCardKept } from "./card-subjects";
import { findPatientCardSource } from "./contact-cards-repository";
import { storePatientCard, type StoredCard } from "./store-card";

export interface EnsurePatientCardOptions {
  db: Database;
  bookingId: string;
  /** A client of the PRIVATE store: the card is patient data. */
  blob: BlobClient;
  now?: Date;
}

/**
 * Stores the booking's patient card in the private store (replacing it when the patient's details
 * changed) and returns where it is. Its URL is not for anyone to open: hand out patientCardLink.
 * Refused for bookings whose card is not kept (cancelled, declined, ended over 30 days ago).
 */
export async function ensurePatientCard({ db, bookingId, blob, now = new Date() }: EnsurePatientCardOptions): Promise<StoredCard> {
  const source = await findPatientCardSource(db, bookingId);
  if (source === null) throw new AppError("NOT_FOUND", "We could not find this booking.");
  if (!isPatientCardKept(source, now)) {
    throw new AppError("PRECONDITION_FAILED", "This booking is cancelled, declined or long over, so its patient's contact card is not kept.", {
      reason: "CARD_NOT_KEPT",
    });
  }
  return storePatientCard({ db, blob, source });
}
