import type { z } from "zod";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { createLocationInput } from "../location-schemas";
import type { LocationDto } from "../location-types";
import { normalizeOpeningHours } from "../opening-hours";
import { insertLocation, lockOrganizationForLocations } from "./location-repository";
import { assertPlaceFreeInOrganization } from "./place-conflict";

export interface CreateLocationOptions {
  db: Database;
  organizationId: string;
  actorUserId: string;
  input: z.output<typeof createLocationInput>;
}

export async function createLocation({ db, organizationId, actorUserId, input }: CreateLocationOptions): Promise<LocationDto> {
  return db.transaction(async (tx) => {
    await lockOrganizationForLocations(tx, organizationId);
    await assertPlaceFreeInOrganization(tx, organizationId, input.googlePlaceId);
    const location = await insertLocation(tx, organizationId, { ...input, openingHours: normalizeOpeningHours(input.openingHours) });
    await recordAudit(tx, {
      actorUserId,
      action: "location.created",
      subjectType: "location",
      subjectId: location.id,
      details: { organizationId, googlePlaceId: location.googlePlaceId, timeZone: location.timeZone },
    });
    return location;
  });
}
