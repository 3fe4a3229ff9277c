import type { DbExecutor } from "@/server/db/client";
import type { z } from "zod";
import type { listClosuresInput } from "../closure-schemas";
import type { ClosureDto } from "../closure-types";
import { findClosuresInRange } from "./closure-repository";
import { requireClosureLocation } from "./require-closure-location";

export interface ListClosuresOptions {
  db: DbExecutor;
  organizationId: string;
  input: z.output<typeof listClosuresInput>;
}

/** Closures (manual ones, and holidays accepted or rejected) of one location or all of them, touching [from, to]. */
export async function listClosures({ db, organizationId, input }: ListClosuresOptions): Promise<ClosureDto[]> {
  if (input.locationId) await requireClosureLocation(db, organizationId, input.locationId);
  return findClosuresInRange(db, { organizationId, locationId: input.locationId, from: input.from, to: input.to });
}
