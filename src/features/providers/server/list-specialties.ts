import type { DbExecutor } from "@/server/db/client";
import { findSpecialties } from "./providers-repository";

/** Every specialty (provider type), for the directory filter. */
export function listSpecialties({ db }: { db: DbExecutor }): Promise<{ slug: string; name: string }[]> {
  return findSpecialties(db);
}
