import { MS_PER_DAY } from "@/lib/time";
import type { DbExecutor } from "@/server/db/client";
import type { z } from "zod";
import type { publicSlotsInput } from "../schemas";
import type { PublicSlots } from "../types";
import { computeServiceSlots, fromEngineMode } from "./compute-service-slots";

export interface GetPublicSlotsOptions {
  db: DbExecutor;
  input: z.output<typeof publicSlotsInput>;
  now: Date;
}

/** The public slot list of one service: instants and places only, never who booked what. */
export async function getPublicSlots({ db, input, now }: GetPublicSlotsOptions): Promise<PublicSlots> {
  const to = new Date(input.from.getTime() + input.days * MS_PER_DAY);
  const { config, slots } = await computeServiceSlots({
    db,
    providerId: input.providerId,
    serviceId: input.serviceId,
    from: input.from,
    to,
    now,
  });
  return {
    providerTimeZone: config.providerTimeZone,
    locations: config.locations,
    slots: slots.map((slot) => ({
      startsAt: new Date(slot.startsAt),
      endsAt: new Date(slot.endsAt),
      mode: fromEngineMode(slot.mode),
      locationId: slot.locationId,
    })),
  };
}
