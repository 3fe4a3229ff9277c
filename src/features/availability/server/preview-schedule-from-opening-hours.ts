import type { DbExecutor } from "@/server/db/client";
import type { OpeningHoursPreviewDto } from "../opening-hours-types";
import { planFromOpeningHours } from "./opening-hours-plan";

export interface PreviewScheduleFromOpeningHoursOptions {
  db: DbExecutor;
  provider: { id: string };
  locationId: string;
}

/** What "use this location's opening hours" would replace, before the provider confirms. Writes nothing. */
export async function previewScheduleFromOpeningHours({ db, provider, locationId }: PreviewScheduleFromOpeningHoursOptions): Promise<OpeningHoursPreviewDto> {
  const { location, replaced, seeded, keptCount } = await planFromOpeningHours(db, provider.id, locationId);
  return { location, replaced, seeded, keptCount };
}
