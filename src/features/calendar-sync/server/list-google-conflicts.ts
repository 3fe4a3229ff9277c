import type { Database } from "@/server/db/client";
import { ACTIONS_FOR_CONFLICT, type GoogleConflictDto } from "../google-edits-types";
import { findConflicts } from "./google-edits-repository";

export interface ListGoogleConflictsOptions {
  db: Database;
  provider: { id: string; timeZone: string };
  now: Date;
}

/**
 * The provider's confirmed bookings, not yet ended, whose Google event they changed in a way
 * MedBookings did not follow (see applyGoogleEdits), oldest first. Few by nature, so not paged.
 */
export async function listGoogleConflicts({ db, provider, now }: ListGoogleConflictsOptions): Promise<GoogleConflictDto[]> {
  const rows = await findConflicts(db, { providerId: provider.id, now });
  return rows.map((row) => ({ ...row, timeZone: provider.timeZone, actions: ACTIONS_FOR_CONFLICT[row.kind] ?? ["cancel"] }));
}
