import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { BlobClient } from "@/server/integrations/blob/client";
import { PATIENT_SUBJECT_PREFIX, PROVIDER_SUBJECT_PREFIX } from "./card-subjects";
import { deleteStoredCard, findStoredCard, lockCardSubject } from "./contact-cards-repository";
import { assertStoreAccess } from "./store-card";

export interface DeleteContactCardOptions {
  db: Database;
  /** `provider:<providerId>` or `patient:<bookingId>`. */
  subject: string;
  /** A client of the store the subject's card lives in (public for providers, private for patients). */
  blob: BlobClient;
}

/**
 * Deletes the subject's card: the blob first, then the row, so a failure leaves a row to retry
 * from rather than an unlisted blob. Deleting a card that does not exist does nothing.
 * Returns whether there was one.
 */
export async function deleteContactCard({ db, subject, blob }: DeleteContactCardOptions): Promise<boolean> {
  const access = subject.startsWith(PROVIDER_SUBJECT_PREFIX) ? "public" : subject.startsWith(PATIENT_SUBJECT_PREFIX) ? "private" : null;
  if (access === null) {
    throw new AppError("VALIDATION", `subject must be "provider:<id>" or "patient:<bookingId>".`, {
      fieldErrors: { subject: ["Must start with provider: or patient:."] },
    });
  }
  assertStoreAccess(blob, access);
  return db.transaction(async (tx) => {
    await lockCardSubject(tx, subject);
    const existing = await findStoredCard(tx, subject);
    if (existing === null) return false;
    await blob.deleteBlob(existing.url);
    await deleteStoredCard(tx, subject);
    return true;
  });
}
