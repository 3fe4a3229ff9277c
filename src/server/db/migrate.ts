import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { Logger, runMigrations as runJobQueueMigrations } from "graphile-worker";
import pg from "pg";

// Resolved from the working directory, not import.meta.url: inside a Next.js build this module
// lives in .next/server, while npm scripts, `next start` and tests all run from the project root.
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "drizzle");

/** graphile-worker reports each of its own migrations at info level; only problems matter here. */
const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[job queue] ${message}`);
});

/**
 * Applies pending migrations: ours (drizzle), then the job queue's own schema (graphile_worker),
 * so use cases can add jobs inside their transactions on any migrated database. drizzle-kit's
 * own `migrate` exits 1 without a message when a statement fails; this runner surfaces
 * PostgreSQL's error (message, detail, position).
 */
export async function runMigrations(connectionString: string, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SET client_min_messages TO WARNING");
    await migrate(drizzle(client), { migrationsFolder });
    await runJobQueueMigrations({ connectionString, logger: quietLogger });
  } catch (error) {
    throw new Error(`Migration failed: ${describePgError(error)}`, { cause: error });
  } finally {
    await client.end();
  }
}

export interface MigrationState {
  applied: number;
  expected: number;
  pending: number;
}

// The migrations a folder holds, read once per process: the files ship with the code this
// process runs, and reading and hashing every one of them on each health check showed
// plainly in the bench:api CPU profile.
const migrationCounts = new Map<string, number>();

function countMigrations(migrationsFolder: string): number {
  let count = migrationCounts.get(migrationsFolder);
  if (count === undefined) {
    count = readMigrationFiles({ migrationsFolder }).length;
    migrationCounts.set(migrationsFolder, count);
  }
  return count;
}

/** Compares the migrations this code ships with drizzle's bookkeeping table, for /api/health. */
export async function readMigrationState(
  query: (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }>,
  migrationsFolder = MIGRATIONS_FOLDER,
): Promise<MigrationState> {
  const expected = countMigrations(migrationsFolder);
  let applied = 0;
  try {
    const result = await query("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
    applied = Number(result.rows[0]?.n ?? 0);
  } catch {
    applied = 0;
  }
  return { applied, expected, pending: Math.max(0, expected - applied) };
}

function describePgError(error: unknown): string {
  const e = (error as { cause?: unknown }).cause ?? error;
  if (e && typeof e === "object" && "message" in e) {
    const pgError = e as { message: string; detail?: string; hint?: string; code?: string; position?: string };
    return [
      pgError.message,
      pgError.code ? `(SQLSTATE ${pgError.code})` : "",
      pgError.detail ? `detail: ${pgError.detail}` : "",
      pgError.hint ? `hint: ${pgError.hint}` : "",
      pgError.position ? `at position ${pgError.position}` : "",
    ]
      .filter(Boolean)
      .join(" ");
  }
  return String(error);
}
