import { AppError, isAppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { BlobClient, PrivateBlob } from "@/server/integrations/blob/client";
import { isPatientCardKept, patientSubject } from "./card-subjects";
import { deleteStoredCard, findPatientCardSource } from "./contact-cards-repository";
import { checkPatientCardLink } from "./patient-card-link";
import { assertStoreAccess, storePatientCard } from "./store-card";

export interface CardViewer {
  userId: string;
  role: "USER" | "ADMIN";
}

export interface OpenPatientCardOptions {
  db: Database;
  /** A client of the PRIVATE store. */
  blob: BlobClient;
  bookingId: string;
  /** The link's query values as received. */
  expires: string | null;
  sig: string | null;
  /** The signed-in user, or null. */
  viewer: CardViewer | null;
  now: Date;
}

export interface OpenedPatientCard {
  body: PrivateBlob["body"];
  size: number;
  /** Names the booking, not the patient: the download's name is seen by whatever handles it. */
  filename: string;
}

// The same answer for "no such booking", "not your booking" and "no card kept", so the route
// never tells a stranger whether a booking exists.
const notFound = () => new AppError("NOT_FOUND", "We could not find this contact card.");

/**
 * The patient's card for a valid, unexpired link opened by the booking's provider (or a platform
 * admin), stored afresh first if the patient's details changed. FORBIDDEN for a bad or expired
 * link, UNAUTHORIZED without a session, NOT_FOUND otherwise.
 */
export async function openPatientCard(options: OpenPatientCardOptions): Promise<OpenedPatientCard> {
  const { db, blob, bookingId, viewer, now } = options;
  assertStoreAccess(blob, "private");
  const link = checkPatientCardLink({ bookingId, expires: options.expires, sig: options.sig, now });
  if (link === "invalid") throw new AppError("FORBIDDEN", "This contact card link is not valid. Open the card again from the booking.");
  if (link === "expired") throw new AppError("FORBIDDEN", "This contact card link has expired. Open the card again from the booking.");
  if (viewer === null) throw new AppError("UNAUTHORIZED", "Sign in as the booking's provider to download this contact card.");

  const source = await findPatientCardSource(db, bookingId);
  if (source === null || (viewer.role !== "ADMIN" && source.providerUserId !== viewer.userId)) throw notFound();
  if (!isPatientCardKept(source, now) || source.patient === null) throw notFound();

  let stored = await storePatientCard({ db, blob, source });
  let file: PrivateBlob;
  try {
    file = await blob.getPrivateBlob(stored.pathname);
  } catch (error) {
    if (!isAppError(error) || error.code !== "NOT_FOUND") throw error;
    // The row outlived its blob (deleted by hand, or a store restored from backup): store it again.
    await deleteStoredCard(db, patientSubject(bookingId));
    stored = await storePatientCard({ db, blob, source });
    file = await blob.getPrivateBlob(stored.pathname);
  }
  return { body: file.body, size: file.size, filename: `medbookings-patient-${bookingId.slice(0, 8)}.vcf` };
}
