import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import { listProviderLocations } from "@/features/providers/server";

/** A provider may only offer in-person time at locations of organizations they belong to. */
export async function assertLocationsUsable(
  db: DbExecutor,
  providerId: string,
  items: { locationId: string | null }[],
  fieldPrefix: string,
): Promise<void> {
  const wanted = items.map((item, index) => ({ id: item.locationId, index })).filter((x) => x.id !== null);
  if (wanted.length === 0) return;
  const usable = new Set((await listProviderLocations({ db, providerId })).map((l) => l.id));
  const fieldErrors: Record<string, string[]> = {};
  for (const { id, index } of wanted) {
    if (!usable.has(id!)) {
      fieldErrors[`${fieldPrefix}.${index}.locationId`] = ["Choose one of your practice's locations."];
    }
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("VALIDATION", "Some intervals use a location you do not practise at.", { fieldErrors });
  }
}
