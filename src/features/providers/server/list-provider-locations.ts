import type { DbExecutor } from "@/server/db/client";
import { findProviderLocations, type ProviderLocation } from "./providers-repository";

/** Where a provider may see patients in person: the locations of their active practices. */
export function listProviderLocations({ db, providerId }: { db: DbExecutor; providerId: string }): Promise<ProviderLocation[]> {
  return findProviderLocations(db, providerId);
}
