/**
 * `npm run bench:api`: what one public `availability.slots` request costs on the production
 * build, with the availability cache off and on (and on with two server processes), side by
 * side on the same database.
 *
 * 1. A fresh embedded PostgreSQL in a temp dir (pg_stat_statements preloaded), migrations.
 * 2. Bulk seed (scripts/bench/seed-bulk.ts): 2,000 approved providers, 200,000 bookings,
 *    500 external busy intervals for the busiest provider, then ANALYZE.
 * 3. The request mix: the BENCH_KEYS busiest providers' 30-minute service, 30 days from the
 *    start of today in London, New York and Mumbai (a visitor's local midnight), picked by a
 *    seeded PRNG. Meanwhile a writer adds or removes imported busy time of a random provider
 *    of the mix BENCH_WRITES_PER_SECOND times a second, so cached lists keep being invalidated
 *    as bookings and calendar syncs would.
 * 4. For each mode (off: AVAILABILITY_CACHE_ENTRIES=0; on: the default; on2: the default with
 *    WEB_CONCURRENCY=2), `npm start`'s server of the
 *    existing build (.next; the script does NOT build: run `SKIP_ENV_VALIDATION=1 npm run build`
 *    first), a checked request, a warm-up, then:
 *    - saturation: a closed loop of BENCH_CLIENTS clients for BENCH_SATURATION_SECONDS:
 *      requests/s, CPU per request of the Next.js server and of PostgreSQL (from /proc, whole
 *      process trees), SQL statements per request (the writer's excluded);
 *    - open loop: BENCH_RATE requests/s on a fixed schedule for BENCH_OPEN_SECONDS, latency
 *      from each request's scheduled send time: p50/p95/p99/max;
 *    - the floor: GET /api/health (a Route Handler with one trivial query, no tRPC, no
 *      session) in the same closed loop, i.e. what any request through the server costs.
 * 5. superjson encoding time of the check answer as Dates (the old wire form) and as sent.
 * 6. PASS/FAIL against the targets (≤ 3 ms CPU per request, ≥ 400 requests/s, p95 < 30 ms at
 *    200 requests/s) for the cached mode with one process (npm start's default); EXPLAIN (ANALYZE, BUFFERS) of the engine's two
 *    statements with BENCH_EXPLAIN=1.
 *
 * The load generator runs on the same machine and its CPU is reported. Exit 0 whether or not
 * the targets are met (a benchmark, not a test); exit 1 on request errors or misconfiguration.
 * Everything started is stopped and the temp dir removed on exit, Ctrl-C included.
 *
 * Knobs (env): BENCH_PROVIDERS (2000), BENCH_BOOKINGS (200000), BENCH_KEYS (50),
 * BENCH_CLIENTS (32), BENCH_SATURATION_SECONDS (15), BENCH_RATE (200), BENCH_OPEN_SECONDS (20),
 * BENCH_WRITES_PER_SECOND (5), BENCH_MODES ("off,on,on2"), BENCH_EXPLAIN (0),
 * BENCH_CPU_PROF (a folder: every server process runs with node --cpu-prof and writes its profile
 * there).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import superjson from "superjson";
import { decodePublicSlots, type CompactPublicSlots } from "../src/features/availability/slot-encoding";
import { runMigrations } from "../src/server/db/migrate";
import { startOfLocalDay } from "../src/features/availability/components/slot-format";
import { localDateOf } from "../src/lib/time";
import { treeCpuMs } from "./bench/cpu";
import { startBenchDatabase, type BenchDatabase } from "./bench/database";
import { explainSlotQueries } from "./bench/explain";
import { createAgent, get, summarize } from "./bench/load";
import { runClosedMix, runOpenLoop, type MixResult } from "./bench/open-loop";
import { mulberry32 } from "./bench/random";
import { seedBulk } from "./bench/seed-bulk";
import { freePort } from "./lib/embedded-postgres";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DAY_MS = 86_400_000;
const TARGET_P95_MS = 30;
const TARGET_CPU_MS = 3;
const TARGET_RPS = 400;
const VISITOR_ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata"] as const;

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

function startServer(port: number, databaseUrl: string, extraEnv: Record<string, string>): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const appUrl = `http://127.0.0.1:${port}`;
  const profileDir = process.env.BENCH_CPU_PROF;
  const nodeFlags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const child = spawn(process.execPath, [...nodeFlags, "scripts/start-server.mjs", "-p", String(port), "-H", "127.0.0.1"], {
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
      ...extraEnv,
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
        throw new ConfigError(`the server exited with code ${child.exitCode}:\n${output.slice(-30).join("\n")}`);
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

/** Cache off or on with `npm start`'s default single process; on2: cache on, two processes. */
type Mode = "off" | "on" | "on2";
const MODE_LABELS: Record<Mode, string> = { off: "cache off", on: "cache on", on2: "on, 2 procs" };

