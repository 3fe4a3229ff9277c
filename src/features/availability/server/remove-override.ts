import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import { recordAudit } from "@/server/audit/audit-repository";
import { deleteOverride } from "./availability-repository";

export interface RemoveOverrideOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  overrideId: string;
}

export async function removeOverride({ db, provider, actorUserId, overrideId }: RemoveOverrideOptions): Promise<void> {
  await db.transaction(async (tx) => {
    // Scoped to the provider: another provider's override is simply not found.
    if (!(await deleteOverride(tx, provider.id, overrideId))) {
      throw new AppError("NOT_FOUND", "That override does not exist.");
    }
    await recordAudit(tx, {
      actorUserId,
      action: "availability.override_removed",
      subjectType: "provider",
      subjectId: provider.id,
      details: { overrideId },
    });
  });
}
