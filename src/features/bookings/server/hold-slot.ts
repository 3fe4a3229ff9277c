import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { z } from "zod";
import type { holdSlotInput } from "../schemas";
import type { HoldDto } from "../types";
import { checkSlotOffered, chosenSlotRefusal } from "./assert-slot-offered";
import { countActiveHoldsOfClient, expireStaleHolds, insertBooking, lockClientHolds } from "./bookings-repository";
import { holdCaps, holdClientKey, holdStaffKey } from "./hold-client-key";
import { inProviderTransaction } from "./provider-transaction";
import { isExclusionViolation, slotTakenError } from "./slot-taken";
import { hashToken, newSecretToken } from "./tokens";

/** How long a chosen slot stays reserved while the patient fills in the form. */
export const HOLD_MINUTES = 10;

export type HoldSlotOptions = {
  db: Database;
  input: z.output<typeof holdSlotInput>;
  now: Date;
} & (
  | {
      /** The requesting client's address (null when unknown); only its keyed hash is stored. */
      clientAddress: string | null;
    }
  | {
      /** A staff member holding for a patient on the phone: their holds count against the caps, not the office's address. */
      staffUserId: string;
    }
);

function holdCapError(held: number): AppError {
  const times = held === 1 ? "one time" : `${held} times`;
  return new AppError("RATE_LIMITED", `You are already holding ${times}; finish booking or release one first (a reservation you leave lapses within ${HOLD_MINUTES} minutes).`);
}

/**
 * Reserves a slot for a few minutes. Inside the provider's lock: lapsed holds are swept, the
 * client's live holds are counted against the caps, and the slot engine re-reads the time
 * (hours, other bookings, the daily limit) so that what it says holds at the insert. The
 * exclusion constraint stays the last word on overlap.
 */
export async function holdSlot(options: HoldSlotOptions): Promise<HoldDto> {
  const { db, input, now } = options;
  const clientKey = "staffUserId" in options ? holdStaffKey(options.staffUserId) : holdClientKey(options.clientAddress);
  const holdToken = newSecretToken();
  const expiresAt = new Date(now.getTime() + HOLD_MINUTES * 60_000);
  const startsAt = input.startsAt;
  try {
    const outcome = await inProviderTransaction(db, input.providerId, async (tx) => {
      await expireStaleHolds(tx, input.providerId, now);
      await lockClientHolds(tx, clientKey);
      const held = await countActiveHoldsOfClient(tx, { clientKey, providerId: input.providerId, now });
      const caps = holdCaps();
      if (held.total >= caps.perClient) throw holdCapError(held.total);
      if (held.atProvider >= caps.perClientAtProvider) throw holdCapError(held.atProvider);
      const check = await checkSlotOffered(tx, input, now);
      if (!check.offered) return { kind: "refused" as const, refused: check };
      const { service } = check.config;
      const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
      const row = await insertBooking(tx, {
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
        holdClientKey: clientKey,
      });
      return { kind: "held" as const, row };
    });
    if (outcome.kind === "refused") throw await chosenSlotRefusal(db, input, outcome.refused, now);
    return { holdId: outcome.row.id, holdToken, expiresAt };
  } catch (error) {
    if (isExclusionViolation(error)) {
      throw await slotTakenError(db, { providerId: input.providerId, serviceId: input.serviceId, around: startsAt, now });
    }
    throw error;
  }
}