interface ModeReport {
  mode: Mode;
  saturation: MixResult;
  saturationCpu: { next: number | null; postgres: number | null; generator: number };
  statementsPerRequest: number;
  topStatements: string[];
  open: MixResult;
  openCpu: { next: number | null; postgres: number | null };
  /** GET /api/health under the same closed loop: what any request through the server costs. */
  floor: { rps: number; next: number | null; postgres: number | null };
}

const perRequestMs = (before: number | null, after: number | null, requests: number) =>
  before === null || after === null ? null : (after - before) / Math.max(1, requests);
const fmt = (value: number | null, digits = 2) => (value === null || Number.isNaN(value) ? "n/a" : value.toFixed(digits));

async function main(): Promise<number> {
  const providers = intEnv("BENCH_PROVIDERS", 2000);
  const bookings = intEnv("BENCH_BOOKINGS", 200_000);
  const keyCount = intEnv("BENCH_KEYS", 50);
  const clients = intEnv("BENCH_CLIENTS", 32);
  const saturationSeconds = intEnv("BENCH_SATURATION_SECONDS", 15);
  const rate = intEnv("BENCH_RATE", 200);
  const openSeconds = intEnv("BENCH_OPEN_SECONDS", 20);
  const writesPerSecond = Number(process.env.BENCH_WRITES_PER_SECOND ?? 5);
  const modes = (process.env.BENCH_MODES ?? "off,on,on2").split(",").map((m) => m.trim());
  if (modes.some((m) => !(m in MODE_LABELS))) throw new ConfigError(`BENCH_MODES must list some of off, on and on2 (got "${process.env.BENCH_MODES}").`);
  if (!Number.isFinite(writesPerSecond) || writesPerSecond < 0) throw new ConfigError("BENCH_WRITES_PER_SECOND must be 0 or more.");
  const forceExplain = process.env.BENCH_EXPLAIN === "1";

  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) {
    throw new ConfigError(
      `No production build in ${path.join(ROOT, ".next")}. Build it first:\n  SKIP_ENV_VALIDATION=1 npm run build\nthen run npm run bench:api again.`,
    );
  }

  const cpus = os.cpus();
  console.log("bench:api — public availability.slots against the production build, availability cache off and on");
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
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  stops.push(() => db.end());
  const seed = await seedBulk(db, { providers, bookings, externalBusy: 500, now, log: (text) => console.log(text) });
  checkInterrupted();
  console.log(`Seeded in ${seconds(seed.ms)}: ${Object.entries(seed.counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);

  // 3. The request mix.
  const pairs = (
    await db.query<{ provider_id: string; service_id: string }>(
      `SELECT DISTINCT ON (b.provider_id) b.provider_id, s.id AS service_id, count(*) OVER (PARTITION BY b.provider_id) AS n
       FROM bookings b JOIN services s ON s.provider_id = b.provider_id AND s.duration_minutes = 30 AND s.is_active
       JOIN providers p ON p.id = b.provider_id AND p.status = 'APPROVED'
       ORDER BY b.provider_id, s.id`,
    )
  ).rows;
  const counts = new Map((await db.query<{ provider_id: string; n: string }>(`SELECT provider_id, count(*) AS n FROM bookings GROUP BY provider_id`)).rows.map((r) => [r.provider_id, Number(r.n)]));
  pairs.sort((a, b) => (counts.get(b.provider_id) ?? 0) - (counts.get(a.provider_id) ?? 0) || a.provider_id.localeCompare(b.provider_id));
  const mix = pairs.slice(0, keyCount);
  if (mix.length === 0) throw new ConfigError("No approved provider with a 30-minute service in the seed.");
  const froms = VISITOR_ZONES.map((zone) => startOfLocalDay(zone, localDateOf(now, zone)));
  const urlOf = (pair: (typeof mix)[number], from: Date) =>
    `/api/trpc/availability.slots?input=${encodeURIComponent(
      JSON.stringify({ json: { providerId: pair.provider_id, serviceId: pair.service_id, from: from.toISOString(), days: 30 }, meta: { values: { from: ["Date"] } } }),
    )}`;
  const paths = mix.flatMap((pair) => froms.map((from) => urlOf(pair, from)));
  console.log(`\nRequest mix: ${mix.length} providers × ${froms.length} visitor zones (${VISITOR_ZONES.join(", ")}) = ${paths.length} distinct requests, 30 days each`);
  line("busy-time writes", `${writesPerSecond}/s on random providers of the mix (each bumps that provider's version)`);

  const reports: ModeReport[] = [];
  let checkBody = "";
  for (const mode of modes as Mode[]) {
    checkInterrupted();
    console.log(`\n=== ${MODE_LABELS[mode]} ===`);
    t0 = performance.now();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const server = startServer(port, database.url, {
      WEB_CONCURRENCY: mode === "on2" ? "2" : "1",
      ...(mode === "off" ? { AVAILABILITY_CACHE_ENTRIES: "0" } : {}),
    });
    const stopServer = () =>
      new Promise<void>((resolve) => {
        const { child } = server;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      });
    stops.push(stopServer);
    // Last resort if the process dies without cleanup(): never leave the server running.
    process.once("exit", () => {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
    });
    await waitForHealth(baseUrl, server.child, server.output);
    checkInterrupted();
    line("server", `scripts/start-server.mjs, ${mode === "on2" ? 2 : 1} process(es), ready on ${baseUrl} in ${seconds(performance.now() - t0)}`);
    const urls = paths.map((p) => `${baseUrl}${p}`);

    const agents: ReturnType<typeof createAgent>[] = [];
    const freshAgent = (sockets: number) => {
      agents.forEach((agent) => agent.destroy());
      const agent = createAgent(sockets);
      agents.push(agent);
      return agent;
    };
    stops.push(async () => agents.forEach((agent) => agent.destroy()));

    const check = await get(freshAgent(1), `${baseUrl}${urlOf(mix[0]!, froms[0]!)}`);
    let slotCount = 0;
    try {
      slotCount = decodePublicSlots((JSON.parse(check.body) as { result: { data: { json: CompactPublicSlots } } }).result.data.json).slots.length;
    } catch {
      // reported below
    }
    if (check.status !== 200 || slotCount === 0) throw new ConfigError(`The check request did not return slots (HTTP ${check.status}): ${check.body.slice(0, 500)}`);
    checkBody = check.body;
    line("check request", `HTTP 200, ${slotCount} slots, ${(check.body.length / 1024).toFixed(1)} KiB`);

    const validate = (body: string) => (body.includes('"days":[') ? null : `not a slot list: ${body.slice(0, 200)}`);
    const shouldStop = () => cleaning !== null;
    const random = mulberry32(10);
    const pick = () => Math.floor(random() * urls.length);

    // The writer: imported busy time added and removed far in the window, one provider a time.
    let writes = 0;
    let writing = writesPerSecond > 0;
    const writer = (async () => {
      const writeRandom = mulberry32(20);
      const writerClient = new pg.Client({ connectionString: database.url });
      await writerClient.connect();
      try {
        while (writing) {
          const pair = mix[Math.floor(writeRandom() * mix.length)]!;
          const at = new Date(now.getTime() + (20 + Math.floor(writeRandom() * 8)) * DAY_MS);
          await writerClient.query(
            writes % 2 === 0
              ? `INSERT INTO external_busy_intervals (provider_id, source, external_id, starts_at, ends_at) VALUES ($1, 'bench-writer', $2, $3, $3::timestamptz + interval '30 minutes') ON CONFLICT DO NOTHING`
              : `DELETE FROM external_busy_intervals WHERE provider_id = $1 AND source = 'bench-writer' AND external_id <> $2 AND starts_at <> $3`,
            [pair.provider_id, `w${writes}`, at.toISOString()],
          );
          writes++;
          await sleep(1000 / writesPerSecond);
        }
      } finally {
        await writerClient.end();
      }
    })();

    await runClosedMix(freshAgent(clients), { urls, pick, validate, shouldStop, concurrency: clients, seconds: 5 });
    checkInterrupted();

    const agent = freshAgent(clients);
    await runClosedMix(agent, { urls, pick, validate, shouldStop, concurrency: clients, seconds: 1 });
    await database.counter.reset();
    const writesBefore = writes;
    const before = { next: treeCpuMs(server.child.pid), postgres: treeCpuMs(database.postmasterPid()), self: process.cpuUsage() };
    const saturation = await runClosedMix(agent, { urls, pick, validate, shouldStop, concurrency: clients, seconds: saturationSeconds });
    const after = { next: treeCpuMs(server.child.pid), postgres: treeCpuMs(database.postmasterPid()), self: process.cpuUsage(before.self) };
    const count = await database.counter.read();
    checkInterrupted();
    const writerStatements = writes - writesBefore;

    const openAgent = freshAgent(1024);
    await runClosedMix(openAgent, { urls, pick, validate, shouldStop, concurrency: 8, seconds: 1 });
    const openBefore = { next: treeCpuMs(server.child.pid), postgres: treeCpuMs(database.postmasterPid()) };
    const open = await runOpenLoop(openAgent, { urls, pick, validate, shouldStop, ratePerSecond: rate, seconds: openSeconds });
    const openAfter = { next: treeCpuMs(server.child.pid), postgres: treeCpuMs(database.postmasterPid()) };
    writing = false;
    await writer;
    checkInterrupted();

    // The floor: a Route Handler with one trivial query (/api/health), no tRPC, no session.
    const healthUrls = [`${baseUrl}/api/health`];
    const healthAgent = freshAgent(clients);
    await runClosedMix(healthAgent, { urls: healthUrls, pick: () => 0, shouldStop, concurrency: clients, seconds: 1 });
    const floorBefore = { next: treeCpuMs(server.child.pid), postgres: treeCpuMs(database.postmasterPid()) };
    const floor = await runClosedMix(healthAgent, { urls: healthUrls, pick: () => 0, shouldStop, concurrency: clients, seconds: 5 });
    const floorAfter = { next: treeCpuMs(server.child.pid), postgres: treeCpuMs(database.postmasterPid()) };
    checkInterrupted();

    const report: ModeReport = {
      mode,
      saturation,
      saturationCpu: {
        next: perRequestMs(before.next, after.next, saturation.requests),
        postgres: perRequestMs(before.postgres, after.postgres, saturation.requests),
        generator: (after.self.user + after.self.system) / 1000 / Math.max(1, saturation.requests),
      },
      statementsPerRequest: Math.max(0, count.statements - writerStatements) / Math.max(1, saturation.requests),
      topStatements: count.breakdown.slice(0, 4).map((stat) => `${String(stat.calls).padStart(7)} × ${stat.meanExecMs.toFixed(3)} ms: ${stat.query.replace(/\s+/g, " ").slice(0, 90)}`),
      open,
      openCpu: { next: perRequestMs(openBefore.next, openAfter.next, open.requests), postgres: perRequestMs(openBefore.postgres, openAfter.postgres, open.requests) },
      floor: {
        rps: (floor.requests / floor.durationMs) * 1000,
        next: perRequestMs(floorBefore.next, floorAfter.next, floor.requests),
        postgres: perRequestMs(floorBefore.postgres, floorAfter.postgres, floor.requests),
      },
    };
    reports.push(report);
    printMode(report, { clients, saturationSeconds, rate, openSeconds });
    for (const result of [saturation, open]) {
      if (result.errors > 0) {
        console.log(`  first errors: ${result.firstErrors.join(" | ")}`);
        const serverLines = server.output.filter((text) => /error|fail/i.test(text)).slice(-10);
        if (serverLines.length > 0) console.log(`  server log:\n    ${serverLines.join("\n    ")}`);
      }
    }
    agents.forEach((agent) => agent.destroy());
    await stopServer();
  }

  // 5. Encoding: the same answer as Dates (what the procedure sent before) and as sent now.
  const compact = (JSON.parse(checkBody) as { result: { data: { json: CompactPublicSlots } } }).result.data.json;
  const decoded = decodePublicSlots(compact);
  const timeEncode = (value: unknown) => {
    for (let i = 0; i < 50; i++) JSON.stringify(superjson.serialize(value));
    const start = performance.now();
    for (let i = 0; i < 500; i++) JSON.stringify(superjson.serialize(value));
    return (performance.now() - start) / 500;
  };
  console.log(`\nsuperjson encoding of the check answer (${decoded.slots.length} slots), this process`);
  line("as Date objects", `${timeEncode(decoded).toFixed(3)} ms, ${(JSON.stringify(superjson.serialize(decoded)).length / 1024).toFixed(1)} KiB`);
  line("as epoch minutes", `${timeEncode(compact).toFixed(3)} ms, ${(JSON.stringify(superjson.serialize(compact)).length / 1024).toFixed(1)} KiB`);

  // 6. Side by side and targets.
  console.log("\nSide by side");
  console.log(`  ${"".padEnd(34)} ${reports.map((r) => MODE_LABELS[r.mode].padStart(14)).join(" ")}`);
  const row = (label: string, value: (r: ModeReport) => string) => console.log(`  ${label.padEnd(34)} ${reports.map((r) => value(r).padStart(14)).join(" ")}`);
  row("CPU/request next (ms)", (r) => fmt(r.saturationCpu.next));
  row("CPU/request postgres (ms)", (r) => fmt(r.saturationCpu.postgres));
  row("CPU/request app + postgres (ms)", (r) => fmt(sum(r.saturationCpu.next, r.saturationCpu.postgres)));
  row("SQL statements/request", (r) => r.statementsPerRequest.toFixed(2));
  row(`throughput, ${clients} clients (req/s)`, (r) => ((r.saturation.requests / r.saturation.durationMs) * 1000).toFixed(0));
  row(`open loop ${rate}/s p50 (ms)`, (r) => summarize(r.open.latenciesMs).p50.toFixed(1));
  row(`open loop ${rate}/s p95 (ms)`, (r) => summarize(r.open.latenciesMs).p95.toFixed(1));
  row(`open loop ${rate}/s p99 (ms)`, (r) => summarize(r.open.latenciesMs).p99.toFixed(1));
  row("floor /api/health CPU next (ms)", (r) => fmt(r.floor.next));
  row("floor /api/health (req/s)", (r) => r.floor.rps.toFixed(0));

  const on = reports.find((r) => r.mode === "on") ?? reports.at(-1)!;
  const cpu = sum(on.saturationCpu.next, on.saturationCpu.postgres);
  const rps = (on.saturation.requests / on.saturation.durationMs) * 1000;
  const p95 = summarize(on.open.latenciesMs).p95;
  console.log(`\nTargets (${MODE_LABELS[on.mode]}, ${cpus.length} cores shared with the load generator)`);
  line(`≤ ${TARGET_CPU_MS} ms CPU per request`, `${cpu !== null && cpu <= TARGET_CPU_MS ? "PASS" : "FAIL"} (${fmt(cpu)} ms app + PostgreSQL)`);
  line(`≥ ${TARGET_RPS} requests/s`, `${rps >= TARGET_RPS ? "PASS" : "FAIL"} (${rps.toFixed(0)})`);
  line(`p95 < ${TARGET_P95_MS} ms at ${rate}/s`, `${p95 < TARGET_P95_MS ? "PASS" : "FAIL"} (${p95.toFixed(1)} ms)`);

  checkInterrupted();
  if (forceExplain) {
    console.log("\nEXPLAIN (ANALYZE, BUFFERS) of the engine's statements for the busiest provider, same text and parameters as the app:");
    const from = froms[0]!;
    const explained = await explainSlotQueries({ url: database.url, providerId: seed.target.providerId, serviceId: seed.target.serviceId, from, to: new Date(from.getTime() + 30 * DAY_MS), now: new Date() });
    for (const statement of explained.statements) {
      console.log(`\n-- ${statement.label}: ${statement.rows} row(s); alone over pg: p50 ${ms(statement.p50Ms)}, p95 ${ms(statement.p95Ms)}`);
      console.log(statement.plan.split("\n").map((text) => `   ${text}`).join("\n"));
    }
  }
  return reports.some((r) => r.saturation.errors + r.open.errors > 0) ? 1 : 0;
}

function sum(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

function printMode(r: ModeReport, o: { clients: number; saturationSeconds: number; rate: number; openSeconds: number }) {
  const sat = summarize(r.saturation.latenciesMs);
  console.log(`Saturation: closed loop, ${o.clients} clients, ${o.saturationSeconds} s`);
  line("requests", `${r.saturation.requests} (${r.saturation.errors} errors) → ${((r.saturation.requests / r.saturation.durationMs) * 1000).toFixed(1)} req/s`);
  line("latency p50/p95 (queueing)", `${ms(sat.p50)} / ${ms(sat.p95)}`);
  line("CPU per request", `next ${fmt(r.saturationCpu.next)} ms, postgres ${fmt(r.saturationCpu.postgres)} ms, load generator ${fmt(r.saturationCpu.generator)} ms`);
  line("SQL statements", `${r.statementsPerRequest.toFixed(2)} per request`);
  for (const text of r.topStatements) console.log(`    ${text}`);
  const open = summarize(r.open.latenciesMs);
  console.log(`Open loop: ${o.rate} requests/s on schedule for ${o.openSeconds} s (latency from the scheduled send)`);
  line("requests", `${r.open.requests} (${r.open.errors} errors), sender lag max ${ms(r.open.maxSendLagMs)}`);
  line("latency p50/p95/p99/max", `${ms(open.p50)} / ${ms(open.p95)} / ${ms(open.p99)} / ${ms(open.max)}`);
  line("CPU per request", `next ${fmt(r.openCpu.next)} ms, postgres ${fmt(r.openCpu.postgres)} ms`);
  console.log(`Floor: GET /api/health (Route Handler, one trivial query), closed loop, ${o.clients} clients, 5 s`);
  line("throughput", `${r.floor.rps.toFixed(1)} req/s`);
  line("CPU per request", `next ${fmt(r.floor.next)} ms, postgres ${fmt(r.floor.postgres)} ms`);
}

main()
  .then((code) => shutdown(code))
  .catch(async (error: unknown) => {
    if (error instanceof Interrupted || cleaning) return shutdown(130);
    console.error(error instanceof ConfigError ? `\nbench:api: ${error.message}` : error);
    await shutdown(1);
  });
