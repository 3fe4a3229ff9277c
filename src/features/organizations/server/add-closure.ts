import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { z } from "zod";
import type { addClosureInput } from "../closure-schemas";
import type { ClosureChangeDto } from "../closure-types";
import { countCoveredBookings, insertManualClosure } from "./closure-repository";
import { requireClosureLocation } from "./require-closure-location";

export interface AddClosureOptions {
  db: Database;
  organizationId: string;
  actorUserId: string;
  input: z.output<typeof addClosureInput>;
  now: Date;
}

/** Closes a location on a range of its local dates (works, a training day); returns it with the bookings it covers. */
export async function addClosure({ db, organizationId, actorUserId, input, now }: AddClosureOptions): Promise<ClosureChangeDto> {
  const location = await requireClosureLocation(db, organizationId, input.locationId);
  return db.transaction(async (tx) => {
    const id = await insertManualClosure(tx, { locationId: location.id, startDate: input.startDate, endDate: input.endDate, name: input.name, decidedByUserId: actorUserId });
    await recordAudit(tx, {
      actorUserId,
      action: "organization.closure_added",
      subjectType: "location",
      subjectId: location.id,
      details: { closureId: id, startDate: input.startDate, endDate: input.endDate },
    });
    const coveredBookingCount = await countCoveredBookings(tx, { locationId: location.id, timeZone: location.timeZone, startDate: input.startDate, endDate: input.endDate, now });
    return {
      closures: [
        {
          id,
          locationId: location.id,
          locationName: location.name,
          timeZone: location.timeZone,
          startDate: input.startDate,
          endDate: input.endDate,
          name: input.name,
          source: "MANUAL" as const,
          accepted: true,
          coveredBookingCount,
        },
      ],
    };
  });
}
