/**
 * `npm run fuzz:api`: the production build tried as a hostile stranger would.
 *
 * 1. Starts the app as the e2e tests do (scripts/e2e-server.ts: a fresh embedded database,
 *    migrations, the demo seed, the local cloud, `next start` of the existing build), on
 *    127.0.0.1 only, with LOG_LEVEL=info and RATE_LIMIT_MULTIPLIER=1000 so that the fuzz
 *    reaches the validators instead of the limits (429s are still counted apart). It does NOT
 *    build: run `SKIP_ENV_VALIDATION=1 npx next build` first.
 * 2. Signs in a patient, the provider under test and an administrator by writing session rows
 *    (the app uses database sessions), then learns real ids through the public procedures:
 *    a provider, its service and location, an offered slot, a hold, a guest booking with its
 *    manage token, a patient's booking, the provider's override.
 * 3. For every procedure of the app router: valid-looking input, inputs around the real ids,
 *    whole-input and transformer attacks, and each field replaced by hostile values (sampled to
 *    FUZZ_PER_PROCEDURE); then protocol abuse (methods, content types, malformed JSON,
 *    oversized bodies, batches, unknown paths, headers). See scripts/fuzz/cases.ts.
 * 4. Sends them FUZZ_CONCURRENCY at a time within FUZZ_MAX_SECONDS and reports requests per
 *    procedure, the status histogram, every 5xx, appCode INTERNAL answers, and every response or
 *    server log line carrying a patient marker.
 *
 * Exit 1 on any 5xx, any INTERNAL, any request without an answer, or any leak (a marker in a
 * log line or in an error response); exit 0 otherwise. Successful answers that show a caller
 * the data they are entitled to (a provider's booking list, the manage page) are listed but
 * are not leaks.
 *
 * Knobs (env): FUZZ_PER_PROCEDURE (80), FUZZ_CONCURRENCY (8), FUZZ_MAX_SECONDS (300),
 * FUZZ_SEED (1), FUZZ_RATE_LIMIT_MULTIPLIER (1000), FUZZ_LOG_FILE (also write the server log).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import superjson from "superjson";
import { startE2EApp, type E2EApp } from "./e2e-server";
import {
  findMarkers,
  MARKERS,
  procedureRequests,
  prng,
  protocolRequests,
  TEMPLATES,
  toWire,
  trpcRequest,
  type Discovery,
  type FuzzRequest,
  type ProcedureType,
  type Role,
} from "./fuzz/cases";
import { freePort } from "./lib/embedded-postgres";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HOST = "127.0.0.1";
const REQUEST_TIMEOUT_MS = 30_000;

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name} must be a positive integer (got "${raw}").`);
    process.exit(1);
  }
  return value;
}

const PER_PROCEDURE = intEnv("FUZZ_PER_PROCEDURE", 80);
const CONCURRENCY = intEnv("FUZZ_CONCURRENCY", 8);
const MAX_SECONDS = intEnv("FUZZ_MAX_SECONDS", 300);
const SEED = intEnv("FUZZ_SEED", 1);
const MULTIPLIER = intEnv("FUZZ_RATE_LIMIT_MULTIPLIER", 1000);

interface Result {
  request: FuzzRequest;
  requestId: string;
  status: number;
  /** Why no status (timeout, connection reset), when status is 0. */
  failure?: string;
  appCodes: string[];
  markers: string[];
  durationMs: number;
}

let app: E2EApp | null = null;
const serverLog: string[] = [];
const results: Result[] = [];
const cookies: Partial<Record<Role, string>> = {};
let sequence = 0;

