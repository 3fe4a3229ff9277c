import type { Database } from "@/server/db/client";
import { recordAudit } from "@/server/audit/audit-repository";
import type { z } from "zod";
import type { createOverrideInput } from "../schemas";
import { insertOverride } from "./availability-repository";
import { assertLocationsUsable } from "./assert-locations-usable";

export interface AddOverrideOptions {
  db: Database;
  provider: { id: string };
  actorUserId: string;
  input: z.output<typeof createOverrideInput>;
}

/** A day or range off, different hours, or extra hours, on local dates of the provider's zone. */
export async function addOverride({ db, provider, actorUserId, input }: AddOverrideOptions): Promise<{ id: string }> {
  await assertLocationsUsable(db, provider.id, input.intervals, "intervals");
  return db.transaction(async (tx) => {
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
