import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database, DbExecutor } from "@/server/db/client";
import type { MyProviderProfileDto } from "../types";
import { findMyProviderProfile, updateProviderSettings } from "./providers-repository";

export async function getMyProviderProfile({ db, provider }: { db: DbExecutor; provider: { id: string } }): Promise<MyProviderProfileDto> {
  const profile = await findMyProviderProfile(db, provider.id);
  if (!profile) throw new AppError("NOT_FOUND", "We could not find your provider profile.");
  return profile;
}

/** Time zone (for online hours and overrides) and the cancel/reschedule cutoff for patients. */
export async function saveProviderSettings(options: {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  settings: { timeZone: string; cancellationCutoffMinutes: number };
}): Promise<MyProviderProfileDto> {
  return options.db.transaction(async (tx) => {
    await updateProviderSettings(tx, options.provider.id, options.settings);
    await recordAudit(tx, {
      actorUserId: options.actorUserId,
      action: "provider.settings_updated",
      subjectType: "provider",
      subjectId: options.provider.id,
      details: options.settings,
    });
    return (await findMyProviderProfile(tx, options.provider.id))!;
  });
}
