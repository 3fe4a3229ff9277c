import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import { findOrganizationLocation, type ClosureLocation } from "./closure-repository";

/** The organization's location, or NOT_FOUND: another organization's location reveals nothing. */
export async function requireClosureLocation(db: DbExecutor, organizationId: string, locationId: string): Promise<ClosureLocation> {
  const location = await findOrganizationLocation(db, organizationId, locationId);
  if (!location) throw new AppError("NOT_FOUND", "We could not find this location in your organization.");
  return location;
}
