import type { DbExecutor } from "@/server/db/client";
import type { LocationDto } from "../location-types";
import { findLocationsOfOrganization } from "./location-repository";

export interface ListLocationsOptions {
  db: DbExecutor;
  organizationId: string;
}

/** Every location of the organization, by name (an organization has a handful, not pages of them). */
export function listLocations({ db, organizationId }: ListLocationsOptions): Promise<LocationDto[]> {
  return findLocationsOfOrganization(db, organizationId);
}