// embedded-postgres installs async-exit-hook, which stops PostgreSQL and exits at once on
// SIGINT/SIGTERM, racing the orderly stop (server, cloud, database, temp dir). Drop it.
let stopping: Promise<void> | null = null;
async function stopAll(code: number): Promise<never> {
  stopping ??= (async () => {
    await app?.stop();
  })();
  await stopping;
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the server and the database…`);
    void stopAll(130);
  });
}

function appCodesOf(text: string): string[] {
  const codes: string[] = [];
  for (const match of text.matchAll(/"appCode":"([A-Z_]+)"/g)) codes.push(match[1]!);
  return codes;
}

/**
 * The body without the procedure path the request itself named: tRPC's NOT_FOUND message
 * quotes the unknown path back to its sender, which is not patient data leaving the app.
 */
function withoutOwnPath(text: string, requestPath: string): string {
  const pathname = requestPath.split("?")[0]!;
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // a malformed escape: compare the raw form only
  }
  const name = decoded.replace(/^\/api\/trpc\/?/, "");
  return name ? text.replaceAll(JSON.stringify(name).slice(1, -1), "") : text;
}

async function send(request: FuzzRequest): Promise<Result> {
  const requestId = `fuzz-${++sequence}`;
  const headers: Record<string, string> = { "x-request-id": requestId, ...request.headers };
  const cookie = cookies[request.role];
  if (cookie) headers.cookie = headers.cookie ? `${headers.cookie}; ${cookie}` : cookie;
  const started = performance.now();
  let result: Result;
  try {
    const response = await fetch(`${app!.appUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    result = {
      request,
      requestId,
      status: response.status,
      appCodes: appCodesOf(text),
      markers: findMarkers(withoutOwnPath(text, request.path)),
      durationMs: performance.now() - started,
    };
    lastBodies.set(requestId, text);
    if (lastBodies.size > 50) lastBodies.delete(lastBodies.keys().next().value!);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    result = {
      request,
      requestId,
      status: 0,
      failure: cause?.code ?? (error as Error).name,
      appCodes: [],
      markers: [],
      durationMs: performance.now() - started,
    };
  }
  results.push(result);
  return result;
}
const lastBodies = new Map<string, string>();

/** One call during discovery: the deserialized result, or null with the reason printed. */
async function call<T>(procedure: string, type: ProcedureType, input: unknown, role: Role): Promise<T | null> {
  const wire = input === undefined ? null : toWire(input);
  const result = await send(trpcRequest({ procedure, type, wire, label: "discovery", role }));
  const text = lastBodies.get(result.requestId) ?? "";
  if (result.status !== 200) {
    console.log(`  discovery: ${procedure} as ${role} answered ${result.status} ${result.appCodes.join(",")}`);
    return null;
  }
  const body = JSON.parse(text) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
  return superjson.deserialize<T>(body.result.data);
}

async function signIn(databaseUrl: string, providerId: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const users = await client.query<{ id: string; role: Role }>(
      `SELECT id, 'patient' AS role FROM users WHERE lower(email) = 'patient@demo.medbookings.test'
       UNION ALL SELECT id, 'admin' FROM users WHERE role = 'ADMIN'
       UNION ALL SELECT user_id, 'provider' FROM providers WHERE id = $1`,
      [providerId],
    );
    for (const row of users.rows) {
      if (cookies[row.role]) continue;
      const token = randomBytes(32).toString("hex");
      await client.query(`INSERT INTO sessions (session_token, user_id, expires) VALUES ($1, $2, now() + interval '1 day')`, [token, row.id]);
      cookies[row.role] = `next-auth.session-token=${token}`;
    }
  } finally {
    await client.end();
  }
  const missing = (["patient", "provider", "admin"] as const).filter((role) => !cookies[role]);
  if (missing.length > 0) console.log(`  no session for ${missing.join(", ")}: those procedures are fuzzed as a stranger only`);
}

type ProviderPage = { items: Array<{ id: string; slug: string; services: Array<{ id: string; isOnline: boolean }> }> };
type Profile = { services: Array<{ id: string; slotStepMinutes: number; requiresApproval: boolean }>; locations: Array<{ id: string }> };
type Slots = { slots: Array<{ startsAt: Date; endsAt: Date; mode: "ONLINE" | "IN_PERSON"; locationId: string | null }> };
type Hold = { holdId: string; holdToken: string };
type Confirmed = { id: string; manageToken: string };

