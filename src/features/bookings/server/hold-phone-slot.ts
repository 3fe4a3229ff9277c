import type { Database } from "@/server/db/client";
import type { z } from "zod";
import type { holdPhoneSlotInput } from "../phone-booking-schemas";
import type { HoldDto } from "../types";
import { holdSlot } from "./hold-slot";
import { assertPhoneBookable } from "./phone-booking-guards";

export interface HoldPhoneSlotOptions {
  db: Database;
  organizationId: string;
  /** The staff member on the phone: their holds count against the hold caps. */
  staffUserId: string;
  input: z.output<typeof holdPhoneSlotInput>;
  now: Date;
}

/** Holds a time for a patient on the phone: one of the organization's providers, at its location or online, by the online slot rules. */
export async function holdPhoneSlot({ db, organizationId, staffUserId, input, now }: HoldPhoneSlotOptions): Promise<HoldDto> {
  await assertPhoneBookable(db, { organizationId, providerId: input.providerId, locationId: input.locationId });
  return holdSlot({ db, input, staffUserId, now });
}
