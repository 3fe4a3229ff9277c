/**
 * `npm run bench:api`: latency and SQL cost of the public `availability.slots` procedure
 * against the production build.
 *
 * 1. A fresh embedded PostgreSQL in a temp dir (pg_stat_statements preloaded), migrations.
 * 2. Bulk seed (scripts/bench/seed-bulk.ts): 2,000 approved providers, 200,000 bookings,
 *    500 external busy intervals for the target provider, then ANALYZE.
 * 3. `next start` of the existing production build (.next). The script does NOT build: run
 *    `SKIP_ENV_VALIDATION=1 npm run build` first (it exits 1 with that message otherwise).
 * 4. The provider with the most bookings, its 30-minute service, 30 days from today 00:00 UTC:
 *    one checked request, a warm-up, an unloaded baseline (1 client), statement counters reset,
 *    then 50 concurrent keep-alive clients for 5,000 requests (capped at 120 s).
 * 5. p50/p95/p99/max, requests/s, SQL statements per request, CPU per request by process,
 *    PASS/FAIL against the targets (p95 < 30 ms, ≤ 3 statements per request). When p95 misses
 *    (or BENCH_EXPLAIN=1), EXPLAIN (ANALYZE, BUFFERS) of the procedure's two statements.
 *
 * Exit 0 whether or not the targets are met (a benchmark, not a test); exit 1 on request
 * errors or misconfiguration. Everything started is stopped and the temp dir removed on exit,
 * Ctrl-C included.
 *
 * Knobs (env): BENCH_PROVIDERS (2000), BENCH_BOOKINGS (200000), BENCH_CONCURRENCY (50),
 * BENCH_REQUESTS (5000), BENCH_WARMUP (200), BENCH_MAX_SECONDS (120), BENCH_EXPLAIN (0),
 * BENCH_CPU_PROF (a folder: the server runs with node --cpu-prof and writes its profile there).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { runMigrations } from "../src/server/db/migrate";
import { treeCpuMs } from "./bench/cpu";
import { startBenchDatabase, type BenchDatabase } from "./bench/database";
import { explainSlotQueries } from "./bench/explain";
import { createAgent, get, runLoad, summarize, type LoadResult } from "./bench/load";
import { seedBulk } from "./bench/seed-bulk";
import { freePort } from "./lib/embedded-postgres";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DAY_MS = 86_400_000;
const TARGET_P95_MS = 30;
const TARGET_QUERIES = 3;

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive integer (got "${raw}").`);
  return value;
}

class ConfigError extends Error {}
class Interrupted extends Error {}

/** After Ctrl-C, stop at the next phase boundary instead of reporting on a dying setup. */
function checkInterrupted(): void {
  if (cleaning) throw new Interrupted();
}

const stops: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | null = null;

async function cleanup(): Promise<void> {
  while (stops.length > 0) {
    const stop = stops.pop()!;
    await stop().catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
  }
}

async function shutdown(code: number): Promise<never> {
  cleaning ??= cleanup();
  await cleaning;
  process.exit(code);
}

// embedded-postgres installs async-exit-hook, whose SIGINT/SIGTERM handler stops PostgreSQL and
// exits at once, racing this script's orderly shutdown (server first, then the database, then
// the temp dir). Drop it: cleanup() stops PostgreSQL itself.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the server and the database…`);
    void shutdown(130);
  });
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(26)} ${value}`);

function startServer(port: number, databaseUrl: string): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const appUrl = `http://127.0.0.1:${port}`;
  const profileDir = process.env.BENCH_CPU_PROF;
  const nodeFlags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const child = spawn(process.execPath, [...nodeFlags, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      GOOGLE_CLIENT_ID: "bench-google-client-id",
      GOOGLE_CLIENT_SECRET: "bench-google-client-secret",
    },
  });
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output };
}

async function waitForHealth(url: string, child: ChildProcess, output: string[]): Promise<void> {
  const agent = createAgent(1);
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new ConfigError(`next start exited with code ${child.exitCode}:\n${output.slice(-30).join("\n")}`);
      }
      try {
        const { status } = await get(agent, `${url}/api/health`);
        if (status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new ConfigError(`/api/health did not answer 200 within 60 s:\n${output.slice(-30).join("\n")}`);
  } finally {
    agent.destroy();
  }
}

function printLoad(title: string, result: LoadResult) {
  const s = summarize(result.latenciesMs);
  console.log(title);
  line("requests", `${result.requests} (${result.errors} errors)${result.stoppedByTimeLimit ? " — stopped by the time limit" : ""}`);
  line("duration", seconds(result.durationMs));
  line("throughput", `${((result.requests / result.durationMs) * 1000).toFixed(1)} req/s`);
  line("latency p50/p95/p99/max", `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)} (mean ${ms(s.mean)})`);
  return s;
}

