/**
 * `npm run bench:notify`: throughput and resilience of the notification pipeline end to end. The
 * real job worker (scripts/worker.ts, as a child process) drains booking events from the outbox and
 * sends email (SendGrid) and WhatsApp (Twilio) to the local cloud's emulators.
 *
 * 1. A fresh embedded PostgreSQL in a temp dir (fsync off, pg_stat_statements, as bench:api), or a
 *    fresh database on the server DATABASE_URL names (dropped at the end); migrations (ours and
 *    graphile-worker's). The local cloud in this process (SendGrid, Twilio, Blob); its webhooks go
 *    to a sink here that answers 200 (the worker does not need them).
 * 2. A world made by the factories and the booking use cases: providers (a share with WhatsApp
 *    notices), signed-in patients with a mobile number (a share opted in to WhatsApp). Each batch is
 *    N bookings held and confirmed through holdSlot/confirmBooking, which write the booking.confirmed
 *    outbox events as the product does. A booking yields an email to the patient and to the provider,
 *    plus WhatsApp (approved templates) to opted-in patients and to providers with WhatsApp notices.
 * 3. Throughput, once per --concurrency value, each on a fresh batch queued before its worker
 *    starts. The worker is spawned as `node --import tsx scripts/worker.ts` (so its pid is the worker,
 *    not a tsx wrapper) and held at a gate until it is ready (the job table locked until its first
 *    heartbeat), so start-up is not measured. Reported: messages/s from the first to the last send
 *    (and from release to the last send), CPU per 1,000 messages of the worker, of PostgreSQL and of
 *    this process (the emulators), SQL statements per message, and the batch verified against the
 *    vendors (each message accepted exactly once). CPU per message and statements per message do
 *    not depend on how busy the shared machine is; messages/s does, so the 1-min load is printed.
 * 4. Chaos, on a fresh batch with WORKER_CONCURRENCY --chaos-concurrency: SendGrid and Twilio refuse
 *    --chaos-fraction of API requests (sends and lookups) for --chaos-seconds, answering 429, 503
 *    and 500 in turn (20 s each). Once --kill-at of the batch was accepted the worker is killed with
 *    SIGKILL (no shutdown) and a new one started at once. Its heartbeat reaper frees the dead
 *    worker's jobs after ~30 s; a send the dead worker left SENDING is checked with the vendor only
 *    IN_DOUBT_AFTER_MS (90 s) after it started. The bench waits until every notification of the
 *    batch has settled (no PENDING or SENDING left; --timeout-seconds at most), then prints expected,
 *    sent (unique references accepted by the vendors), duplicated, lost, dead-lettered and the
 *    recovery times.
 * 5. A summary table. Exit 1 if any message was duplicated or lost, a batch did not settle, or the
 *    setup failed; 0 otherwise, whatever the speed (a benchmark, not a test).
 *
 * Flags (`npm run bench:notify -- --bookings 300 --chaos-seconds 30`):
 *   --bookings N            confirmed bookings per batch (default 1100, about 3,000 messages)
 *   --providers N           providers (default 24; each has ~570 free slots over 62 days)
 *   --patients N            patients (default 800; bookings pick one at random)
 *   --whatsapp-share F      share of patients opted in to WhatsApp (default 0.5)
 *   --provider-whatsapp F   share of providers with WhatsApp notices (default 0.25)
 *   --concurrency LIST      WORKER_CONCURRENCY of each throughput run, in order (default 10,5,20)
 *   --chaos-concurrency N   WORKER_CONCURRENCY of the chaos run (default 10)
 *   --chaos-fraction F      share of vendor requests refused during chaos (default 0.5)
 *   --chaos-seconds S       how long the vendors misbehave (default 120; env BENCH_CHAOS_SECONDS)
 *   --kill-at F             share of the chaos batch accepted before the SIGKILL (default 0.3)
 *   --timeout-seconds S     longest wait for the chaos batch to settle (default 900)
 *   --activity-limit N      SendGrid Email Activity requests a minute (default 600; SendGrid's
 *                           live allowance is 6, use --activity-limit 6 to see its effect)
 *   --seed N                seed of the world and of the chaos (default 7)
 *   --cpu-prof DIR          throughput workers run with node --cpu-prof and write their profiles to DIR
 *   --skip-throughput, --skip-chaos
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { startLocalCloud, type LocalCloud } from "../local-cloud";
import type { ChaosStatus } from "../local-cloud/lib/chaos";
import { runMigrations } from "../src/server/db/migrate";
import { treeCpuMs } from "./bench/cpu";
import { startBenchDatabase, type StatementCounter } from "./bench/database";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHAOS_STATUSES: ChaosStatus[] = [429, 503, 500];
const CHAOS_ROTATE_MS = 20_000;
const SETTLED = new Set(["SENT", "DELIVERED", "READ", "FAILED", "DEAD", "SKIPPED"]);

class ConfigError extends Error {}
class Interrupted extends Error {}

// ---------------------------------------------------------------------------------------------
// Flags

const { values: flags } = (() => {
  try {
    return parseArgs({
      options: {
        bookings: { type: "string" },
        providers: { type: "string" },
        patients: { type: "string" },
        "whatsapp-share": { type: "string" },
        "provider-whatsapp": { type: "string" },
        concurrency: { type: "string" },
        "chaos-concurrency": { type: "string" },
        "chaos-fraction": { type: "string" },
        "chaos-seconds": { type: "string" },
        "kill-at": { type: "string" },
        "timeout-seconds": { type: "string" },
        "activity-limit": { type: "string" },
        seed: { type: "string" },
        "cpu-prof": { type: "string" },
        "skip-throughput": { type: "boolean" },
        "skip-chaos": { type: "boolean" },
      },
      strict: true,
    });
  } catch (error) {
    console.error(`bench:notify: ${(error as Error).message} (the flags are listed at the top of scripts/bench-notify.ts)`);
    process.exit(1);
  }
})();

function intFlag(name: keyof typeof flags, fallback: number, min = 1, env?: string): number {
  const raw = (flags[name] as string | undefined) ?? (env ? process.env[env] : undefined);
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`--${name} must be a whole number ≥ ${min} (got "${raw}").`);
  return value;
}

function shareFlag(name: keyof typeof flags, fallback: number): number {
  const raw = flags[name] as string | undefined;
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new ConfigError(`--${name} must be a number from 0 to 1 (got "${raw}").`);
  return value;
}

function listFlag(name: keyof typeof flags, fallback: number[]): number[] {
  const raw = flags[name] as string | undefined;
  if (raw === undefined || raw === "") return fallback;
  const values = raw.split(",").map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1 || value > 100)) {
    throw new ConfigError(`--${name} must be a comma-separated list of whole numbers from 1 to 100 (got "${raw}").`);
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// Cleanup (same shape as bench:api): everything started is stopped, in reverse order, Ctrl-C too.

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

function checkInterrupted(): void {
  if (cleaning) throw new Interrupted();
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the worker, the local cloud and the database…`);
    void shutdown(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Output helpers

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(30)} ${value}`);
const loadAvg = () => (os.loadavg()[0] ?? 0).toFixed(2);
const perThousand = (ms: number | null, messages: number) => (ms === null || messages === 0 ? null : ms / messages);

function table(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)));
  const render = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  console.log(`  ${render(headers)}`);
  console.log(`  ${widths.map((width) => "-".repeat(width)).join("  ")}`);
  for (const row of rows) console.log(`  ${render(row)}`);
}

// ---------------------------------------------------------------------------------------------
// Database

interface BenchDb {
  url: string;
  kind: string;
  settings: string;
  counter: StatementCounter | null;
  postmasterPid(): number | null;
  stop(): Promise<void>;
}

async function openDatabase(): Promise<BenchDb> {
  const external = process.env.DATABASE_URL;
  if (!external) {
    const database = await startBenchDatabase((text) => console.log(text));
    return { url: database.url, kind: "embedded PostgreSQL (temp dir)", settings: database.settings, counter: database.counter, postmasterPid: database.postmasterPid, stop: database.stop };
  }
  const name = `medbookings_bench_notify_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: external });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(external);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    kind: `fresh database ${name} on DATABASE_URL's server`,
    settings: "as configured on that server",
    counter: null,
    postmasterPid: () => null,
    stop: async () => {
      const client = new pg.Client({ connectionString: external });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Webhook sink: the emulators post delivery events and status callbacks to the app; nothing here
// needs them, but answering 200 keeps the emulators from retrying into a closed port.

async function startWebhookSink(): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits += 1;
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Worker processes

interface WorkerProcess {
  label: string;
  child: ChildProcess;
  pid: number;
  spawnedAt: number;
  output: string[];
  warnings: Map<string, number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
}

let workerEnv: NodeJS.ProcessEnv = process.env;
const liveWorkers = new Set<WorkerProcess>();

function spawnWorker(concurrency: number, label: string, profileDir?: string): WorkerProcess {
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  // `node --import tsx` rather than the tsx CLI: the CLI runs the script in a second node process,
  // and /proc of the pid we hold would then measure the wrapper, not the worker.
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...workerEnv, WORKER_CONCURRENCY: String(concurrency) },
  });
  if (!child.pid) throw new ConfigError(`Could not start the worker (${label}).`);
  const output: string[] = [];
  const warnings = new Map<string, number>();
  const keep = (chunk: Buffer) => {
    for (const text of chunk.toString("utf8").split("\n").filter(Boolean)) {
      output.push(text);
      try {
        const parsed = JSON.parse(text) as { msg?: string; level?: number };
        if (parsed.msg) warnings.set(parsed.msg, (warnings.get(parsed.msg) ?? 0) + 1);
      } catch {
        warnings.set(text.slice(0, 120), (warnings.get(text.slice(0, 120)) ?? 0) + 1);
      }
    }
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });
  const worker: WorkerProcess = { label, child, pid: child.pid, spawnedAt: Date.now(), output, warnings, exited, isRunning: () => running };
  liveWorkers.add(worker);
  void exited.then(() => liveWorkers.delete(worker));
  return worker;
}

async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (!worker.isRunning()) return;
  const force = setTimeout(() => worker.child.kill("SIGKILL"), 20_000);
  worker.child.kill("SIGTERM");
  await worker.exited;
  clearTimeout(force);
}

stops.push(async () => {
  await Promise.all([...liveWorkers].map((worker) => stopWorker(worker)));
});
process.once("exit", () => {
  for (const worker of liveWorkers) if (worker.isRunning()) worker.child.kill("SIGKILL");
});

function peakRssMiB(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function describeExit(worker: WorkerProcess): string {
  return `${worker.label} exited early:\n    ${worker.output.slice(-20).join("\n    ")}`;
}

/**
 * Starts a worker on a full queue without measuring its start-up: the job table is locked
 * (EXCLUSIVE: reads pass, taking a job waits) until the worker's first heartbeat, which it writes
 * when graphile-worker creates its workers, i.e. once modules, migrations check and pool are ready.
 */
