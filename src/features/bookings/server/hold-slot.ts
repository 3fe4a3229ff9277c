import type { Database } from "@/server/db/client";
import type { z } from "zod";
import type { holdSlotInput } from "../schemas";
import type { HoldDto } from "../types";
import { assertSlotOffered } from "./assert-slot-offered";
import { expireStaleHolds, insertBooking, lockProviderTime } from "./bookings-repository";
import { isExclusionViolation, slotTakenError } from "./slot-taken";
import { hashToken, newSecretToken } from "./tokens";

/** How long a chosen slot stays reserved while the patient fills in the form. */
export const HOLD_MINUTES = 10;

export interface HoldSlotOptions {
  db: Database;
  input: z.output<typeof holdSlotInput>;
  now: Date;
}

/**
 * Reserves a slot for a few minutes. The slot engine says whether the time is offered; the
 * exclusion constraint decides races: of concurrent holds on overlapping time, exactly one
 * insert succeeds and the others get SLOT_TAKEN with fresh alternatives.
 */
export async function holdSlot({ db, input, now }: HoldSlotOptions): Promise<HoldDto> {
  const config = await assertSlotOffered(db, input, now);
  const { service } = config;
  const startsAt = input.startsAt;
  const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
  const holdToken = newSecretToken();
  const expiresAt = new Date(now.getTime() + HOLD_MINUTES * 60_000);
  try {
    const row = await db.transaction(async (tx) => {
      await lockProviderTime(tx, input.providerId);
      await expireStaleHolds(tx, input.providerId, now);
      return insertBooking(tx, {
        providerId: input.providerId,
        serviceId: input.serviceId,
        locationId: input.locationId,
        mode: input.mode,
        startsAt,
        endsAt,
        bufferBeforeMinutes: service.bufferBeforeMinutes,
        bufferAfterMinutes: service.bufferAfterMinutes,
        blockedStartsAt: new Date(startsAt.getTime() - service.bufferBeforeMinutes * 60_000),
        blockedEndsAt: new Date(endsAt.getTime() + service.bufferAfterMinutes * 60_000),
        status: "HELD",
        holdExpiresAt: expiresAt,
        holdTokenHash: hashToken(holdToken),
      });
    });
    return { holdId: row.id, holdToken, expiresAt };
  } catch (error) {
    if (isExclusionViolation(error)) {
      throw await slotTakenError(db, { providerId: input.providerId, serviceId: input.serviceId, around: startsAt, now });
    }
    throw error;
  }
}
