/**
 * A throwaway embedded PostgreSQL for the API benchmark, with statement counting.
 *
 * `startEmbeddedPostgres` takes no server flags, so settings go through ALTER SYSTEM: the
 * server is started once, configured, stopped and started again through the same helper so
 * that `shared_preload_libraries = 'pg_stat_statements'` takes effect. fsync and friends are
 * off: the data is disposable and only the seed writes.
 *
 * Statement counting: pg_stat_statements (top-level statements, per database). The counter
 * runs in the `postgres` maintenance database, so its own queries never land in the bench
 * database's rows. If the library cannot be loaded, the fallback is the bench database's
 * `pg_stat_database.xact_commit` delta: every statement the app sends outside an explicit
 * transaction commits one transaction (the slots procedure opens none); it is read after the
 * 10 s idle flush of PostgreSQL 15's cumulative statistics.
 */
import { mkdtempSync, chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/embedded-postgres";

export const BENCH_DATABASE = "medbookings_bench";

const SERVER_SETTINGS: Record<string, string> = {
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
  max_wal_size: "4GB",
  checkpoint_timeout: "30min",
  maintenance_work_mem: "256MB",
};

export interface StatementStat {
  calls: number;
  meanExecMs: number;
  meanPlanMs: number | null;
  rowsPerCall: number;
  query: string;
}

export interface StatementCount {
  statements: number;
  /** Per statement text (pg_stat_statements only), most called first. */
  breakdown: StatementStat[];
}

export interface StatementCounter {
  method: string;
  reset(): Promise<void>;
  read(): Promise<StatementCount>;
  close(): Promise<void>;
}

export interface BenchDatabase {
  url: string;
  adminUrl: string;
  dataDir: string;
  counter: StatementCounter;
  settings: string;
  /** Pid of the postmaster, for CPU accounting. */
  postmasterPid(): number | null;
  stop(): Promise<void>;
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function startBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "medbookings-bench-pg-"));
  // As root the server runs as the `postgres` user, which must be able to enter the folder.
  chmodSync(dir, 0o755);
  const dataDir = path.join(dir, "data");
  const port = await freePort();
  let embedded: EmbeddedDatabase | null = null;
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  // Last resort if the process exits without stop(): no data directory left behind.
  process.once("exit", removeDir);

  try {
    embedded = await startEmbeddedPostgres({ dataDir, port, database: BENCH_DATABASE });
    const first = embedded;
    await withClient(first.adminUrl, async (client) => {
      for (const [name, value] of Object.entries(SERVER_SETTINGS)) await client.query(`ALTER SYSTEM SET ${name} = '${value}'`);
      await client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    });
    await first.stop();
    embedded = null;
    try {
      embedded = await startEmbeddedPostgres({ dataDir, port, database: BENCH_DATABASE });
    } catch (error) {
      // The library would not load: drop it from postgresql.auto.conf and start without it.
      log(`  pg_stat_statements could not be preloaded (${(error as Error).message}); retrying without it`);
      const autoConf = path.join(dataDir, "postgresql.auto.conf");
      if (existsSync(autoConf)) {
        writeFileSync(autoConf, readFileSync(autoConf, "utf8").split("\n").filter((line) => !line.startsWith("shared_preload_libraries")).join("\n"));
      }
      embedded = await startEmbeddedPostgres({ dataDir, port, database: BENCH_DATABASE });
    }
    const db = embedded;

    const counter = await createCounter(db, log);
    const settings = await withClient(db.adminUrl, async (client) => {
      const result = await client.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name`,
        [["shared_buffers", "work_mem", "jit", "max_connections", "fsync", "synchronous_commit", "shared_preload_libraries"]],
      );
      const version = await client.query<{ server_version: string }>("SHOW server_version");
      return `PostgreSQL ${version.rows[0]?.server_version ?? "?"}; ` + result.rows.map((r) => `${r.name}=${r.setting}${r.unit ? ` ${r.unit}` : ""}`).join(", ");
    });

    return {
      url: db.url,
      adminUrl: db.adminUrl,
      dataDir,
      counter,
      settings,
      postmasterPid: () => {
        try {
          return Number.parseInt(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0] ?? "", 10) || null;
        } catch {
          return null;
        }
      },
      stop: async () => {
        await counter.close();
        await db.stop().catch(() => undefined);
        removeDir();
      },
    };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    removeDir();
    throw error;
  }
}

async function createCounter(db: EmbeddedDatabase, log: (line: string) => void): Promise<StatementCounter> {
  const loaded = await withClient(db.adminUrl, async (client) => {
    const preload = await client.query<{ shared_preload_libraries: string }>("SHOW shared_preload_libraries");
    if (!preload.rows[0]?.shared_preload_libraries.includes("pg_stat_statements")) return false;
    try {
      await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      await client.query("ALTER SYSTEM SET pg_stat_statements.track_planning = on");
      await client.query("ALTER SYSTEM SET pg_stat_statements.max = 10000");
      await client.query("SELECT pg_reload_conf()");
      return true;
    } catch (error) {
      log(`  CREATE EXTENSION pg_stat_statements failed: ${(error as Error).message}`);
      return false;
    }
  });

  // One long-lived connection to the maintenance database; none of its statements run in the
  // bench database, so none are counted.
  const admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  admin.on("error", () => undefined);
  const close = () => admin.end().catch(() => undefined);

  if (loaded) {
    return {
      method: "pg_stat_statements (top-level statements executed in the bench database)",
      close,
      reset: async () => {
        await admin.query("SELECT pg_stat_statements_reset()");
      },
      read: async () => {
        const result = await admin.query<{ calls: string; mean_exec_time: number; mean_plan_time: number; rows: string; query: string }>(
          `SELECT s.calls, s.mean_exec_time, s.mean_plan_time, s.rows,
                  left(regexp_replace(s.query, '\\s+', ' ', 'g'), 110) AS query
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           WHERE d.datname = $1 AND s.toplevel
           ORDER BY s.calls DESC, s.total_exec_time DESC`,
          [BENCH_DATABASE],
        );
        const breakdown = result.rows.map((row) => ({
          calls: Number(row.calls),
          meanExecMs: Number(row.mean_exec_time),
          meanPlanMs: Number(row.mean_plan_time),
          rowsPerCall: Number(row.rows) / Math.max(1, Number(row.calls)),
          query: row.query,
        }));
        return { statements: breakdown.reduce((sum, s) => sum + s.calls, 0), breakdown };
      },
    };
  }

  log("  pg_stat_statements unavailable: counting with pg_stat_database.xact_commit deltas");
  let baseline = 0;
  const commits = async () => {
    // Backends flush their statistics at most every second, or after 10 s idle.
    await sleep(11_000);
    await admin.query("SELECT pg_stat_clear_snapshot()");
    const result = await admin.query<{ xact_commit: string }>("SELECT xact_commit FROM pg_stat_database WHERE datname = $1", [BENCH_DATABASE]);
    return Number(result.rows[0]?.xact_commit ?? 0);
  };
  return {
    method: "pg_stat_database.xact_commit delta (one autocommit transaction per statement; pg_stat_statements unavailable)",
    close,
    reset: async () => {
      baseline = await commits();
    },
    read: async () => ({ statements: (await commits()) - baseline, breakdown: [] }),
  };
}
