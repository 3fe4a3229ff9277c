import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { UpdateCalendarSettingsInput } from "../schemas";
import type { CalendarSettingsDto } from "../types";
import { saveCalendarSettings } from "./calendar-connection-repository";

export interface UpdateCalendarSettingsOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  settings: UpdateCalendarSettingsInput;
}

/** Saves them for the next sync and the next export; events already in Google are not rewritten. */
export async function updateCalendarSettings({ db, provider, actorUserId, settings }: UpdateCalendarSettingsOptions): Promise<CalendarSettingsDto> {
  return db.transaction(async (tx) => {
    const saved = await saveCalendarSettings(tx, provider.id, settings);
    await recordAudit(tx, { actorUserId, action: "calendar.settings_updated", subjectType: "provider", subjectId: provider.id, details: { ...settings } });
    return { onEventDeleted: saved.onEventDeleted, invitePatient: saved.invitePatient, isDefault: false };
  });
}
