/**
 * The server Playwright starts: a fresh database (embedded in a temp dir, or a new database on
 * the DATABASE_URL server), migrations, the demo seed, the local cloud on free ports, and the
 * production build via `next start`. Stops everything on SIGTERM/SIGINT.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDatabase } from "../src/server/db/client";
import { runMigrations } from "../src/server/db/migrate";
import { seedDemo } from "../src/server/db/seed/seed";
import { freePort, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { startLocalVendors } from "./lib/local-stack";

const port = Number(process.env.E2E_PORT ?? 3100);
const appUrl = `http://localhost:${port}`;
const stops: Array<() => Promise<void>> = [];

async function freshDatabase(): Promise<string> {
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

async function main() {
  const databaseUrl = await freshDatabase();
  await runMigrations(databaseUrl);
  const handle = createDatabase(databaseUrl, { max: 2 });
  await seedDemo(handle.db).finally(() => handle.close());

  // e2e always runs against the local cloud, whatever live keys the shell may hold.
  const { cloud } = await startLocalVendors({ appUrl, env: {} });
  stops.push(() => cloud.close());

  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    stdio: "inherit",
    env: {
      ...process.env,
      ...cloud.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      NEXT_TELEMETRY_DISABLED: "1",
      // The whole suite signs in and books from 127.0.0.1: production limits, 50 times the allowance.
      RATE_LIMIT_MULTIPLIER: process.env.RATE_LIMIT_MULTIPLIER ?? "50",
      // One JSON line per procedure call would drown Playwright's report; failures still show.
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  });
  stops.unshift(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  );
  child.on("exit", (code) => void shutdown(code ?? 1));
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const stop of stops) await stop().catch(() => undefined);
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

main().catch(async (error: unknown) => {
  console.error(error);
  await shutdown(1);
});