async function discover(databaseUrl: string): Promise<Discovery> {
  const now = new Date();
  const list = await call<ProviderPage>("providers.list", "query", { pageSize: 50 }, "anonymous");
  const providers = list?.items ?? [];
  if (providers.length < 2) throw new Error("providers.list returned fewer than two providers: is the demo seed in place?");
  const provider = providers.find((p) => p.services.length > 0)!;
  const other = providers.find((p) => p.id !== provider.id && p.services.length > 0)!;
  await signIn(databaseUrl, provider.id);

  const profile = await call<Profile>("providers.bySlug", "query", { slug: provider.slug }, "anonymous");
  const service = profile?.services.find((s) => !s.requiresApproval) ?? profile!.services[0]!;
  const slots = (await call<Slots>("availability.slots", "query", { providerId: provider.id, serviceId: service.id, from: now, days: 30 }, "anonymous"))?.slots ?? [];
    // Slots overlap (a 30-minute service every 15 minutes): book ones an hour apart or more.
  const apart: Slots["slots"] = [];
  for (const s of slots) {
    const last = apart.at(-1);
    if (!last || s.startsAt.getTime() >= last.endsAt.getTime() + 3_600_000) apart.push(s);
  }
  if (apart.length < 5) throw new Error(`availability.slots offered ${apart.length} separate slots: too few to fuzz around.`);
  const slot = apart[0]!;

  const hold = async (index: number, role: Role) => {
    const s = apart[index]!;
    return call<Hold>("bookings.hold", "mutation", { providerId: provider.id, serviceId: service.id, startsAt: s.startsAt, mode: s.mode, locationId: s.locationId }, role);
  };
  const confirm = (h: Hold | null, role: Role, withContact: boolean) =>
    h
      ? call<Confirmed>(
          "bookings.confirm",
          "mutation",
          {
            holdId: h.holdId,
            holdToken: h.holdToken,
            ...(withContact ? { contact: { name: MARKERS.name, email: MARKERS.email, phone: MARKERS.phone } } : {}),
            notes: MARKERS.notes,
            consent: true,
            patientTimeZone: "Europe/London",
          },
          role,
        )
      : Promise.resolve(null);

  // An open hold (release and confirm fuzz), a guest booking (manage token), a patient's
  // booking, and one more guest booking for the provider's decisions.
  const openHold = await hold(1, "anonymous");
  const guest = await confirm(await hold(2, "anonymous"), "anonymous", true);
  const mine = await confirm(await hold(3, "patient"), "patient", false);
  const forProvider = await confirm(await hold(4, "anonymous"), "anonymous", true);
  await call("availability.addOverride", "mutation", { startDate: "2027-06-01", endDate: "2027-06-01", kind: "OFF", reason: "Fuzz day off" }, "provider");
  const schedule = await call<{ overrides: Array<{ id: string }> }>("availability.mySchedule", "query", undefined, "provider");

  const token = () => randomBytes(32).toString("base64url");
  const uuid = () => randomUUID();
  return {
    providerId: provider.id,
    otherProviderId: other.id,
    slug: provider.slug,
    serviceId: service.id,
    otherServiceId: other.services[0]!.id,
    locationId: profile?.locations[0]?.id ?? null,
    slotStepMinutes: service.slotStepMinutes,
    slot: { startsAt: slot.startsAt, mode: slot.mode, locationId: slot.locationId },
    holdId: openHold?.holdId ?? uuid(),
    holdToken: openHold?.holdToken ?? token(),
    manageToken: guest?.manageToken ?? token(),
    myBookingId: mine?.id ?? uuid(),
    providerBookingId: forProvider?.id ?? uuid(),
    overrideId: schedule?.overrides[0]?.id ?? uuid(),
    now,
  };
}

