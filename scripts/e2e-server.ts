/**
 * The server Playwright starts: a fresh database (embedded in a temp dir, or a new database on
 * the DATABASE_URL server), migrations, the demo seed, the local cloud on free ports, and the
 * production build via `npm start`'s server (scripts/start-server.mjs). Stops everything on SIGTERM/SIGINT.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { createDatabase } from "../src/server/db/client";
import { runMigrations } from "../src/server/db/migrate";
import { seedDemo } from "../src/server/db/seed/seed";
import { freePort, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { startLocalVendors } from "./lib/local-stack";
import type { LocalCloud } from "../local-cloud";
import { e2eDatabaseHandoffPath } from "../e2e/fixtures/database";
import { e2eRateLimitMultiplier } from "../e2e/fixtures/rate-limits";

async function freshDatabase(stops: Array<() => Promise<void>>): Promise<string> {
  const server = process.env.DATABASE_URL;
  if (server) {
    const name = `medbookings_e2e_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    stops.push(async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    });
    const url = new URL(server);
    url.pathname = `/${name}`;
    return url.toString();
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "medbookings-e2e-pg-"));
  chmodSync(dir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: await freePort(), database: "medbookings" });
  stops.push(async () => {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return embedded.url;
}

export interface E2EApp {
  appUrl: string;
  databaseUrl: string;
  /** The server's primary process; with stdio "pipe" its output is on child.stdout/stderr. */
  child: ChildProcess;
  /** The job worker (scripts/worker.ts): sends the messages the app queues. */
  worker: ChildProcess;
  /** The local cloud (in this process): what the vendors received, e.g. a guest's code. */
  cloud: LocalCloud;
  /** Stops the server, the local cloud and the database, and removes the temp dir. */
  stop: () => Promise<void>;
}

/**
 * A fresh migrated and seeded database, the local cloud, `npm start`'s server on the existing
 * build and a job worker. `env` overrides the server's defaults (rate limits, log level). Also used by
 * scripts/fuzz-api.ts.
 */
export async function startE2EApp(options: {
  port: number;
  /** Given: the server listens on this address only, and the app's URL names it. */
  host?: string;
  env?: Record<string, string>;
  stdio?: "inherit" | "pipe";
}): Promise<E2EApp> {
  const appUrl = `http://${options.host ?? "localhost"}:${options.port}`;
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops) await step().catch(() => undefined);
    stops.length = 0;
  };
  try {
    const databaseUrl = await freshDatabase(stops);
    await runMigrations(databaseUrl);
    const handle = createDatabase(databaseUrl, { max: 2 });
    await seedDemo(handle.db).finally(() => handle.close());

    // e2e always runs against the local cloud, whatever live keys the shell may hold.
    const { cloud } = await startLocalVendors({ appUrl, env: {} });
    stops.unshift(() => cloud.close());

    const hostArgs = options.host ? ["-H", options.host] : [];
    const stdio: StdioOptions = options.stdio === "pipe" ? ["ignore", "pipe", "pipe"] : "inherit";
    // The app and its worker share one environment: links and codes are keyed by NEXTAUTH_SECRET.
    const serverEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...cloud.env,
      NODE_ENV: "production" as const,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      NEXT_TELEMETRY_DISABLED: "1",
      // The whole suite signs in and books from 127.0.0.1: production limits, 50 times the allowance.
      RATE_LIMIT_MULTIPLIER: String(e2eRateLimitMultiplier()),
      // One JSON line per procedure call would drown Playwright's report; failures still show.
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      // Two server processes, each with its own slot cache: the journeys also check that no
      // process shows a time another one's write has taken.
      WEB_CONCURRENCY: "2",
      ...options.env,
    };
    const child = spawn(process.execPath, ["scripts/start-server.mjs", "-p", String(options.port), ...hostArgs], { stdio, env: serverEnv });
    stops.unshift(() => stopChild(child));
    const worker = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/worker.ts"], { stdio, env: serverEnv });
    stops.unshift(() => stopChild(worker));
    return { appUrl, databaseUrl, child, worker, cloud, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

let stopApp: () => Promise<void> = async () => undefined;

async function main() {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const app = await startE2EApp({ port });
  // Specs that must set up what no page can (a booking that ended weeks ago) find the database here.
  const handoff = e2eDatabaseHandoffPath(port);
  const { urls } = app.cloud;
  writeFileSync(handoff, JSON.stringify({ databaseUrl: app.databaseUrl, inboxUrl: urls.inbox, sendgridUrl: urls.sendgrid, twilioUrl: urls.twilio, placesUrl: urls.places }), { mode: 0o600 });
  stopApp = async () => {
    rmSync(handoff, { force: true });
    await app.stop();
  };
  app.child.on("exit", (code) => void shutdown(code ?? 1));
  app.worker.on("exit", (code) => void shutdown(code ?? 1));
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stopApp();
  process.exit(code);
}

// Run by Playwright (`tsx scripts/e2e-server.ts`); imported by other scripts for startE2EApp.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));
  main().catch(async (error: unknown) => {
    console.error(error);
    await shutdown(1);
  });
}
