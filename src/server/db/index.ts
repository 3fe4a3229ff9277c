import "server-only";
import { env } from "~/env";
import { createDatabase, type DatabaseHandle } from "./client";

export type { Database, DbExecutor } from "./client";
export * as schema from "./schema";

// One pool per server process; `next dev` re-evaluates modules on every edit, so the pool is
// kept on globalThis instead of leaking a new one each time.
const globalForDb = globalThis as unknown as { medbookingsDb?: DatabaseHandle };

export function getDatabase(): DatabaseHandle {
  globalForDb.medbookingsDb ??= createDatabase(env.DATABASE_URL);
  return globalForDb.medbookingsDb;
}
