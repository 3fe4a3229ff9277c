import type { DbExecutor } from "@/server/db/client";
import type { CalendarSettingsDto } from "../types";
import { findCalendarSettings } from "./calendar-connection-repository";

export interface GetCalendarSettingsOptions {
  db: DbExecutor;
  provider: { id: string };
}

/** How Google-side deletions and exported events are handled; the column defaults (flag, no invitation) until saved. */
export async function getCalendarSettings({ db, provider }: GetCalendarSettingsOptions): Promise<CalendarSettingsDto> {
  const saved = await findCalendarSettings(db, provider.id);
  return { onEventDeleted: saved?.onEventDeleted ?? "FLAG", invitePatient: saved?.invitePatient ?? false, isDefault: saved === null };
}