async function startGatedWorker(url: string, concurrency: number, label: string, profileDir?: string): Promise<{ worker: WorkerProcess; release(): Promise<void>; gateMs: number }> {
  const gate = new pg.Client({ connectionString: url });
  await gate.connect();
  await gate.query("BEGIN");
  await gate.query("LOCK TABLE graphile_worker._private_jobs IN EXCLUSIVE MODE");
  const before = new Set((await gate.query<{ worker_id: string }>("SELECT worker_id FROM job_worker_heartbeats")).rows.map((row) => row.worker_id));
  const started = performance.now();
  const worker = spawnWorker(concurrency, label, profileDir);
  const deadline = started + 120_000;
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  try {
    for (;;) {
      if (!worker.isRunning()) throw new ConfigError(describeExit(worker));
      const rows = (await watcher.query<{ worker_id: string }>("SELECT worker_id FROM job_worker_heartbeats")).rows;
      if (rows.some((row) => !before.has(row.worker_id))) break;
      if (performance.now() > deadline) throw new ConfigError(`${label} did not start within 120 s:\n    ${worker.output.slice(-20).join("\n    ")}`);
      await sleep(25);
    }
  } finally {
    await watcher.end();
  }
  const gateMs = performance.now() - started;
  return {
    worker,
    gateMs,
    release: async () => {
      await gate.query("COMMIT");
      await gate.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Measurement

interface CpuSample {
  worker: number | null;
  postgres: number | null;
  self: NodeJS.CpuUsage;
}

function sampleCpu(worker: WorkerProcess, database: BenchDb): CpuSample {
  return { worker: treeCpuMs(worker.pid), postgres: treeCpuMs(database.postmasterPid()), self: process.cpuUsage() };
}

function cpuBetween(before: CpuSample, after: CpuSample) {
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  const selfUs = after.self.user + after.self.system - (before.self.user + before.self.system);
  return { worker: diff(before.worker, after.worker), postgres: diff(before.postgres, after.postgres), self: selfUs / 1000 };
}

function acceptedByReference(cloud: LocalCloud): Map<string, number> {
  const merged = new Map<string, number>();
  for (const emulator of [cloud.sendgrid?.emulator, cloud.twilio?.emulator]) {
    for (const [reference, count] of emulator?.acceptedByReference() ?? []) merged.set(reference, (merged.get(reference) ?? 0) + count);
  }
  return merged;
}

function totalAccepted(cloud: LocalCloud): number {
  let total = 0;
  for (const count of acceptedByReference(cloud).values()) total += count;
  return total;
}

// ---------------------------------------------------------------------------------------------

type World = typeof import("./lib/bench-notify-world");

interface Verdict {
  expected: number;
  notifications: number;
  missingNotifications: number;
  extraNotifications: number;
  sent: number;
  duplicated: number;
  lost: number;
  dead: number;
  statuses: Record<string, number>;
  duplicatedIds: string[];
  lostIds: string[];
}

async function verifyBatch(world: World, db: import("../src/server/db/client").Database, cloud: LocalCloud, batch: { bookingIds: string[]; expected: Array<{ bookingId: string; recipient: string; channel: string }> }): Promise<Verdict> {
  const rows = await world.batchNotifications(db, batch.bookingIds);
  const key = (row: { bookingId: string | null; recipient: string; channel: string }) => `${row.bookingId}|${row.recipient}|${row.channel}`;
  const wanted = new Map<string, number>();
  for (const message of batch.expected) wanted.set(key(message), (wanted.get(key(message)) ?? 0) + 1);
  let missing = 0;
  let extra = 0;
  const made = new Map<string, number>();
  for (const row of rows) made.set(key(row), (made.get(key(row)) ?? 0) + 1);
  for (const [k, n] of wanted) missing += Math.max(0, n - (made.get(k) ?? 0));
  for (const [k, n] of made) extra += Math.max(0, n - (wanted.get(k) ?? 0));
  const accepted = acceptedByReference(cloud);
  const statuses: Record<string, number> = {};
  const duplicatedIds: string[] = [];
  const lostIds: string[] = [];
  let sent = 0;
  let dead = 0;
  for (const row of rows) {
    statuses[row.status] = (statuses[row.status] ?? 0) + 1;
    const count = accepted.get(row.id) ?? 0;
    if (count >= 1) sent += 1;
    if (count > 1) duplicatedIds.push(row.id);
    if (count === 0) lostIds.push(row.id);
    if (row.status === "DEAD") dead += 1;
  }
  return {
    expected: batch.expected.length,
    notifications: rows.length,
    missingNotifications: missing,
    extraNotifications: extra,
    sent,
    duplicated: duplicatedIds.length,
    // A message the product never created is lost as surely as one it never sent.
    lost: lostIds.length + missing,
    dead,
    statuses,
    duplicatedIds,
    lostIds,
  };
}

function printVerdict(verdict: Verdict): void {
  line("expected messages", String(verdict.expected));
  line("notifications created", `${verdict.notifications}${verdict.missingNotifications ? `, ${verdict.missingNotifications} MISSING` : ""}${verdict.extraNotifications ? `, ${verdict.extraNotifications} beyond the expected (fallbacks?)` : ""}`);
  line("statuses", Object.entries(verdict.statuses).map(([status, n]) => `${status} ${n}`).join(", "));
  line("sent (accepted by a vendor)", String(verdict.sent));
  line("duplicated", verdict.duplicated === 0 ? "0" : `${verdict.duplicated}  <<<<<<<<<< DUPLICATES`);
  line("lost", verdict.lost === 0 ? "0" : `${verdict.lost}  <<<<<<<<<< LOST (never accepted${verdict.dead ? `, ${verdict.dead} of them dead-lettered` : ""})`);
  line("dead-lettered", String(verdict.dead));
}

async function eventCounts(client: pg.Client, bookingIds: string[], since: Date | null) {
  const result = await client.query<{ kind: string; n: string }>(
    `SELECT CASE
              WHEN e.detail LIKE 'retry in %' THEN 'retry'
              WHEN e.detail LIKE 'asking the vendor again%' THEN 'lookup-failed'
              WHEN e.detail LIKE 'found at the vendor%' THEN 'found-at-vendor'
              WHEN e.detail LIKE 'interrupted attempt did not reach%' THEN 'resent-after-check'
              WHEN e.detail LIKE 'gave up after%' OR e.detail LIKE 'could not learn%' THEN 'dead'
              ELSE 'other' END AS kind, count(*) AS n
       FROM notification_events e JOIN notifications n ON n.id = e.notification_id
       WHERE n.booking_id = ANY($1::uuid[]) AND ($2::timestamptz IS NULL OR e.occurred_at >= $2)
       GROUP BY 1`,
    [bookingIds, since?.toISOString() ?? null],
  );
  return Object.fromEntries(result.rows.map((row) => [row.kind, Number(row.n)])) as Record<string, number>;
}

async function strandedCount(client: pg.Client, bookingIds: string[]): Promise<number> {
  const result = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM notifications n
     WHERE n.booking_id = ANY($1::uuid[]) AND n.status = 'PENDING'
       AND NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs j WHERE j.key = 'notification:' || n.id)`,
    [bookingIds],
  );
  return Number(result.rows[0]?.n ?? 0);
}

async function statusCounts(client: pg.Client, bookingIds: string[]): Promise<Record<string, number>> {
  const result = await client.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM notifications WHERE booking_id = ANY($1::uuid[]) GROUP BY status`, [bookingIds]);
  return Object.fromEntries(result.rows.map((row) => [row.status, Number(row.n)]));
}

/**
 * created_at is the drain transaction's start (one transaction per 100 events) and sent_at the
 * send job's start, both on the database clock: when the outbox ran dry, and how fast the sends
 * went once every message of the batch was queued.
 */
async function drainTimeline(client: pg.Client, bookingIds: string[]) {
  const result = await client.query<{ drained: string; last_sent: string; after: string }>(
    `WITH b AS (SELECT created_at, sent_at FROM notifications WHERE booking_id = ANY($1::uuid[])),
          d AS (SELECT max(created_at) AS drained FROM b)
     SELECT extract(epoch FROM d.drained) * 1000 AS drained, extract(epoch FROM max(b.sent_at)) * 1000 AS last_sent,
            count(*) FILTER (WHERE b.sent_at >= d.drained) AS after
     FROM b CROSS JOIN d GROUP BY d.drained`,
    [bookingIds],
  );
  const row = result.rows[0];
  if (!row || row.last_sent === null) return null;
  return { drainedAt: Number(row.drained), lastSentAt: Number(row.last_sent), sentAfterDrain: Number(row.after) };
}

/** What happened to a lost or duplicated message: its row, whether a send job still exists, and its history. */
async function explainReferences(client: pg.Client, label: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const result = await client.query<{ id: string; channel: string; recipient: string; status: string; attempts: number; jobs: string; history: string }>(
    `SELECT n.id, n.channel, n.recipient, n.status, n.attempts,
            (SELECT count(*) FROM graphile_worker._private_jobs j WHERE j.key = 'notification:' || n.id) AS jobs,
            (SELECT string_agg(e.status || coalesce(' (' || e.detail || ')', ''), ' → ' ORDER BY e.id) FROM notification_events e WHERE e.notification_id = n.id) AS history
     FROM notifications n WHERE n.id = ANY($1::uuid[])`,
    [ids.slice(0, 10)],
  );
  console.log(`  ${label} (first ${Math.min(10, ids.length)} of ${ids.length}):`);
  for (const row of result.rows) {
    console.log(`    ${row.id} ${row.recipient} ${row.channel}: ${row.status}, ${row.attempts} attempt(s), ${row.jobs} send job(s) queued`);
    console.log(`      ${row.history}`);
  }
}

const unsettled = (statuses: Record<string, number>) => Object.entries(statuses).reduce((sum, [status, n]) => sum + (SETTLED.has(status) ? 0 : n), 0);
const formatStatuses = (statuses: Record<string, number>) => Object.entries(statuses).sort().map(([status, n]) => `${status} ${n}`).join(" ") || "none yet";

const FREED_WARNING = "freed jobs locked by workers that stopped";

function printWarnings(worker: WorkerProcess, noWorkerDied: boolean): void {
  const entries = [...worker.warnings].filter(([message]) => message !== "job worker started" && message !== "job worker stopping");
  if (entries.length === 0) return;
  console.log(`  ${worker.label} logged (warn and above):`);
  for (const [message, n] of entries.sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${String(n).padStart(6)} × ${message}`);
  if (noWorkerDied && worker.warnings.has(FREED_WARNING)) {
    console.log(`    !!! no worker died in this run: the heartbeat reaper freed jobs of the live worker (running jobs become runnable again)`);
  }
}

// ---------------------------------------------------------------------------------------------

interface ThroughputResult {
  concurrency: number;
  messages: number;
  seedMs: number;
  gateMs: number;
  releaseToLastMs: number | null;
  firstToLastMs: number | null;
  /** When the drain's last batch of notifications was created, after the release. */
  drainedMs: number | null;
  /** Sends that started after the outbox was drained, and how long they took: the send rate with a full queue. */
  afterDrain: { messages: number; ms: number } | null;
  cpu: { worker: number | null; postgres: number | null; self: number };
  statements: number | null;
  topStatements: Array<{ calls: number; meanExecMs: number; meanPlanMs: number; query: string }>;
  peakRss: number | null;
  loadBefore: string;
  loadAfter: string;
  verdict: Verdict;
  complete: boolean;
}

interface ChaosResult {
  concurrency: number;
  messages: number;
  verdict: Verdict;
  settled: boolean;
  killed: boolean;
  inFlightAtKill: number;
  acceptedAtKill: number;
  killToSettledMs: number | null;
  chaosEndToSettledMs: number | null;
  totalMs: number;
  events: Record<string, number>;
  eventsAfterKill: Record<string, number>;
}

async function main(): Promise<number> {
  const bookingsPerBatch = intFlag("bookings", 1100);
  const providerCount = intFlag("providers", 24);
  const patientCount = intFlag("patients", 800);
  const whatsappShare = shareFlag("whatsapp-share", 0.5);
  const providerWhatsappShare = shareFlag("provider-whatsapp", 0.25);
  const concurrencies = flags["skip-throughput"] ? [] : listFlag("concurrency", [10, 5, 20]);
  const chaosConcurrency = intFlag("chaos-concurrency", 10);
  const chaosFraction = shareFlag("chaos-fraction", 0.5);
  const chaosMs = intFlag("chaos-seconds", 120, 1, "BENCH_CHAOS_SECONDS") * 1000;
  const killAt = shareFlag("kill-at", 0.3);
  const timeoutMs = intFlag("timeout-seconds", 900) * 1000;
  const activityLimit = intFlag("activity-limit", 600);
  const seed = intFlag("seed", 7, 0);
  const runChaos = !flags["skip-chaos"];
  if (chaosConcurrency > 100) throw new ConfigError("--chaos-concurrency must be at most 100.");

  const benchStarted = performance.now();
  const cpus = os.cpus();
  console.log("bench:notify — outbox → notifications → SendGrid/Twilio emulators, through the real job worker");
  line("machine", `${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load avg ${os.loadavg().map((v) => v.toFixed(2)).join(" ")}`);
  line("node", `${process.version} (${os.platform()} ${os.arch()})`);

  // 1. Database, local cloud, environment.
  let t0 = performance.now();
  const database = await openDatabase();
  stops.push(() => database.stop());
  await runMigrations(database.url);
  console.log(`\nDatabase ready in ${seconds(performance.now() - t0)}: ${database.kind}`);
  line("server", database.settings);
  if (database.counter) line("statement counting", database.counter.method);
  checkInterrupted();

  const sink = await startWebhookSink();
  stops.push(() => sink.close());
  const cloud = await startLocalCloud({
    appUrl: sink.url,
    accounts: [],
    vendors: ["sendgrid", "twilio", "blob"],
    host: "127.0.0.1",
    sendgridActivityRateLimit: { limit: activityLimit, windowMs: 60_000 },
  });
  stops.push(() => cloud.close());
  line("local cloud", `SendGrid ${cloud.urls.sendgrid}, Twilio ${cloud.urls.twilio}, Blob ${cloud.urls.blob}; webhooks → sink ${sink.url}`);
  line("SendGrid Email Activity", `${activityLimit} requests a minute${activityLimit > 6 ? " (raised for the bench; SendGrid allows 6)" : ""}`);

  const secrets = { NEXTAUTH_SECRET: randomBytes(32).toString("base64"), TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  const appEnv: Record<string, string> = {
    DATABASE_URL: database.url,
    NEXTAUTH_URL: sink.url,
    ...secrets,
    GOOGLE_CLIENT_ID: "bench-google-client-id",
    GOOGLE_CLIENT_SECRET: "bench-google-client-secret",
    ...cloud.env,
    LOG_LEVEL: "warn",
  };
  // The booking use cases below read env.mjs, as the app does; the worker gets the same values.
  Object.assign(process.env, appEnv);
  workerEnv = { ...process.env, ...appEnv, NODE_ENV: "production" };

  const world: World = await import("./lib/bench-notify-world");
  const { createDatabase } = await import("../src/server/db/client");
  const seedLanes = 4;
  const handle = createDatabase(database.url, { max: seedLanes + 2 });
  stops.push(() => handle.close());
  const observer = new pg.Client({ connectionString: database.url });
  await observer.connect();
  stops.push(() => observer.end());

  // 2. World.
  t0 = performance.now();
  const random = world.mulberry32(seed);
  const benchWorld = await world.createBenchWorld({
    db: handle.db,
    providers: providerCount,
    patients: patientCount,
    whatsappShare,
    providerWhatsappShare,
    random,
    now: new Date(),
  });
  const batches = concurrencies.length + (runChaos ? 1 : 0);
  console.log(`\nWorld in ${seconds(performance.now() - t0)}: ${providerCount} providers (${benchWorld.providers.filter((p) => p.whatsappNotices).length} with WhatsApp notices), ${patientCount} patients (${benchWorld.patients.filter((p) => p.whatsapp).length} opted in to WhatsApp), ${benchWorld.freeSlots()} free slots`);
  if (benchWorld.freeSlots() < batches * bookingsPerBatch) {
    throw new ConfigError(`${batches} batches of ${bookingsPerBatch} bookings need ${batches * bookingsPerBatch} slots; the providers have ${benchWorld.freeSlots()}. Raise --providers.`);
  }
  checkInterrupted();

  let batchNumber = 0;
  const seedBatch = async (label: string) => {
    batchNumber += 1;
    const batch = await world.seedConfirmedBookings({ db: handle.db, world: benchWorld, count: bookingsPerBatch, lanes: seedLanes, random, clientPrefix: `batch ${batchNumber}` });
    const byKind = new Map<string, number>();
    for (const message of batch.expected) byKind.set(`${message.recipient.toLowerCase()} ${message.channel}`, (byKind.get(`${message.recipient.toLowerCase()} ${message.channel}`) ?? 0) + 1);
    console.log(`\n${label}: ${batch.bookingIds.length} bookings confirmed in ${seconds(batch.ms)} (${(batch.bookingIds.length / (batch.ms / 1000)).toFixed(0)}/s through holdSlot + confirmBooking), up to ${batch.maxBookingsPerPatient} per patient`);
    line("messages expected", `${batch.expected.length}: ${[...byKind].sort().map(([kind, n]) => `${n} ${kind}`).join(", ")}`);
    return batch;
  };

  // 3. Throughput.
  const throughput: ThroughputResult[] = [];
  let failed = false;
  for (const concurrency of concurrencies) {
    checkInterrupted();
    const batch = await seedBatch(`Throughput run, WORKER_CONCURRENCY=${concurrency}`);
    const baseline = totalAccepted(cloud);
    const gated = await startGatedWorker(database.url, concurrency, `worker (concurrency ${concurrency})`, flags["cpu-prof"]);
    line("worker ready (not measured)", `${seconds(gated.gateMs)} after spawn, pid ${gated.worker.pid}; jobs held until now`);
    await database.counter?.reset();
    const loadBefore = loadAvg();
    const cpuBefore = sampleCpu(gated.worker, database);
    const released = performance.now();
    const releasedAt = Date.now();
    await gated.release();
    let firstAt: number | null = null;
    let lastAt: number | null = null;
    let cpuAfter: CpuSample | null = null;
    const deadline = released + Math.max(300_000, batch.expected.length * 200);
    for (;;) {
      await sleep(100);
      checkInterrupted();
      const sent = totalAccepted(cloud) - baseline;
      const now = performance.now();
      if (sent > 0 && firstAt === null) firstAt = now;
      if (sent >= batch.expected.length) {
        lastAt = now;
        cpuAfter = sampleCpu(gated.worker, database);
        break;
      }
      if (!gated.worker.isRunning()) throw new ConfigError(describeExit(gated.worker));
      if (now > deadline) {
        cpuAfter = sampleCpu(gated.worker, database);
        break;
      }
    }
    const loadAfter = loadAvg();
    const peakRss = peakRssMiB(gated.worker.pid);
    const count = database.counter ? await database.counter.read() : null;
    // Let the last SENT marks commit before checking the rows.
    const settleBy = performance.now() + 30_000;
    while (unsettled(await statusCounts(observer, batch.bookingIds)) > 0 && performance.now() < settleBy) await sleep(200);
    const verdict = await verifyBatch(world, handle.db, cloud, batch);
    await stopWorker(gated.worker);
    const timeline = await drainTimeline(observer, batch.bookingIds);
    const result: ThroughputResult = {
      concurrency,
      messages: batch.expected.length,
      seedMs: batch.ms,
      gateMs: gated.gateMs,
      releaseToLastMs: lastAt === null ? null : lastAt - released,
      firstToLastMs: lastAt === null || firstAt === null ? null : lastAt - firstAt,
      drainedMs: timeline ? timeline.drainedAt - releasedAt : null,
      afterDrain: timeline && timeline.lastSentAt > timeline.drainedAt ? { messages: timeline.sentAfterDrain, ms: timeline.lastSentAt - timeline.drainedAt } : null,
      cpu: cpuBetween(cpuBefore, cpuAfter!),
      statements: count?.statements ?? null,
      topStatements: (count?.breakdown ?? []).slice(0, 12).map((stat) => ({ calls: stat.calls, meanExecMs: stat.meanExecMs ?? 0, meanPlanMs: stat.meanPlanMs ?? 0, query: stat.query })),
      peakRss,
      loadBefore,
      loadAfter,
      verdict,
      complete: lastAt !== null,
    };
    throughput.push(result);
    printThroughput(result);
    await explainReferences(observer, "duplicated", verdict.duplicatedIds);
    await explainReferences(observer, "lost", verdict.lostIds);
    printWarnings(gated.worker, true);
    if (!result.complete || verdict.duplicated > 0 || verdict.lost > 0) failed = true;
  }

  // 4. Chaos.
  let chaos: ChaosResult | null = null;
  if (runChaos) {
    checkInterrupted();
    chaos = await chaosRun({ world, db: handle.db, observer, database, cloud, concurrency: chaosConcurrency, fraction: chaosFraction, durationMs: chaosMs, killAt, timeoutMs, seed, seedBatch });
    if (!chaos.settled || chaos.verdict.duplicated > 0 || chaos.verdict.lost > 0) failed = true;
  }

  // 5. Summary.
  console.log(`\nSummary (whole bench ${seconds(performance.now() - benchStarted)}; webhook sink received ${sink.hits()} posts)`);
  if (throughput.length > 0) {
    table(
      ["throughput run", "messages", "msg/s first→last", "msg/s release→last", "msg/s after drain", "worker CPU s/1k", "postgres CPU s/1k", "emulators CPU s/1k", "SQL/msg", "dup", "lost"],
      throughput.map((r) => {
        const fmt = (ms: number | null) => (ms === null ? "n/a" : perThousand(ms, r.messages)!.toFixed(2));
        return [
          `concurrency ${r.concurrency}`,
          String(r.messages),
          r.firstToLastMs === null ? "incomplete" : (r.messages / (r.firstToLastMs / 1000)).toFixed(1),
          r.releaseToLastMs === null ? "incomplete" : (r.messages / (r.releaseToLastMs / 1000)).toFixed(1),
          r.afterDrain === null ? "n/a" : (r.afterDrain.messages / (r.afterDrain.ms / 1000)).toFixed(1),
          fmt(r.cpu.worker),
          fmt(r.cpu.postgres),
          fmt(r.cpu.self),
          r.statements === null ? "n/a" : (r.statements / r.messages).toFixed(1),
          String(r.verdict.duplicated),
          String(r.verdict.lost),
        ];
      }),
    );
    const reference = throughput[0]!;
    const referenceMs = reference.firstToLastMs;
    if (throughput.length > 1 && referenceMs !== null) {
      const ratios = throughput.slice(1).map((r) => `${r.concurrency} vs ${reference.concurrency}: ${r.firstToLastMs === null ? "n/a" : (referenceMs / r.firstToLastMs).toFixed(2)}× msg/s, ${r.cpu.worker === null || reference.cpu.worker === null ? "n/a" : ((r.cpu.worker / r.messages) / (reference.cpu.worker / reference.messages)).toFixed(2)}× worker CPU per message`);
      line("side by side (this run)", ratios.join("; "));
    }
    const best = Math.max(...throughput.map((r) => (r.firstToLastMs === null ? 0 : r.messages / (r.firstToLastMs / 1000))));
    line("target ≥ 100 msg/s on 2 cores", `${best >= 100 ? "PASS" : "FAIL"} (best ${best.toFixed(1)} msg/s; machine shared, 1-min load during runs ${throughput.map((r) => r.loadAfter).join(", ")})`);
  }
  if (chaos) {
    console.log("");
    table(
      ["chaos + SIGKILL run", "expected", "sent", "duplicated", "lost", "dead-lettered", "kill→settled", "chaos end→settled", "total"],
      [
        [
          `concurrency ${chaos.concurrency}, ${Math.round(chaosFraction * 100)}% refused for ${seconds(chaosMs)}`,
          String(chaos.verdict.expected),
          String(chaos.verdict.sent),
          String(chaos.verdict.duplicated),
          String(chaos.verdict.lost),
          String(chaos.verdict.dead),
          chaos.killToSettledMs === null ? (chaos.killed ? "unsettled" : "not killed") : seconds(chaos.killToSettledMs),
          chaos.chaosEndToSettledMs === null ? "n/a" : seconds(chaos.chaosEndToSettledMs),
          seconds(chaos.totalMs),
        ],
      ],
    );
  }
  if (failed) {
    console.log("\n!!!!!!!!!! FAILED: a batch lost or duplicated messages, or did not finish. Details above. !!!!!!!!!!");
    return 1;
  }
  return 0;
}

function printThroughput(r: ThroughputResult): void {
  const rate = (ms: number | null) => (ms === null ? "incomplete" : `${(r.messages / (ms / 1000)).toFixed(1)} msg/s (${seconds(ms)})`);
  const per = (ms: number | null) => (ms === null ? "n/a" : `${(perThousand(ms, r.messages)!).toFixed(2)} s`);
  line("first → last send", rate(r.firstToLastMs));
  line("release → last send", rate(r.releaseToLastMs));
  if (r.drainedMs !== null) line("outbox drained", `last notifications created ${seconds(r.drainedMs)} after release (${(r.messages / (r.drainedMs / 1000)).toFixed(1)} notifications/s, while sending)`);
  if (r.afterDrain) line("sends once all were queued", `${r.afterDrain.messages} in ${seconds(r.afterDrain.ms)} → ${(r.afterDrain.messages / (r.afterDrain.ms / 1000)).toFixed(1)} msg/s`);
  line("CPU per 1,000 messages", `worker ${per(r.cpu.worker)}, postgres ${per(r.cpu.postgres)}, this process (emulators, sink) ${per(r.cpu.self)}`);
  if (r.cpu.worker !== null && r.releaseToLastMs !== null) {
    const share = r.cpu.postgres === null ? "" : `; postgres share of worker+postgres CPU ${((100 * r.cpu.postgres) / (r.cpu.postgres + r.cpu.worker)).toFixed(0)} %`;
    line("worker busy", `${((100 * r.cpu.worker) / r.releaseToLastMs).toFixed(0)} % of one core${share}; peak RSS ${r.peakRss === null ? "n/a" : `${r.peakRss.toFixed(0)} MiB`}`);
  }
  if (r.statements !== null) {
    line("SQL statements", `${r.statements} → ${(r.statements / r.messages).toFixed(1)} per message`);
    // Mean execution and planning time in PostgreSQL (pg_stat_statements; planning is 0 for a reused plan).
    for (const stat of r.topStatements) console.log(`    ${String(stat.calls).padStart(7)} × exec ${stat.meanExecMs.toFixed(2)} ms plan ${stat.meanPlanMs.toFixed(2)} ms  ${stat.query}`);
  }
  line("1-min load avg", `${r.loadBefore} before → ${r.loadAfter} after`);
  printVerdict(r.verdict);
}

async function chaosRun(options: {
  world: World;
  db: import("../src/server/db/client").Database;
  observer: pg.Client;
  database: BenchDb;
  cloud: LocalCloud;
  concurrency: number;
  fraction: number;
  durationMs: number;
  killAt: number;
  timeoutMs: number;
  seed: number;
  seedBatch: (label: string) => Promise<{ bookingIds: string[]; expected: Array<{ bookingId: string; recipient: string; channel: string }> }>;
}): Promise<ChaosResult> {
  const { cloud, observer, fraction, durationMs } = options;
  const sendgrid = cloud.sendgrid!.emulator;
  const twilio = cloud.twilio!.emulator;
  const batch = await options.seedBatch(
    `Chaos run, WORKER_CONCURRENCY=${options.concurrency}: ${Math.round(fraction * 100)}% of vendor requests refused for ${seconds(durationMs)} (429, 503, 500 in turn), SIGKILL after ${Math.round(options.killAt * 100)}% sent`,
  );
  const baseline = totalAccepted(cloud);
  const gated = await startGatedWorker(options.database.url, options.concurrency, "worker #1");
  const workers: WorkerProcess[] = [gated.worker];

  let rotation = 0;
  const chaosStarted = performance.now();
  const chaosEndsAt = chaosStarted + durationMs;
  const applyChaos = () => {
    const remaining = chaosEndsAt - performance.now();
    if (remaining <= 0) return;
    const status = CHAOS_STATUSES[rotation % CHAOS_STATUSES.length]!;
    const config = { fraction, status, durationMs: Math.min(remaining, CHAOS_ROTATE_MS), retryAfterSeconds: 2 };
    sendgrid.setChaos({ ...config, seed: options.seed * 1000 + rotation });
    twilio.setChaos({ ...config, seed: options.seed * 1000 + 500 + rotation });
    rotation += 1;
  };
  let chaosOver = false;
  const chaosTimer = setInterval(() => {
    if (performance.now() >= chaosEndsAt - 50) {
      sendgrid.clearChaos();
      twilio.clearChaos();
      chaosOver = true;
      clearInterval(chaosTimer);
      return;
    }
    applyChaos();
  }, CHAOS_ROTATE_MS);
  stops.push(async () => clearInterval(chaosTimer));

  if (options.fraction > 0) applyChaos();
  const started = performance.now();
  await gated.release();
  console.log(`  +0 s      worker #1 (pid ${gated.worker.pid}) released; chaos on`);

  let killed = false;
  let killedAt: number | null = null;
  let killedAtDate: Date | null = null;
  let inFlightAtKill = 0;
  let acceptedAtKill = 0;
  let settledAt: number | null = null;
  let strandedSince: number | null = null;
  let stranded = 0;
  let lastProgress = started;
  const deadline = started + options.timeoutMs;
  for (;;) {
    await sleep(250);
    checkInterrupted();
    const now = performance.now();
    const sent = totalAccepted(cloud) - baseline;
    const current = workers.at(-1)!;
    if (!current.isRunning() && !(killed && current === workers[0])) throw new ConfigError(describeExit(current));
    if (!killed && sent >= options.killAt * batch.expected.length) {
      current.child.kill("SIGKILL");
      await current.exited;
      killed = true;
      killedAt = performance.now();
      killedAtDate = new Date();
      acceptedAtKill = sent;
      inFlightAtKill = (await statusCounts(observer, batch.bookingIds)).SENDING ?? 0;
      const replacement = spawnWorker(options.concurrency, "worker #2");
      workers.push(replacement);
      console.log(`  +${((killedAt - started) / 1000).toFixed(0)} s`.padEnd(12) + `SIGKILL worker #1 after ${sent}/${batch.expected.length} accepted; ${inFlightAtKill} notification(s) left SENDING; worker #2 (pid ${replacement.pid}) started`);
    }
    if (now - lastProgress >= 10_000) {
      lastProgress = now;
      const statuses = await statusCounts(observer, batch.bookingIds);
      const chaosState = performance.now() < chaosEndsAt && !chaosOver ? `chaos ${CHAOS_STATUSES[(rotation - 1) % CHAOS_STATUSES.length]}` : "chaos over";
      console.log(`  +${((now - started) / 1000).toFixed(0)} s`.padEnd(12) + `accepted ${sent}/${batch.expected.length} · ${formatStatuses(statuses)} · ${chaosState}`);
    }
    if (killed || options.killAt >= 1) {
      const statuses = await statusCounts(observer, batch.bookingIds);
      const total = Object.values(statuses).reduce((sum, n) => sum + n, 0);
      if (total >= batch.expected.length && unsettled(statuses) === 0) {
        settledAt = performance.now();
        break;
      }
      // Every unsettled row PENDING with no send job queued, twice 30 s apart: nothing in the
      // product will ever pick them up again (the recovery cron looks at SENDING rows only).
      const remaining = unsettled(statuses);
      if (remaining > 0 && remaining === (statuses.PENDING ?? 0) && performance.now() >= chaosEndsAt && (await strandedCount(observer, batch.bookingIds)) === remaining) {
        strandedSince ??= now;
        if (now - strandedSince >= 30_000) {
          stranded = remaining;
          break;
        }
      } else {
        strandedSince = null;
      }
    }
    if (now > deadline) break;
  }
  clearInterval(chaosTimer);
  if (!chaosOver) {
    sendgrid.clearChaos();
    twilio.clearChaos();
  }
  // A send still on the wire when the rows settled would show up here as a duplicate.
  await sleep(2_000);
  const verdict = await verifyBatch(options.world, options.db, cloud, batch);
  const events = await eventCounts(observer, batch.bookingIds, null);
  const eventsAfterKill = killedAtDate ? await eventCounts(observer, batch.bookingIds, killedAtDate) : {};
  for (const worker of workers) await stopWorker(worker);

  const result: ChaosResult = {
    concurrency: options.concurrency,
    messages: batch.expected.length,
    verdict,
    settled: settledAt !== null,
    killed,
    inFlightAtKill,
    acceptedAtKill,
    killToSettledMs: settledAt !== null && killedAt !== null ? settledAt - killedAt : null,
    chaosEndToSettledMs: settledAt !== null ? Math.max(0, settledAt - chaosEndsAt) : null,
    totalMs: (settledAt ?? performance.now()) - started,
    events,
    eventsAfterKill,
  };

  console.log("");
  const finalStatuses = formatStatuses(await statusCounts(observer, batch.bookingIds));
  line(
    "settled",
    settledAt !== null
      ? `${seconds(result.totalMs)} after release`
      : stranded > 0
        ? `NO — ${stranded} notification(s) PENDING with no send job queued for 30 s: nothing will retry them (${finalStatuses})  <<<<<<<<<<`
        : `NO — gave up after ${seconds(options.timeoutMs)}: ${finalStatuses}  <<<<<<<<<<`,
  );
  // Each refused request shows up once in the notification's history (a retry or a failed lookup).
  line("vendor refusals seen", `${events.retry ?? 0} sends refused and retried later, ${events["lookup-failed"] ?? 0} vendor lookups refused`);
  if (killed) {
    line("kill", `after ${acceptedAtKill} accepted; ${inFlightAtKill} left SENDING (in doubt)`);
    line("in-doubt outcome", `${eventsAfterKill["found-at-vendor"] ?? 0} found at the vendor (not re-sent), ${eventsAfterKill["resent-after-check"] ?? 0} not found and sent again`);
    line("kill → all settled", result.killToSettledMs === null ? "did not settle" : seconds(result.killToSettledMs));
  } else {
    line("kill", `never: the batch settled before ${Math.round(options.killAt * 100)}% was accepted`);
  }
  line("chaos end → all settled", result.chaosEndToSettledMs === null ? "n/a" : seconds(result.chaosEndToSettledMs));
  printVerdict(verdict);
  await explainReferences(observer, "duplicated", verdict.duplicatedIds);
  await explainReferences(observer, "lost", verdict.lostIds);
  for (const worker of workers) printWarnings(worker, false);
  return result;
}

main()
  .then((code) => shutdown(code))
  .catch(async (error: unknown) => {
    if (error instanceof Interrupted || cleaning) return shutdown(130);
    console.error(error instanceof ConfigError ? `\nbench:notify: ${error.message}` : error);
    await shutdown(1);
  });
