import { and, eq, gt, lt } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { externalBusyIntervals } from "@/server/db/schema";

/** Whether busy time imported from the provider's other calendars overlaps [from, to). */
export async function hasExternalBusy(db: DbExecutor, input: { providerId: string; from: Date; to: Date }): Promise<boolean> {
  const [row] = await db
    .select({ id: externalBusyIntervals.id })
    .from(externalBusyIntervals)
    .where(and(eq(externalBusyIntervals.providerId, input.providerId), lt(externalBusyIntervals.startsAt, input.to), gt(externalBusyIntervals.endsAt, input.from)))
    .limit(1);
  return row !== undefined;
}
