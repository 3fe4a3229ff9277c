import type { DbExecutor } from "@/server/db/client";
import type { PlatformOverview } from "../types";
import { countPlatformRecords } from "./admin-repository";

/** Counts for the admin dashboard: what waits for verification. */
export function getPlatformOverview({ db }: { db: DbExecutor }): Promise<PlatformOverview> {
  return countPlatformRecords(db);
}
