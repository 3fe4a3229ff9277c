import type { DbExecutor } from "@/server/db/client";
import type { z } from "zod";
import type { publicSlotsInput } from "../schemas";
import { decodePublicSlots } from "../slot-encoding";
import type { PublicSlots } from "../types";
import { getCompactSlots } from "./get-compact-slots";
import type { SlotCache } from "./slot-cache";

export interface GetPublicSlotsOptions {
  db: DbExecutor;
  input: z.output<typeof publicSlotsInput>;
  now: Date;
  /** Defaults to the process's cache; null computes every time. */
  cache?: SlotCache | null;
}

/**
 * The public slot list of one service as instants, for server-side readers (search, benches):
 * instants and places only, never who booked what. Same answer and cache as `availability.slots`.
 */
export async function getPublicSlots(options: GetPublicSlotsOptions): Promise<PublicSlots> {
  return decodePublicSlots(await getCompactSlots(options));
}
