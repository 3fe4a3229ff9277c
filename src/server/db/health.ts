import { sql } from "drizzle-orm";
import type { Database } from "./client";
import { readMigrationState, type MigrationState } from "./migrate";

/**
 * Up or down, for load balancers and people. No error text: a driver message can name hosts,
 * users and databases, and this answer is public.
 */
export interface DatabaseHealth {
  status: "ok" | "degraded" | "down";
  database: { reachable: boolean; latencyMs: number | null };
  migrations: MigrationState | null;
}

export async function checkDatabaseHealth(db: Database): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await db.execute(sql`SELECT 1`);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const migrations = await readMigrationState((text) => db.execute(sql.raw(text)));
    return {
      status: migrations.pending === 0 ? "ok" : "degraded",
      database: { reachable: true, latencyMs },
      migrations,
    };
  } catch {
    return { status: "down", database: { reachable: false, latencyMs: null }, migrations: null };
  }
}
