import type { DbExecutor } from "@/server/db/client";
import type { OpeningHoursLocationDto } from "../opening-hours-types";
import { usableLocationsWithHours } from "./opening-hours-plan";

export interface ListOpeningHoursLocationsOptions {
  db: DbExecutor;
  provider: { id: string };
}

/** The provider's usable locations that have opening hours to seed a schedule from. */
export async function listOpeningHoursLocations({ db, provider }: ListOpeningHoursLocationsOptions): Promise<OpeningHoursLocationDto[]> {
  return (await usableLocationsWithHours(db, provider.id)).filter((location) => location.openingHours.length > 0);
}
