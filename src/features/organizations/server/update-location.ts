import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { updateLocationInput } from "../location-schemas";
import type { LocationDto } from "../location-types";
import { normalizeOpeningHours } from "../opening-hours";
import { LOCATION_NOT_FOUND } from "./get-location";
import { findLocationOfOrganization, lockOrganizationForLocations, updateLocationRow } from "./location-repository";
import { assertPlaceFreeInOrganization } from "./place-conflict";

export interface UpdateLocationOptions {
  db: Database;
  organizationId: string;
  actorUserId: string;
  input: z.output<typeof updateLocationInput>;
}

/**
 * Edits a location in place: the id stays, so bookings, weekly rules and closures keep pointing
 * at it (the availability trigger of migration 0009 bumps its providers' slot caches when the
 * zone, name, address or coordinates change).
 */
export async function updateLocation({ db, organizationId, actorUserId, input }: UpdateLocationOptions): Promise<LocationDto> {
  const { locationId, ...values } = input;
  return db.transaction(async (tx) => {
    await lockOrganizationForLocations(tx, organizationId);
    const before = await findLocationOfOrganization(tx, organizationId, locationId);
    if (!before) throw new AppError("NOT_FOUND", LOCATION_NOT_FOUND);
    await assertPlaceFreeInOrganization(tx, organizationId, values.googlePlaceId, locationId);
    const location = await updateLocationRow(tx, organizationId, locationId, { ...values, openingHours: normalizeOpeningHours(values.openingHours) });
    if (!location) throw new AppError("NOT_FOUND", LOCATION_NOT_FOUND);
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(location[key]));
    await recordAudit(tx, { actorUserId, action: "location.updated", subjectType: "location", subjectId: locationId, details: { organizationId, fields: changed } });
    return location;
  });
}