async function main(): Promise<number> {
  const providers = intEnv("BENCH_PROVIDERS", 2000);
  const bookings = intEnv("BENCH_BOOKINGS", 200_000);
  const concurrency = intEnv("BENCH_CONCURRENCY", 50);
  const requests = intEnv("BENCH_REQUESTS", 5000);
  const warmup = intEnv("BENCH_WARMUP", 200);
  const maxSeconds = intEnv("BENCH_MAX_SECONDS", 120);
  const forceExplain = process.env.BENCH_EXPLAIN === "1";

  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) {
    throw new ConfigError(
      `No production build in ${path.join(ROOT, ".next")}. Build it first:\n  SKIP_ENV_VALIDATION=1 npm run build\nthen run npm run bench:api again.`,
    );
  }

  const cpus = os.cpus();
  console.log("bench:api — public availability.slots against the production build");
  line("machine", `${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load avg ${os.loadavg().map((v) => v.toFixed(2)).join(" ")}`);
  line("node", `${process.version} (${os.platform()} ${os.arch()})`);
  line("build", `.next/BUILD_ID from ${statSync(buildId).mtime.toISOString()}`);

  // 1. Database.
  let t0 = performance.now();
  const database: BenchDatabase = await startBenchDatabase((text) => console.log(text));
  stops.push(() => database.stop());
  await runMigrations(database.url);
  console.log(`\nDatabase ready in ${seconds(performance.now() - t0)}`);
  line("server", database.settings);
  line("statement counting", database.counter.method);

  // 2. Seed.
  const now = new Date();
  console.log(`\nSeeding ${providers} providers, ${bookings} bookings…`);
  const seedClient = new pg.Client({ connectionString: database.url });
  await seedClient.connect();
  const seed = await seedBulk(seedClient, { providers, bookings, externalBusy: 500, now, log: (text) => console.log(text) }).finally(() =>
    seedClient.end(),
  );
  checkInterrupted();
  console.log(`Seeded in ${seconds(seed.ms)}: ${Object.entries(seed.counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
  line("target provider", `${seed.target.providerId} (${seed.target.timeZone}, ${seed.target.bookings} bookings)`);
  line("target service", `${seed.target.serviceId} (30 min, step 15)`);

  // 3. Server.
  t0 = performance.now();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = startServer(port, database.url);
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        const { child } = server;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  );
  // Last resort if the process dies without cleanup(): never leave the server running.
  process.once("exit", () => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
  });
  await waitForHealth(baseUrl, server.child, server.output);
  checkInterrupted();
  console.log(`\nnext start ready on ${baseUrl} in ${seconds(performance.now() - t0)}`);

  // 4. Load.
  const from = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const input = {
    json: { providerId: seed.target.providerId, serviceId: seed.target.serviceId, from: from.toISOString(), days: 30 },
    meta: { values: { from: ["Date"] } },
  };
  const url = `${baseUrl}/api/trpc/availability.slots?input=${encodeURIComponent(JSON.stringify(input))}`;

  // A fresh keep-alive pool per phase: sockets left idle by a previous phase may be closed by
  // the server's keep-alive timeout just as they are reused ("socket hang up").
  const agents: ReturnType<typeof createAgent>[] = [];
  stops.push(async () => agents.forEach((agent) => agent.destroy()));
  const freshAgent = (sockets: number) => {
    agents.forEach((agent) => agent.destroy());
    const agent = createAgent(sockets);
    agents.push(agent);
    return agent;
  };
  const check = await get(freshAgent(1), url);
  let slotCount = 0;
  try {
    const parsed = JSON.parse(check.body) as { result?: { data?: { json?: { slots?: unknown[] } } } };
    slotCount = parsed.result?.data?.json?.slots?.length ?? 0;
  } catch {
    // reported below
  }
  if (check.status !== 200 || slotCount === 0) {
    throw new ConfigError(`The check request did not return slots (HTTP ${check.status}): ${check.body.slice(0, 500)}`);
  }
  console.log(`Check request: HTTP 200, ${slotCount} slots, ${(check.body.length / 1024).toFixed(1)} KiB`);
  line("request", `GET /api/trpc/availability.slots (from ${from.toISOString()}, 30 days)`);

  const shouldStop = () => cleaning !== null;
  const validate = (body: string) => (body.includes('"slots":[{') ? null : `no slots in the answer: ${body.slice(0, 200)}`);
  const warm = await runLoad(freshAgent(concurrency), { url, concurrency, requests: warmup, maxSeconds, validate, shouldStop });
  if (warm.errors > 0) throw new ConfigError(`Warm-up failed: ${warm.firstErrors.join("; ")}`);
  const unloaded = await runLoad(freshAgent(1), { url, concurrency: 1, requests: 200, maxSeconds, validate, shouldStop });
  checkInterrupted();
  const unloadedSummary = printLoad("\nUnloaded baseline (1 client, 200 requests)", unloaded);

  // Open the run's sockets before counting, so connection set-up is not part of the run.
  const agent = freshAgent(concurrency);
  await runLoad(agent, { url, concurrency, requests: concurrency, maxSeconds, validate, shouldStop });
  await database.counter.reset();
  const cpuBefore = {
    next: treeCpuMs(server.child.pid),
    postgres: treeCpuMs(database.postmasterPid()),
    self: process.cpuUsage(),
  };
  const loadAvgBefore = os.loadavg()[0] ?? 0;
  const run = await runLoad(agent, { url, concurrency, requests, maxSeconds, validate, shouldStop });
  checkInterrupted();
  const cpuAfter = {
    next: treeCpuMs(server.child.pid),
    postgres: treeCpuMs(database.postmasterPid()),
    self: process.cpuUsage(cpuBefore.self),
  };
  const count = await database.counter.read();

  const summary = printLoad(`\nLoad: ${concurrency} concurrent clients, ${requests} requests (after ${warmup} warm-up)`, run);
  const queriesPerRequest = count.statements / Math.max(1, run.requests);
  line("SQL statements", `${count.statements} → ${queriesPerRequest.toFixed(2)} per request`);
  for (const stat of count.breakdown.slice(0, 5)) {
    const plan = stat.meanPlanMs === null ? "" : `, plan ${stat.meanPlanMs.toFixed(3)} ms`;
    console.log(`    ${String(stat.calls).padStart(6)} × exec ${stat.meanExecMs.toFixed(3)} ms${plan}, ${stat.rowsPerCall.toFixed(1)} rows: ${stat.query}`);
  }
  const perRequest = (before: number | null, after: number | null) =>
    before === null || after === null ? "n/a" : `${((after - before) / run.requests).toFixed(2)} ms`;
  const selfMs = (cpuAfter.self.user + cpuAfter.self.system) / 1000;
  line(
    "CPU per request",
    `next ${perRequest(cpuBefore.next, cpuAfter.next)}, postgres ${perRequest(cpuBefore.postgres, cpuAfter.postgres)}, load generator ${(selfMs / run.requests).toFixed(2)} ms`,
  );
  line("1-min load avg", `${loadAvgBefore.toFixed(2)} before → ${(os.loadavg()[0] ?? 0).toFixed(2)} after`);
  if (run.errors > 0) {
    console.log(`  first errors: ${run.firstErrors.join(" | ")}`);
    const serverLines = server.output.filter((text) => /error|fail/i.test(text)).slice(-10);
    if (serverLines.length > 0) console.log(`  server log:\n    ${serverLines.join("\n    ")}`);
  }

  const p95Ok = summary.p95 < TARGET_P95_MS;
  const queriesOk = queriesPerRequest <= TARGET_QUERIES;
  console.log("\nTargets");
  line(`p95 < ${TARGET_P95_MS} ms`, `${p95Ok ? "PASS" : "FAIL"} (${ms(summary.p95)}; unloaded p95 ${ms(unloadedSummary.p95)})`);
  line(`≤ ${TARGET_QUERIES} SQL per request`, `${queriesOk ? "PASS" : "FAIL"} (${queriesPerRequest.toFixed(2)})`);

  checkInterrupted();
  if (!p95Ok || forceExplain) {
    console.log("\nEXPLAIN (ANALYZE, BUFFERS) of the procedure's statements, same text and parameters as the app:");
    const explained = await explainSlotQueries({
      url: database.url,
      providerId: seed.target.providerId,
      serviceId: seed.target.serviceId,
      from,
      to: new Date(from.getTime() + 30 * DAY_MS),
      now: new Date(),
    });
    for (const statement of explained.statements) {
      console.log(`\n-- ${statement.label}: ${statement.rows} row(s); alone over pg: p50 ${ms(statement.p50Ms)}, p95 ${ms(statement.p95Ms)}`);
      console.log(statement.plan.split("\n").map((text) => `   ${text}`).join("\n"));
    }
  }

  return run.errors > 0 ? 1 : 0;
}

main()
  .then((code) => shutdown(code))
  .catch(async (error: unknown) => {
    if (error instanceof Interrupted || cleaning) return shutdown(130);
    console.error(error instanceof ConfigError ? `\nbench:api: ${error.message}` : error);
    await shutdown(1);
  });
