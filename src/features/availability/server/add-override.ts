import type { Database } from "@/server/db/client";
import { recordAudit } from "@/server/audit/audit-repository";
import type { z } from "zod";
import type { createOverrideInput } from "../schemas";
import { insertOverride, lockProviderSchedule } from "./availability-repository";
import { assertLocationsUsable } from "./assert-locations-usable";

export interface AddOverrideOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  input: z.output<typeof createOverrideInput>;
}

/** A day or range off, different hours, or extra hours, on local dates of the provider's zone. */
export async function addOverride({ db, provider, actorUserId, input }: AddOverrideOptions): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    // Checked under the schedule lock that ending a provider's link to an organization takes,
    // so hours cannot be added at its locations just as the link ends.
    await lockProviderSchedule(tx, provider.id);
    await assertLocationsUsable(tx, provider.id, input.intervals, "intervals");
    const id = await insertOverride(tx, provider.id, input);
    await recordAudit(tx, {
      actorUserId,
      action: "availability.override_added",
      subjectType: "provider",
      subjectId: provider.id,
      details: { overrideId: id, kind: input.kind, startDate: input.startDate, endDate: input.endDate },
    });
    return { id };
  });
}
