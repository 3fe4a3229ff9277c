import type { Database } from "@/server/db/client";
import type { BlobClient } from "@/server/integrations/blob/client";
import { PATIENT_CARD_DAYS_AFTER_END } from "./card-subjects";
import { findExpiredPatientCardSubjects } from "./contact-cards-repository";
import { deleteContactCard } from "./delete-contact-card";
import { sweepOrphanedContactCards } from "./sweep-orphaned-contact-cards";

export interface PurgeContactCardsOptions {
  db: Database;
  /** A client of the PRIVATE store, where patients' cards live. */
  blob: BlobClient;
  now: Date;
}

export interface PurgeContactCardsResult {
  /** Patient cards of cancelled, declined or long-finished bookings. */
  deletedCards: number;
  /** Blobs in the private store's card folder that no row pointed at. */
  deletedOrphans: number;
}

/**
 * The periodic clean-up: deletes patients' cards once their booking was cancelled or declined, or
 * ended more than 30 days ago, then any card blob left without a row. Safe to run at any time
 * and to repeat.
 */
export async function purgeContactCards({ db, blob, now }: PurgeContactCardsOptions): Promise<PurgeContactCardsResult> {
  const endedBefore = new Date(now.getTime() - PATIENT_CARD_DAYS_AFTER_END * 24 * 60 * 60_000);
  let deletedCards = 0;
  for (const subject of await findExpiredPatientCardSubjects(db, endedBefore)) {
    if (await deleteContactCard({ db, subject, blob })) deletedCards += 1;
  }
  const deletedOrphans = await sweepOrphanedContactCards({ db, blob, now });
  return { deletedCards, deletedOrphans };
}