async function runPool(requests: FuzzRequest[], deadline: number): Promise<number> {
  let next = 0;
  let skipped = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      if (Date.now() > deadline) {
        skipped++;
        continue;
      }
      await send(request);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return skipped;
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (app!.child.exitCode !== null) throw new Error(`next start exited with code ${app!.child.exitCode}:\n${serverLog.slice(-30).join("\n")}`);
    try {
      const response = await fetch(`${app!.appUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`/api/health did not answer 200 within 90 s:\n${serverLog.slice(-30).join("\n")}`);
}

function captureOutput(child: E2EApp["child"]) {
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream?.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop() ?? "";
      serverLog.push(...lines.filter(Boolean));
    });
    stream?.on("end", () => {
      if (pending) serverLog.push(pending);
    });
  }
}

const truncate = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

function report(procedures: Array<{ path: string; type: ProcedureType }>, runMs: number, skipped: number): number {
  const byProcedure = new Map<string, Result[]>();
  for (const result of results) {
    const list = byProcedure.get(result.request.procedure) ?? [];
    list.push(result);
    byProcedure.set(result.request.procedure, list);
  }
  const bucket = (status: number) => (status === 0 ? "none" : status === 429 ? "429" : `${Math.floor(status / 100)}xx`);
  const columns = ["2xx", "3xx", "4xx", "429", "5xx", "none"];
  console.log("\nRequests per procedure (4xx excludes 429; none = no answer):");
  console.log(`  ${"procedure".padEnd(34)} ${"type".padEnd(8)} ${"sent".padStart(5)} ${columns.map((c) => c.padStart(5)).join(" ")}`);
  const rows = [...procedures.map((p) => ({ path: p.path, type: p.type })), { path: "(protocol)", type: "-" }];
  for (const row of rows) {
    const list = byProcedure.get(row.path) ?? [];
    const counts = columns.map((column) => list.filter((r) => bucket(r.status) === column).length);
    console.log(`  ${row.path.padEnd(34)} ${row.type.padEnd(8)} ${String(list.length).padStart(5)} ${counts.map((n) => String(n).padStart(5)).join(" ")}`);
  }

  const histogram = new Map<number, number>();
  for (const result of results) histogram.set(result.status, (histogram.get(result.status) ?? 0) + 1);
  console.log("\nStatus histogram:");
  console.log(`  ${[...histogram.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status === 0 ? "no answer" : status}: ${n}`).join(", ")}`);
  const appCodes = new Map<string, number>();
  for (const code of results.flatMap((r) => r.appCodes)) appCodes.set(code, (appCodes.get(code) ?? 0) + 1);
  console.log(`  appCode in error answers: ${[...appCodes.entries()].sort(([, a], [, b]) => b - a).map(([code, n]) => `${code} ${n}`).join(", ") || "none"}`);

  const describe = (r: Result) =>
    `${r.status || r.failure} ${r.request.method} ${r.request.procedure} [${r.request.role}] ${truncate(r.request.label, 70)} (${r.requestId}${r.appCodes.length ? `, ${r.appCodes.join(",")}` : ""})`;
  const serverErrors = results.filter((r) => r.status >= 500);
  const internal = results.filter((r) => r.appCodes.includes("INTERNAL"));
  const unanswered = results.filter((r) => r.status === 0);
  const logLeaks = serverLog.filter((line) => findMarkers(line).length > 0);
  const responseLeaks = results.filter((r) => r.status >= 300 && r.markers.length > 0);
  const echoes = results.filter((r) => r.status >= 200 && r.status < 300 && r.markers.length > 0);
  const errorLogLines = serverLog.filter((line) => /"level":(50|60)/.test(line));

  const section = (title: string, items: string[]) => {
    console.log(`\n${title}: ${items.length}`);
    for (const item of items.slice(0, 25)) console.log(`  ${item}`);
    if (items.length > 25) console.log(`  … and ${items.length - 25} more`);
  };
  section("5xx answers", serverErrors.map(describe));
  for (const r of serverErrors.slice(0, 10)) {
    for (const line of serverLog.filter((l) => l.includes(`"${r.requestId}"`))) console.log(`    log ${r.requestId}: ${truncate(line, 300)}`);
  }
  section("Answers with appCode INTERNAL", internal.map(describe));
  section("Requests without an answer", unanswered.map(describe));
  section("Server log lines at level error or fatal", errorLogLines.map((line) => truncate(line, 300)));
  section("LEAK: server log lines with a patient marker", logLeaks.map((line) => truncate(line, 300)));
  section("LEAK: error answers with a patient marker", responseLeaks.map((r) => `${describe(r)} markers: ${r.markers.join(",")}`));
  const echoCounts = new Map<string, number>();
  for (const r of echoes) echoCounts.set(`${r.request.procedure} [${r.request.role}]`, (echoCounts.get(`${r.request.procedure} [${r.request.role}]`) ?? 0) + 1);
  console.log(`\nSuccessful answers showing patient data to its owner or provider (not leaks): ${[...echoCounts.entries()].map(([k, n]) => `${k} ${n}`).join(", ") || "none"}`);

  const tooMany = results.filter((r) => r.status === 429).length;
  const leaks = logLeaks.length + responseLeaks.length;
  console.log("\nSummary");
  console.log(`  requests            ${results.length} over ${procedures.length} procedures (+ protocol requests)${skipped ? `; ${skipped} not sent: time limit` : ""}`);
  console.log(`  run time            ${(runMs / 1000).toFixed(1)} s (fuzz phase, ${CONCURRENCY} in flight)`);
  console.log(`  5xx                 ${serverErrors.length}`);
  console.log(`  appCode INTERNAL    ${internal.length}`);
  console.log(`  no answer           ${unanswered.length}`);
  console.log(`  429 (rate limited)  ${tooMany}  (RATE_LIMIT_MULTIPLIER=${MULTIPLIER})`);
  console.log(`  server log lines    ${serverLog.length}, ${logLeaks.length} with a patient marker`);
  console.log(`  leaks               ${leaks}`);
  const failed = serverErrors.length + internal.length + unanswered.length + leaks > 0;
  console.log(failed ? "FAIL" : "PASS");
  return failed ? 1 : 0;
}

/**
 * The app router, read for its procedure list only. Importing it validates the environment,
 * which this process does not have: skip validation for the import alone, so that the server
 * started afterwards inherits no SKIP_ENV_VALIDATION and validates its own.
 */
async function loadRouter() {
  const previous = process.env.SKIP_ENV_VALIDATION;
  process.env.SKIP_ENV_VALIDATION = "1";
  try {
    return (await import("../src/server/api/root")).appRouter;
  } finally {
    if (previous === undefined) delete process.env.SKIP_ENV_VALIDATION;
    else process.env.SKIP_ENV_VALIDATION = previous;
  }
}

async function main(): Promise<number> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.error("No production build in .next: run `SKIP_ENV_VALIDATION=1 npx next build` first.");
    return 1;
  }
  const procedures = Object.entries((await loadRouter())._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>).map(([p, procedure]) => ({
    path: p,
    type: procedure._def.type,
  }));
  const untemplated = procedures.filter((p) => !TEMPLATES[p.path]).map((p) => p.path);
  if (untemplated.length > 0) console.log(`No template (fuzzed from {} as a stranger): ${untemplated.join(", ")}`);

  console.log(`Starting the app on ${HOST} (fresh database, demo seed, local cloud, next start)…`);
  app = await startE2EApp({
    port: await freePort(),
    host: HOST,
    stdio: "pipe",
    env: { LOG_LEVEL: "info", RATE_LIMIT_MULTIPLIER: String(MULTIPLIER) },
  });
  captureOutput(app.child);
  await waitForHealth();
  console.log(`  ${app.appUrl} is up`);

  console.log("Discovery (real ids, sessions, a hold, bookings with patient markers)…");
  const discovery = await discover(app.databaseUrl);

  const random = prng(SEED);
  const requests = [
    ...procedures.flatMap((p) => procedureRequests({ procedure: p.path, type: p.type, discovery, perProcedure: PER_PROCEDURE, random })),
    ...protocolRequests({
      queries: procedures.filter((p) => p.type === "query").map((p) => p.path),
      mutations: procedures.filter((p) => p.type === "mutation").map((p) => p.path),
      discovery,
    }),
  ];
  console.log(`Fuzzing: ${requests.length} requests, ${CONCURRENCY} in flight, at most ${MAX_SECONDS} s (seed ${SEED})…`);
  const started = Date.now();
  const skipped = await runPool(shuffleStable(requests), started + MAX_SECONDS * 1000);
  const runMs = Date.now() - started;
  // Let the last log lines arrive.
  await sleep(1_000);
  if (process.env.FUZZ_LOG_FILE) writeFileSync(process.env.FUZZ_LOG_FILE, `${serverLog.join("\n")}\n`);
  return report(procedures, runMs, skipped);
}

/** Interleaves procedures (so concurrent requests hit different code), deterministically. */
function shuffleStable(requests: FuzzRequest[]): FuzzRequest[] {
  const random = prng(SEED + 1);
  return requests
    .map((request) => ({ request, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ request }) => request);
}

main()
  .then((code) => stopAll(code))
  .catch(async (error: unknown) => {
    console.error(error);
    await stopAll(1);
  });
