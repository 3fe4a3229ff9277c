import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { BlobClient, StoredBlob } from "@/server/integrations/blob/client";
import { buildPatientVCard } from "./build-patient-vcard";
import { CARD_FOLDER, patientSubject, VCARD_CONTENT_TYPE } from "./card-subjects";
import { findStoredCard, lockCardSubject, saveStoredCard, type CardAccess, type PatientCardSource } from "./contact-cards-repository";

export interface StoreCardInput {
  db: Database;
  blob: BlobClient;
  subject: string;
  access: CardAccess;
  /** Without the random suffix the store adds. Never patient data: pathnames show up in URLs and listings. */
  pathname: string;
  text: string;
}

export interface StoredCard {
  url: string;
  pathname: string;
  /** False when the stored card already had this content. */
  uploaded: boolean;
}

/** Refuses a client of the other kind of store: a patient's card in the public store would be readable by anyone. */
export function assertStoreAccess(blob: BlobClient, access: CardAccess, field = "blob"): void {
  if (blob.access !== access) {
    throw new AppError("VALIDATION", `${field} must be a client of the ${access} Blob store; it is a ${blob.access} one.`, {
      fieldErrors: { [field]: [`Must be the ${access} store.`] },
    });
  }
}

async function deleteQuietly(blob: BlobClient, url: string): Promise<void> {
  // A blob left behind here has no row pointing at it; sweepOrphanedContactCards removes it later.
  await blob.deleteBlob(url).catch(() => undefined);
}

/**
 * Stores `text` as the subject's card unless the stored one has the same content. A changed card
 * goes to a new (random-suffixed) name and the old blob is deleted only once the row points at the
 * new one, so a reader never holds a URL to nothing.
 */
export async function storeCard(input: StoreCardInput): Promise<StoredCard> {
  const { db, blob, subject, access, pathname, text } = input;
  assertStoreAccess(blob, access);
  const contentHash = createHash("sha256").update(text, "utf8").digest("hex");
  // The common case, a card that did not change, in one read without the lock (every WhatsApp
  // confirmation asks for the practice's card). A change is made under the lock below.
  const stored = await findStoredCard(db, subject);
  if (stored !== null && stored.contentHash === contentHash && stored.access === access) {
    return { url: stored.url, pathname: stored.pathname, uploaded: false };
  }

  let uploaded: StoredBlob | undefined;
  let replaced: string | undefined;
  let current: { url: string; pathname: string };
  try {
    current = await db.transaction(async (tx) => {
      await lockCardSubject(tx, subject);
      const existing = await findStoredCard(tx, subject);
      if (existing !== null && existing.contentHash === contentHash) return existing;
      uploaded = await blob.putBlob({ pathname, body: Buffer.from(text, "utf8"), contentType: VCARD_CONTENT_TYPE, addRandomSuffix: true });
      await saveStoredCard(tx, { subject, access, url: uploaded.url, pathname: uploaded.pathname, contentHash });
      replaced = existing?.url;
      return uploaded;
    });
  } catch (error) {
    if (uploaded !== undefined) await deleteQuietly(blob, uploaded.url);
    throw error;
  }
  if (replaced !== undefined) await deleteQuietly(blob, replaced);
  return { url: current.url, pathname: current.pathname, uploaded: uploaded !== undefined };
}

/** Stores the card of a booking whose source is already loaded (openPatientCard has it). */
export async function storePatientCard(options: { db: Database; blob: BlobClient; source: PatientCardSource }): Promise<StoredCard> {
  const { db, blob, source } = options;
  if (source.patient === null) {
    throw new AppError("PRECONDITION_FAILED", "This booking has no patient yet, so there is no contact card.", { reason: "NO_PATIENT" });
  }
  return storeCard({
    db,
    blob,
    subject: patientSubject(source.bookingId),
    access: "private",
    // The booking id, never the patient's name: pathnames appear in listings and logs.
    pathname: `${CARD_FOLDER}patients/${source.bookingId}.vcf`,
    text: buildPatientVCard({ patient: source.patient }),
  });
}
