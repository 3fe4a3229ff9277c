import type { Database } from "@/server/db/client";
import type { BlobClient } from "@/server/integrations/blob/client";
import { CARD_FOLDER } from "./card-subjects";
import { findReferencedPathnames } from "./contact-cards-repository";

/** Younger blobs may belong to a card being stored right now, whose row is not committed yet. */
export const ORPHAN_GRACE_MINUTES = 60;

export interface SweepOrphanedContactCardsOptions {
  db: Database;
  /** The store to sweep (run it for each). */
  blob: BlobClient;
  now: Date;
}

/**
 * Deletes card blobs no row points at: replaced cards whose deletion failed, uploads whose
 * transaction rolled back. Returns how many were deleted.
 */
export async function sweepOrphanedContactCards({ db, blob, now }: SweepOrphanedContactCardsOptions): Promise<number> {
  const uploadedBefore = now.getTime() - ORPHAN_GRACE_MINUTES * 60_000;
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await blob.listBlobs({ prefix: CARD_FOLDER, ...(cursor !== undefined ? { cursor } : {}) });
    const referenced = await findReferencedPathnames(db, blob.access, page.blobs.map((listed) => listed.pathname));
    const orphans = page.blobs.filter((listed) => !referenced.has(listed.pathname) && listed.uploadedAt.getTime() < uploadedBefore);
    if (orphans.length > 0) await blob.deleteBlob(orphans.map((orphan) => orphan.url));
    deleted += orphans.length;
    cursor = page.hasMore ? page.cursor : undefined;
  } while (cursor !== undefined);
  return deleted;
}
