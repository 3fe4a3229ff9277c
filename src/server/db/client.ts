import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";

/** With its pool as `$client` (drizzle adds it): a few hot statements are named there (prepared per connection). */
export type Database = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A database handle or an open transaction: repositories accept either. */
export type DbExecutor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseTimeouts {
  /** Waiting for a connection (a new one, or a free one from a busy pool). */
  connectionTimeoutMillis: number;
  /** The server cancels a statement running longer than this (SQLSTATE 57014). */
  statementTimeoutMillis: number;
  /** The client gives up on a query the server never answers (a dead connection). */
  queryTimeoutMillis: number;
  /** Idle connections are closed after this, so a restarted server is not met with stale ones. */
  idleTimeoutMillis: number;
  /** The server ends a session left idle inside a transaction, releasing its locks. */
  idleInTransactionTimeoutMillis: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectionTimeoutMillis: 10_000,
  statementTimeoutMillis: 15_000,
  queryTimeoutMillis: 20_000,
  idleTimeoutMillis: 30_000,
  idleInTransactionTimeoutMillis: 30_000,
};

export function createDatabase(
  connectionString: string,
  options: { max?: number; timeouts?: Partial<DatabaseTimeouts> } = {},
): DatabaseHandle {
  const timeouts = { ...DEFAULT_DATABASE_TIMEOUTS, ...options.timeouts };
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: timeouts.connectionTimeoutMillis,
    idleTimeoutMillis: timeouts.idleTimeoutMillis,
    statement_timeout: timeouts.statementTimeoutMillis,
    query_timeout: timeouts.queryTimeoutMillis,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMillis,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", () => undefined);
  const db = drizzle(pool, { schema, casing: "snake_case" });
  return { db, pool, close: () => pool.end() };
}

const UNAVAILABLE_SYSTEM_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

// SQLSTATEs meaning the server cannot serve us right now, not that the query is wrong:
// 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up),
// 53300 too many connections, 57014 statement timeout (query_canceled).
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300", "57014"]);

// pg reports its own timeouts and dropped connections as plain Errors without a code.
const UNAVAILABLE_MESSAGES = [
  /^timeout exceeded when trying to connect$/i,
  /^Connection terminated/i,
  /^Query read timeout$/i,
  /^Client has encountered a connection error/i,
  /^Cannot use a pool after calling end/i,
];

/**
 * True when an error (or one it wraps: drizzle wraps the driver's) says the database cannot be
 * reached or cannot serve now, as opposed to a defect in a query.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_SYSTEM_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08"))) {
      return true;
    }
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    queue.push((current as { cause?: unknown }).cause);
    // Connecting to "localhost" tries ::1 and 127.0.0.1 and may fail with an AggregateError.
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested)) queue.push(...nested);
  }
  return false;
}
