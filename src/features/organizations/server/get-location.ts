import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import type { LocationDto } from "../location-types";
import { findLocationOfOrganization } from "./location-repository";

export interface GetLocationOptions {
  db: DbExecutor;
  organizationId: string;
  locationId: string;
}

export const LOCATION_NOT_FOUND = "Location not found in this organization.";

/** One of the organization's locations; another organization's location is NOT_FOUND like a missing one. */
export async function getLocation({ db, organizationId, locationId }: GetLocationOptions): Promise<LocationDto> {
  const location = await findLocationOfOrganization(db, organizationId, locationId);
  if (!location) throw new AppError("NOT_FOUND", LOCATION_NOT_FOUND);
  return location;
}
