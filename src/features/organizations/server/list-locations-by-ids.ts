import type { DbExecutor } from "@/server/db/client";
import type { LocationDto } from "../location-types";
import { findLocationsByIds } from "./location-repository";

export interface ListLocationsByIdsOptions {
  db: DbExecutor;
  locationIds: string[];
}

/** Locations by id whatever their organization: for features that have already checked who may use them. */
export function listLocationsByIds({ db, locationIds }: ListLocationsByIdsOptions): Promise<LocationDto[]> {
  return findLocationsByIds(db, locationIds);
}
