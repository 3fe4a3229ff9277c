/**
 * `npm run bench:sync`: Google Calendar push-to-slots latency and the cost of a large full sync,
 * through the real job worker against the local cloud's Google emulator.
 *
 * 1. A fresh embedded PostgreSQL (pg_stat_statements, fsync off; scripts/bench/database.ts),
 *    migrations. The Google emulator in this process, with two accounts. A webhook receiver in
 *    this process that does what /api/webhooks/google-calendar does (readCalendarNotification,
 *    then the feature's handleGoogleEvent); the route module itself imports `server-only` and
 *    cannot load outside Next. The real worker (scripts/worker.ts) as a child process.
 * 2. Push → slots. A provider (Europe/London, weekdays, one 30-minute service) connects the first
 *    account (tokens encrypted as the connect flow stores them); a calendar.watch and a
 *    calendar.sync job open the channel and do the first sync. Then, open loop at BENCH_RATE per
 *    second, BENCH_SAMPLES times: an event is created in the emulator as the calendar owner
 *    exactly over a slot that is free, and the clock runs until that slot is gone from the public
 *    slot list (getPublicSlots, the use case behind `availability.slots`, polled every
 *    BENCH_POLL_MS; the production build is not started, which keeps HTTP and Next out of it).
 *    The path measured: emulator push → receiver (channel lookup, token check, add_job) → worker
 *    (LISTEN/NOTIFY pickup, token decrypt, events.list with the sync token, one transaction) →
 *    slots read. Reported: p50/p95/max (target p95 < 2 s), syncs run, CPU of worker and PostgreSQL.
 * 3. Full sync. A second provider connects the second account, whose calendar holds BENCH_EVENTS
 *    events (80 % timed, 10 % all-day, 10 % weekly series of 8): one calendar.sync job, timed from
 *    enqueue to its recorded run. Reported: wall time, pages, busy intervals, SQL statements (all
 *    processes, the bench's own polling excluded), CPU of worker, PostgreSQL and this process
 *    (the emulator serving the listing).
 *
 * Knobs (env): BENCH_SAMPLES (100), BENCH_RATE (2 per second), BENCH_POLL_MS (20),
 * BENCH_EVENTS (5000). Exit 1 on setup failure or a sample that never resolves (30 s); 0
 * otherwise, whatever the figures (a benchmark, not a test).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { createGoogleEmulator } from "../local-cloud/google";
import { serve } from "../local-cloud/lib/http";
import { runMigrations } from "../src/server/db/migrate";
import { treeCpuMs } from "./bench/cpu";
import { startBenchDatabase } from "./bench/database";
import { mulberry32 } from "./bench/random";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DAY = 86_400_000;
const MINUTE = 60_000;
const TARGET_P95_MS = 2_000;

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${raw}").`);
  return value;
}

const SAMPLES = intEnv("BENCH_SAMPLES", 100);
const RATE = intEnv("BENCH_RATE", 2);
const POLL_MS = intEnv("BENCH_POLL_MS", 20);
const EVENTS = intEnv("BENCH_EVENTS", 5000);
const CLIENT_ID = "bench-sync.apps.googleusercontent.com";
const CLIENT_SECRET = "GOCSPX-bench-sync";
const OWNER = "dr.bench@example.com";
const BIG = "big.calendar@example.com";
const CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";

const stops: Array<() => Promise<void>> = [];
const say = (line: string) => console.log(line);
const ms = (value: number) => `${value.toFixed(0)} ms`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;


async function main() {
  const cpus = os.cpus();
  say("bench:sync — Google push → slots latency and a 5,000-event full sync, through the real job worker");
  say(`  machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), load avg ${os.loadavg().map((v) => v.toFixed(2)).join(" ")}; node ${process.version}`);

  // 1. Database, emulator, receiver, worker.
  const database = await startBenchDatabase((line) => say(line));
  stops.push(() => database.stop());
  await runMigrations(database.url);
  say(`  database: ${database.settings}`);

  const google = await serve(
    createGoogleEmulator({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: ["http://127.0.0.1/unused"] }],
      accounts: [
        { email: OWNER, name: "Dr Bench", timeZone: "Europe/London" },
        { email: BIG, name: "Big Calendar", timeZone: "Europe/London" },
      ],
    }),
  );
  stops.push(() => google.close());

  const secrets = { NEXTAUTH_SECRET: randomBytes(32).toString("base64"), TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  let receiverUrl = "";
  const appEnv: Record<string, string> = {
    DATABASE_URL: database.url,
    ...secrets,
    GOOGLE_CLIENT_ID: CLIENT_ID,
    GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
    GOOGLE_OAUTH_URL: google.url,
    GOOGLE_API_URL: `${google.url}/`,
    // The worker refuses to start without message vendors; nothing here sends a message.
    SENDGRID_API_KEY: "SG.bench-sync-unused",
    TWILIO_ACCOUNT_SID: "ACbenchsyncunused",
    TWILIO_AUTH_TOKEN: "bench-sync-unused",
    LOG_LEVEL: "warn",
  };

  // The receiver needs the app's modules, which read env.mjs: set the environment first.
  const receiver = http.createServer();
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  stops.push(() => new Promise<void>((resolve) => (receiver.closeAllConnections(), receiver.close(() => resolve()))));
  Object.assign(process.env, appEnv, { NEXTAUTH_URL: receiverUrl });

  const { createDatabase } = await import("../src/server/db/client");
  const { createTokenCipher } = await import("../src/server/auth/token-crypto");
  const { readCalendarNotification } = await import("../src/server/integrations/google/verify-webhook");
  const { handleGoogleEvent, storeConnectionTokens, enqueueCalendarSync, enqueueCalendarWatch } = await import("../src/features/calendar-sync/server");
  const { getPublicSlots } = await import("../src/features/availability/server/get-public-slots");
  const { publicSlotsInput } = await import("../src/features/availability/schemas");
  const { calendarConnections, calendarSyncRuns, connectedCalendars, externalBusyIntervals } = await import("../src/server/db/schema");
  const { createLocation, createOrganization, createProvider, createWeeklyRules, linkProviderToOrganization, standardWeek } = await import("../src/test/factories");
  const { and, count, eq, sql } = await import("drizzle-orm");

  const handle = createDatabase(database.url, { max: 8 });
  stops.push(() => handle.close());
  const db = handle.db;
  const cipher = createTokenCipher({ writeKey: secrets.TOKEN_ENCRYPTION_KEY });

  let notifications = 0;
  receiver.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    req.resume();
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const read = readCalendarNotification(headers);
      if (!read.ok) return void res.writeHead(200).end();
      notifications += 1;
      handleGoogleEvent({ db, notification: read.notification, token: read.token, now: new Date() }).then(
        () => res.writeHead(200).end(),
        () => res.writeHead(500).end(),
      );
    });
  });

  const worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...appEnv, NEXTAUTH_URL: receiverUrl, NODE_ENV: "production", WORKER_CONCURRENCY: "10" },
  });
  const workerOutput: string[] = [];
  worker.stdout?.on("data", (chunk: Buffer) => workerOutput.push(chunk.toString()));
  worker.stderr?.on("data", (chunk: Buffer) => workerOutput.push(chunk.toString()));
  stops.push(() => stopChild(worker));
  for (const deadline = Date.now() + 120_000; ; ) {
    const beats = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM job_worker_heartbeats`);
    if (Number(beats.rows[0]?.n) > 0) break;
    if (worker.exitCode !== null || Date.now() > deadline) throw new Error(`the worker did not start:\n${workerOutput.join("").slice(-2000)}`);
    await sleep(100);
  }
  say(`  worker: pid ${worker.pid}; Google emulator ${google.url}; push receiver ${receiverUrl}`);

  async function connect(email: string, label: string) {
    const organization = await createOrganization(db, { name: `Bench Sync ${label}` });
    const location = await createLocation(db, { organizationId: organization.id, timeZone: "Europe/London" });
    const { provider, services } = await createProvider(db, {
      user: { name: `Dr ${label}`, email: `bench-sync-${label.toLowerCase()}@example.test` },
      provider: { displayName: `Dr ${label}`, timeZone: "Europe/London" },
      services: [{ name: "Consultation", durationMinutes: 30, slotStepMinutes: 30, minimumNoticeMinutes: 60, bookingHorizonDays: 90 }],
    });
    await linkProviderToOrganization(db, provider.id, organization.id);
    await createWeeklyRules(db, provider.id, standardWeek(location.id));
    const issued = google.emulator.issueTokens({ clientId: CLIENT_ID, email, scopes: ["openid", "email", CALENDAR_SCOPE], offline: true });
    const [connection] = await db.insert(calendarConnections).values({ providerId: provider.id, googleSubject: `sub-${label}`, googleEmail: email, scopes: [CALENDAR_SCOPE] }).returning();
    await storeConnectionTokens(db, cipher, connection!.id, { accessToken: issued.accessToken, expiresAt: new Date(Date.now() + 3_600_000), refreshToken: issued.refreshToken, scopes: [CALENDAR_SCOPE] });
    const [calendar] = await db
      .insert(connectedCalendars)
      .values({ connectionId: connection!.id, googleCalendarId: email, name: label, timeZone: "Europe/London", blocksAvailability: true, canWrite: true })
      .returning();
    return { providerId: provider.id, serviceId: services[0]!.id, calendarId: calendar!.id };
  }

  const finishedRuns = async (calendarId: string) => {
    const rows = await db.execute<{ n: string }>(sql`/* bench-poll */ SELECT count(*) AS n FROM calendar_sync_runs WHERE calendar_id = ${calendarId} AND outcome IS NOT NULL`);
    return Number(rows.rows[0]?.n ?? 0);
  };

  // 2. Push → slots.
  const owner = await connect(OWNER, "Owner");
  await db.transaction(async (tx) => {
    await enqueueCalendarWatch(tx, owner.calendarId);
    await enqueueCalendarSync(tx, owner.calendarId);
  });
  for (const deadline = Date.now() + 30_000; (await finishedRuns(owner.calendarId)) === 0; ) {
    if (Date.now() > deadline) throw new Error("the first sync did not finish within 30 s");
    await sleep(50);
  }
  await google.emulator.notificationsSettled();
  await sleep(300);

  const from = new Date(Math.floor(Date.now() / DAY) * DAY + 2 * DAY);
  const slotsInput = publicSlotsInput.parse({ providerId: owner.providerId, serviceId: owner.serviceId, from, days: 62 });
  const readSlots = async () => new Set((await getPublicSlots({ db, input: slotsInput, now: new Date() })).slots.map((slot) => slot.startsAt.getTime()));
  const initial = await getPublicSlots({ db, input: slotsInput, now: new Date() });
  // Every other free slot, so the events never touch each other.
  const targets = initial.slots.filter((_, i) => i % 2 === 0).slice(0, SAMPLES);
  if (targets.length < SAMPLES) throw new Error(`only ${targets.length} free slots for ${SAMPLES} samples`);
  say(`\nPush → slots: ${SAMPLES} events, one every ${ms(1000 / RATE)} (open loop), slots polled every ${ms(POLL_MS)}`);

  const pending = new Map<number, { started: number; resolve: (latency: number) => void }>();
  let polls = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      if (pending.size > 0) {
        const free = await readSlots();
        polls += 1;
        const seen = performance.now();
        for (const [start, sample] of pending) {
          if (!free.has(start)) {
            pending.delete(start);
            sample.resolve(seen - sample.started);
          }
        }
      }
      await sleep(POLL_MS);
    }
  })();

  const runsBefore = await finishedRuns(owner.calendarId);
  const notificationsBefore = notifications;
  const cpuBefore = { worker: treeCpuMs(worker.pid), postgres: treeCpuMs(database.postmasterPid()), self: process.cpuUsage() };
  const begun = performance.now();
  const latencies = await Promise.all(
    targets.map(async (slot, i) => {
      const at = begun + (i * 1000) / RATE;
      const wait = at - performance.now();
      if (wait > 0) await sleep(wait);
      const result = new Promise<number>((resolve) => pending.set(slot.startsAt.getTime(), { started: performance.now(), resolve }));
      google.emulator.createEvent(OWNER, { summary: "Busy", start: { dateTime: slot.startsAt.toISOString() }, end: { dateTime: slot.endsAt.toISOString() } });
      return Promise.race([result, sleep(30_000).then(() => Number.NaN)]);
    }),
  );
  polling = false;
  await poller;
  const cpuAfter = { worker: treeCpuMs(worker.pid), postgres: treeCpuMs(database.postmasterPid()), self: process.cpuUsage(cpuBefore.self) };
  const syncs = (await finishedRuns(owner.calendarId)) - runsBefore;
  const lost = latencies.filter((value) => Number.isNaN(value)).length;
  const sorted = latencies.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  const perSample = (before: number | null, after: number | null) => (before === null || after === null ? "n/a" : `${((after - before) / SAMPLES).toFixed(1)} ms`);

  // 3. Full sync of a large calendar.
  const random = mulberry32(9);
  const start = Math.floor(Date.now() / DAY) * DAY + DAY;
  const kinds = { timed: 0, allDay: 0, series: 0 };
  for (let i = 0; i < EVENTS; i += 1) {
    const day = Math.floor(random() * 180);
    const roll = random();
    if (roll < 0.8) {
      const startsAt = start + day * DAY + (7 + Math.floor(random() * 11)) * 60 * MINUTE + (random() < 0.5 ? 30 * MINUTE : 0);
      google.emulator.createEvent(BIG, { summary: "Busy", start: { dateTime: new Date(startsAt).toISOString() }, end: { dateTime: new Date(startsAt + (1 + Math.floor(random() * 4)) * 30 * MINUTE).toISOString() } });
      kinds.timed += 1;
    } else if (roll < 0.9) {
      const first = new Date(start + day * DAY).toISOString().slice(0, 10);
      const last = new Date(start + (day + 1 + Math.floor(random() * 3)) * DAY).toISOString().slice(0, 10);
      google.emulator.createEvent(BIG, { summary: "Away", start: { date: first }, end: { date: last } });
      kinds.allDay += 1;
    } else {
      const startsAt = start + day * DAY + (8 + Math.floor(random() * 9)) * 60 * MINUTE;
      google.emulator.createEvent(BIG, {
        summary: "Weekly",
        start: { dateTime: new Date(startsAt).toISOString(), timeZone: "Europe/London" },
        end: { dateTime: new Date(startsAt + 60 * MINUTE).toISOString(), timeZone: "Europe/London" },
        recurrence: ["RRULE:FREQ=WEEKLY;COUNT=8"],
      });
      kinds.series += 1;
    }
  }
  const big = await connect(BIG, "Big");
  await database.counter.reset();
  const fullBefore = { worker: treeCpuMs(worker.pid), postgres: treeCpuMs(database.postmasterPid()), self: process.cpuUsage() };
  const t0 = performance.now();
  await enqueueCalendarSync(db, big.calendarId);
  for (const deadline = Date.now() + 300_000; (await finishedRuns(big.calendarId)) === 0; ) {
    if (Date.now() > deadline) throw new Error("the full sync did not finish within 300 s");
    await sleep(10);
  }
  const fullMs = performance.now() - t0;
  const fullAfter = { worker: treeCpuMs(worker.pid), postgres: treeCpuMs(database.postmasterPid()), self: process.cpuUsage(fullBefore.self) };
  const statements = await database.counter.read();
  const ownStatements = statements.breakdown.filter((row) => row.query.includes("bench-poll")).reduce((sum, row) => sum + row.calls, 0);
  const [run] = await db.select().from(calendarSyncRuns).where(eq(calendarSyncRuns.calendarId, big.calendarId));
  const [busy] = await db.select({ n: count() }).from(externalBusyIntervals).where(and(eq(externalBusyIntervals.providerId, big.providerId)));
  const cpuDelta = (before: number | null, after: number | null) => (before === null || after === null ? "n/a" : ms(after - before));

  const line = "─".repeat(52);
  say(`\n┌${line}┬${line}┐`);
  const row = (label: string, value: string) => say(`│ ${label.padEnd(50)} │ ${value.slice(0, 50).padEnd(50)} │`);
  row("push → slot gone: samples (lost)", `${sorted.length} (${lost})`);
  row("  p50", ms(percentile(sorted, 50)));
  row("  p95", `${ms(percentile(sorted, 95))} (target < ${ms(TARGET_P95_MS)}: ${percentile(sorted, 95) < TARGET_P95_MS ? "PASS" : "FAIL"})`);
  row("  max", ms(sorted.at(-1)!));
  row("  notifications received / syncs run", `${notifications - notificationsBefore} / ${syncs}`);
  row("  slot list reads (polls)", String(polls));
  row("  CPU per sample: worker", perSample(cpuBefore.worker, cpuAfter.worker));
  row("  CPU per sample: PostgreSQL", perSample(cpuBefore.postgres, cpuAfter.postgres));
  row("  CPU per sample: bench (emulator+receiver+polls)", `${((cpuAfter.self.user + cpuAfter.self.system) / 1000 / SAMPLES).toFixed(1)} ms`);
  row(`full sync: ${EVENTS} events`, `${kinds.timed} timed, ${kinds.allDay} all-day, ${kinds.series} series ×8`);
  row("  outcome, kind", `${run?.outcome ?? "?"} ${run?.kind ?? ""}`);
  row("  wall time (enqueue → run recorded)", ms(fullMs));
  row("  pages (250 items each)", String(run?.pages ?? "?"));
  row("  busy intervals stored", String(busy?.n ?? "?"));
  row("  SQL statements (bench polling excluded)", String(statements.statements - ownStatements));
  row("  CPU: worker", cpuDelta(fullBefore.worker, fullAfter.worker));
  row("  CPU: PostgreSQL", cpuDelta(fullBefore.postgres, fullAfter.postgres));
  row("  CPU: bench process (emulator listing)", ms((fullAfter.self.user + fullAfter.self.system) / 1000));
  say(`└${line}┴${line}┘`);
  say(`  statement counting: ${database.counter.method}`);
  const top = statements.breakdown.filter((entry) => !entry.query.includes("bench-poll")).slice(0, 8);
  if (top.length > 0) {
    say("  top statements during the full sync (calls, mean ms):");
    for (const entry of top) say(`    ${String(entry.calls).padStart(6)}  ${entry.meanExecMs.toFixed(2).padStart(7)}  ${entry.query}`);
  }
  return lost === 0 ? 0 : 1;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function cleanup() {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
}

process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(`bench:sync failed: ${(error as Error).stack ?? String(error)}`);
    await cleanup();
    process.exit(1);
  });
