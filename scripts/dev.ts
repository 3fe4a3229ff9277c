/**
 * `npm run dev`: the whole product on a fresh clone with no .env and no database server.
 * Embedded PostgreSQL (or DATABASE_URL), migrations, the demo seed on first run, the local
 * cloud for every vendor without live keys, the job worker, then `next dev`. Ctrl-C stops it
 * all cleanly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import nextEnv from "@next/env";
import { DEFAULT_PORTS, INBOX_DEFAULT_PORT, VENDORS } from "../local-cloud";
import { createDatabase } from "../src/server/db/client";
import { runMigrations } from "../src/server/db/migrate";
import { seedDemo } from "../src/server/db/seed/seed";
import { DEV_DATA_DIR, resolveDatabase } from "./lib/database";
import { loadDevSecrets } from "./lib/dev-secrets";
import { EmbeddedDatabaseError } from "./lib/embedded-postgres";
import { startLocalVendors } from "./lib/local-stack";

nextEnv.loadEnvConfig(process.cwd(), true, { info: () => undefined, error: console.error });

const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
const say = (line: string) => console.log(`[medbookings] ${line}`);

async function main() {
  const database = await resolveDatabase();
  say(database.kind === "embedded" ? `database  embedded PostgreSQL 15 in ${DEV_DATA_DIR}` : "database  DATABASE_URL");
  const stops: Array<() => Promise<void>> = [() => database.stop()];

  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };

  try {
    await runMigrations(database.url);
    const handle = createDatabase(database.url, { max: 2 });
    const seeded = await seedDemo(handle.db).finally(() => handle.close());
    say(seeded.seeded ? `seed      demo data created (${seeded.providers} providers)` : "seed      existing data kept");

    const { cloud, live } = await startLocalVendors({ appUrl, env: process.env, ports: DEFAULT_PORTS, inboxPort: INBOX_DEFAULT_PORT });
    stops.push(() => cloud.close());
    for (const vendor of VENDORS) {
      say(`${vendor.padEnd(9)} ${live.has(vendor) ? "live" : `local  ${cloud.urls[vendor]}`}`);
    }
    if (cloud.inboxUrl !== undefined) say(`${"inbox".padEnd(9)} ${cloud.inboxUrl}`);

    const secrets = loadDevSecrets();
    // The app and the job worker share one environment (links and codes are keyed by NEXTAUTH_SECRET).
    const childEnv = {
      ...secrets,
      ...process.env,
      ...cloud.env,
      DATABASE_URL: database.url,
      NEXTAUTH_URL: appUrl,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    const worker = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/worker.ts"], { stdio: "inherit", env: childEnv });
    stops.push(() => stopChild(worker));
    say("worker    job worker started (outbox, email, WhatsApp/SMS, reminders, calendar sync)");
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", String(port)], { stdio: "inherit", env: childEnv });
    stops.push(() => stopChild(child));
    say(`app       ${appUrl}  (Ctrl-C stops everything)`);
    child.on("exit", (code) => void stopAll(code ?? 0));
    worker.on("exit", (code) => {
      if (!stopping) report(new Error(`the job worker stopped (exit code ${code ?? "?"}); messages will wait until it runs again`));
    });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));
  } catch (error) {
    report(error);
    await stopAll(1);
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function report(error: unknown) {
  console.error(`[medbookings] ${error instanceof EmbeddedDatabaseError ? error.message : ((error as Error).stack ?? String(error))}`);
}

main().catch((error: unknown) => {
  report(error);
  process.exit(1);
});
