import { AppError } from "@/lib/errors/app-error";
import { MS_PER_DAY } from "@/lib/time";
import type { DbExecutor } from "@/server/db/client";
import { computeServiceSlots, fromEngineMode } from "@/features/availability/server";
import type { SlotAlternative } from "../types";

const ALTERNATIVES = 6;

/** PostgreSQL's exclusion_violation: another hold or booking took an overlapping time. */
export function isExclusionViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23P01" || e?.cause?.code === "23P01";
}

/** Fresh bookable times nearest to the one that was lost, read after the losing transaction. */
export async function nearbyAlternatives(
  db: DbExecutor,
  input: { providerId: string; serviceId: string; around: Date; now: Date; excludeBookingId?: string },
): Promise<SlotAlternative[]> {
  const { slots } = await computeServiceSlots({
    db,
    providerId: input.providerId,
    serviceId: input.serviceId,
    from: new Date(Math.max(input.now.getTime(), input.around.getTime() - MS_PER_DAY)),
    to: new Date(input.around.getTime() + 3 * MS_PER_DAY),
    now: input.now,
    excludeBookingId: input.excludeBookingId,
  });
  const target = input.around.getTime();
  return slots
    .filter((slot) => slot.startsAt !== target)
    .sort((a, b) => Math.abs(a.startsAt - target) - Math.abs(b.startsAt - target) || a.startsAt - b.startsAt)
    .slice(0, ALTERNATIVES)
    .sort((a, b) => a.startsAt - b.startsAt)
    .map((slot) => ({ startsAt: new Date(slot.startsAt), endsAt: new Date(slot.endsAt), mode: fromEngineMode(slot.mode), locationId: slot.locationId }));
}

export async function slotTakenError(
  db: DbExecutor,
  input: { providerId: string; serviceId: string; around: Date; now: Date; excludeBookingId?: string; lead?: string },
): Promise<AppError> {
  const alternatives = await nearbyAlternatives(db, input);
  const lead = input.lead ?? "Sorry, someone else just took that time.";
  return new AppError(
    "SLOT_TAKEN",
    alternatives.length > 0 ? `${lead} Here are the nearest free times.` : `${lead} There is no other free time nearby.`,
    { alternatives },
  );
}
