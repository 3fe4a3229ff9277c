/**
 * `npm run fuzz:api`: the production build tried as a hostile stranger would.
 *
 * 1. Starts the app as the e2e tests do (scripts/e2e-server.ts: a fresh embedded database,
 *    migrations, the demo seed, the local cloud, `npm start`'s server on the existing build), on
 *    127.0.0.1 only, with LOG_LEVEL=info and RATE_LIMIT_MULTIPLIER=1000 so that the fuzz
 *    reaches the validators instead of the limits (429s are still counted apart). It does NOT
 *    build: run `SKIP_ENV_VALIDATION=1 npx next build` first.
 * 2. Signs in a patient, the provider under test and an administrator by writing session rows
 *    (the app uses database sessions), then learns real ids through the public procedures:
 *    a provider, its service and location, an offered slot, holds (one with a verified contact,
 *    one with a code not yet entered), guest bookings with their manage token, a patient's
 *    bookings, the provider's override, the notifications the worker sent for a booking (one
 *    of them made a dead letter). Guests prove their contact as on the booking form: the code
 *    the worker (started with the app) sends is read from the local cloud's SendGrid or Twilio.
 * 3. For every procedure of the app router: valid-looking input, inputs around the real ids,
 *    whole-input and transformer attacks, and each field replaced by hostile values (sampled to
 *    FUZZ_PER_PROCEDURE); then protocol abuse (methods, content types, malformed JSON,
 *    oversized bodies, batches, unknown paths, headers). See scripts/fuzz/cases.ts.
 * 4. Sends them FUZZ_CONCURRENCY at a time within FUZZ_MAX_SECONDS, lets the worker send what
 *    they queued, and reports requests per procedure, the status histogram, every 5xx, appCode
 *    INTERNAL answers, and every response, app or worker log line, or vendor metadata (SendGrid
 *    categories/custom_args, Twilio template variables) carrying a patient marker.
 *
 * Exit 1 on any 5xx, any INTERNAL, any request without an answer, or any leak (a marker in a
 * log line, in an error response or in vendor metadata); exit 0 otherwise. Successful answers that show a caller
 * the data they are entitled to (a provider's booking list, the manage page) are listed but
 * are not leaks.
 *
 * Knobs (env): FUZZ_PER_PROCEDURE (80), FUZZ_CONCURRENCY (8), FUZZ_MAX_SECONDS (300),
 * FUZZ_SEED (1), FUZZ_RATE_LIMIT_MULTIPLIER (1000), FUZZ_LOG_FILE (also write the server log),
 * FUZZ_RESULTS_FILE (also write one JSON line per request: procedure, role, label, status, appCodes).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import superjson from "superjson";
import { decodePublicSlots, type CompactPublicSlots } from "../src/features/availability/slot-encoding";
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
type LogEntry = { id: string; status: string; channel: "EMAIL" | "WHATSAPP" | "SMS" };
type CodeChannel = "EMAIL" | "SMS";

const CODE_WAIT_MS = 60_000;

/**
 * The contact codes the local cloud has delivered to the marker address (EMAIL) or phone (SMS),
 * oldest first. Read from the emulators, where the worker sends them: the fuzzer checks answers
 * and logs for markers, never these messages, which are meant to carry the patient's address.
 */
function deliveredCodes(channel: CodeChannel): string[] {
  const cloud = app!.cloud;
  if (channel === "EMAIL") {
    return (cloud.sendgrid?.emulator.snapshot().messages ?? []).flatMap((message) =>
      message.personalizations
        .filter((p) => p.to.some((to) => to.email.toLowerCase() === MARKERS.email))
        .flatMap((p) => /Your MedBookings code: (\d{6})/.exec(p.subject)?.[1] ?? []),
    );
  }
  return (cloud.twilio?.emulator.snapshot().messages ?? [])
    .filter((message) => message.direction === "outbound-api" && message.channel === "sms" && message.to === MARKERS.phone)
    .flatMap((message) => /Your MedBookings code is (\d{6})/.exec(message.body)?.[1] ?? []);
}

let codesRead = 0;

const askCode = (hold: Hold, channel: CodeChannel) =>
  call("bookings.requestContactCode", "mutation", { holdId: hold.holdId, holdToken: hold.holdToken, channel, contact: { name: MARKERS.name, email: MARKERS.email, phone: MARKERS.phone } }, "anonymous");

/** Asks for a code for a guest hold and waits for the worker to deliver it; null when none came. */
async function requestCode(hold: Hold, channel: CodeChannel): Promise<string | null> {
  const before = deliveredCodes(channel).length;
  if (!(await askCode(hold, channel))) return null;
  const deadline = Date.now() + CODE_WAIT_MS;
  while (Date.now() < deadline) {
    const code = deliveredCodes(channel)[before];
    if (code) {
      codesRead++;
      return code;
    }
    if (app!.worker.exitCode !== null) throw new Error(`the job worker exited with code ${app!.worker.exitCode}:\n${serverLog.slice(-30).join("\n")}`);
    await sleep(200);
  }
  console.log(`  discovery: no ${channel} code arrived within ${CODE_WAIT_MS / 1000} s`);
  return null;
}

/** What a guest does before confirming: a code by `channel`, entered. */
async function verifyGuest(hold: Hold | null, channel: CodeChannel): Promise<Hold | null> {
  if (!hold) return null;
  const code = await requestCode(hold, channel);
  if (code) await call("bookings.verifyContactCode", "mutation", { holdId: hold.holdId, holdToken: hold.holdToken, code }, "anonymous");
  return hold;
}

/**
 * A dead letter to retry. The worker dead-letters a message after MAX_SEND_ATTEMPTS retryable
 * failures with backoff growing to half an hour, too slow to wait for: one delivered email is put
 * in the state the worker leaves (status DEAD, attempts spent, an error, no vendor message, the
 * event). Only once its delivery reports are all in: a late report moves a DEAD notification on.
 */
async function deadLetter(databaseUrl: string, bookingId: string): Promise<{ deadId: string | null; otherId: string | null }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let entries: LogEntry[] = [];
  try {
    const deadline = Date.now() + CODE_WAIT_MS;
    while (Date.now() < deadline) {
      entries = (await call<LogEntry[]>("notifications.forBooking", "query", { bookingId }, "provider")) ?? [];
      const delivered = entries.find((e) => e.channel === "EMAIL" && e.status === "DELIVERED");
      if (delivered) {
        await app!.cloud.sendgrid?.emulator.flushEvents();
        const updated = await client.query(
          `UPDATE notifications SET status = 'DEAD', attempts = 8, last_error = 'fuzz: 503 from the vendor', sending_started_at = NULL,
             vendor_message_id = NULL, sent_at = NULL, delivered_at = NULL, read_at = NULL, failed_at = NULL, updated_at = now()
           WHERE id = $1 AND status = 'DELIVERED'`,
          [delivered.id],
        );
        if (updated.rowCount === 1) {
          await client.query(`INSERT INTO notification_events (notification_id, status, detail) VALUES ($1, 'DEAD', 'gave up after 8 attempts: fuzz')`, [delivered.id]);
          await sleep(1_500);
          const { rows } = await client.query<{ status: string }>(`SELECT status FROM notifications WHERE id = $1`, [delivered.id]);
          if (rows[0]?.status === "DEAD") return { deadId: delivered.id, otherId: entries.find((e) => e.id !== delivered.id)?.id ?? null };
        }
      }
      await sleep(500);
    }
  } finally {
    await client.end();
  }
  console.log(`  discovery: no delivered email among the ${entries.length} notification(s) of the provider's booking stayed dead within ${CODE_WAIT_MS / 1000} s`);
  return { deadId: null, otherId: entries[0]?.id ?? null };
}

async function discover(databaseUrl: string): Promise<Discovery> {
  const now = new Date();
  const list = await call<ProviderPage>("providers.list", "query", { pageSize: 50 }, "anonymous");
  const providers = list?.items ?? [];
  if (providers.length < 2) throw new Error("providers.list returned fewer than two providers: is the demo seed in place?");
  const provider = providers.find((p) => p.services.length > 0)!;
  const other = providers.find((p) => p.id !== provider.id && p.services.length > 0)!;
  await signIn(databaseUrl, provider.id);

  // Slots overlap (a 30-minute service every 15 minutes): book ones an hour apart or more.
  const separateSlots = async (providerId: string, serviceId: string) => {
    const compact = await call<CompactPublicSlots>("availability.slots", "query", { providerId, serviceId, from: now, days: 30 }, "anonymous");
    const slots = compact ? decodePublicSlots(compact).slots : [];
    const apart: Slots["slots"] = [];
    for (const s of slots) {
      const last = apart.at(-1);
      if (!last || s.startsAt.getTime() >= last.endsAt.getTime() + 3_600_000) apart.push(s);
    }
    return apart;
  };
  const profile = await call<Profile>("providers.bySlug", "query", { slug: provider.slug }, "anonymous");
  const service = profile?.services.find((s) => !s.requiresApproval) ?? profile!.services[0]!;
  const apart = await separateSlots(provider.id, service.id);
  if (apart.length < 8) throw new Error(`availability.slots offered ${apart.length} separate slots: too few to fuzz around.`);
  const slot = apart[0]!;

  const hold = (s: Slots["slots"][number] | undefined, role: Role, providerId = provider.id, serviceId = service.id) =>
    s ? call<Hold>("bookings.hold", "mutation", { providerId, serviceId, startsAt: s.startsAt, mode: s.mode, locationId: s.locationId }, role) : Promise.resolve(null);
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

  // An open hold with a verified contact (confirm and code fuzz), one to release, one with a code
  // waiting to be entered (code checks), one whose code only wrong guesses will meet (tries
  // counted under concurrency, then locked), a guest booking verified by email (manage token), a
  // patient's booking, one more guest booking verified by SMS for the provider's decisions and
  // logs, and the patient's booking with another provider. Guests verify their contact first; the
  // signed-in demo patient's email is verified, so they need no code.
  const openHold = await verifyGuest(await hold(apart[1], "anonymous"), "EMAIL");
  const releasable = await hold(apart[6], "anonymous");
  const pendingHold = await hold(apart[5], "anonymous");
  const contactCode = pendingHold ? await requestCode(pendingHold, "EMAIL") : null;
  const guessedHold = await hold(apart[7], "anonymous");
  const guessedAsked = guessedHold ? await askCode(guessedHold, "SMS") : null;
  const bookedHold = await verifyGuest(await hold(apart[2], "anonymous"), "EMAIL");
  const guest = await confirm(bookedHold, "anonymous", true);
  const mine = await confirm(await hold(apart[3], "patient"), "patient", false);
  const forProvider = await confirm(await verifyGuest(await hold(apart[4], "anonymous"), "SMS"), "anonymous", true);
  const otherService = other.services[0]!.id;
  const otherBooking = await confirm(await hold((await separateSlots(other.id, otherService))[0], "patient", other.id, otherService), "patient", false);
  await call("availability.addOverride", "mutation", { startDate: "2027-06-01", endDate: "2027-06-01", kind: "OFF", reason: "Fuzz day off" }, "provider");
  // The signed-in provider's practice (the demo seed makes every provider a member of one).
  const organizations = await call<Array<{ id: string }>>("organizations.mine", "query", undefined, "provider");
  const schedule = await call<{ overrides: Array<{ id: string }> }>("availability.mySchedule", "query", undefined, "provider");
  const { deadId, otherId } = forProvider ? await deadLetter(databaseUrl, forProvider.id) : { deadId: null, otherId: null };

  const token = () => randomBytes(32).toString("base64url");
  const uuid = () => randomUUID();
  const found = {
    "open verified hold": openHold,
    "hold to release": releasable,
    "pending hold with its code": pendingHold && contactCode,
    "hold to guess codes for": guessedHold && guessedAsked,
    "guest booking": guest,
    "patient booking": mine,
    "provider's guest booking": forProvider,
    "booking with another provider": otherBooking,
    "dead letter": deadId,
    "another notification": otherId,
  };
  const missing = Object.entries(found).filter(([, value]) => !value).map(([name]) => name);
  if (missing.length > 0) console.log(`  discovery: missing ${missing.join(", ")}; random ids stand in (fewer requests reach past the checks)`);
  else console.log(`  discovery: found ${Object.keys(found).join(", ")}; guests verified by codes the worker sent (${codesRead} read from the local cloud)`);
  return {
    providerId: provider.id,
    otherProviderId: other.id,
    slug: provider.slug,
    serviceId: service.id,
    otherServiceId: otherService,
    locationId: profile?.locations[0]?.id ?? null,
    slotStepMinutes: service.slotStepMinutes,
    slot: { startsAt: slot.startsAt, mode: slot.mode, locationId: slot.locationId },
    holdId: openHold?.holdId ?? uuid(),
    holdToken: openHold?.holdToken ?? token(),
    releasableHoldId: releasable?.holdId ?? uuid(),
    releasableHoldToken: releasable?.holdToken ?? token(),
    guessedHoldId: guessedHold?.holdId ?? uuid(),
    guessedHoldToken: guessedHold?.holdToken ?? token(),
    pendingHoldId: pendingHold?.holdId ?? uuid(),
    pendingHoldToken: pendingHold?.holdToken ?? token(),
    contactCode: contactCode ?? "123456",
    bookedHoldId: bookedHold?.holdId ?? uuid(),
    bookedHoldToken: bookedHold?.holdToken ?? token(),
    manageToken: guest?.manageToken ?? token(),
    myBookingId: mine?.id ?? uuid(),
    providerBookingId: forProvider?.id ?? uuid(),
    otherProviderBookingId: otherBooking?.id ?? uuid(),
    overrideId: schedule?.overrides[0]?.id ?? uuid(),
    organizationId: organizations?.[0]?.id ?? uuid(),
    notificationId: otherId ?? uuid(),
    deadNotificationId: deadId ?? uuid(),
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
    if (app!.child.exitCode !== null) throw new Error(`the server exited with code ${app!.child.exitCode}:\n${serverLog.slice(-30).join("\n")}`);
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

/** Collects a process's output lines into the server log; `prefix` tells the worker's apart. */
function captureOutput(child: E2EApp["child"], prefix = "") {
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream?.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop() ?? "";
      serverLog.push(...lines.filter(Boolean).map((line) => prefix + line));
    });
    stream?.on("end", () => {
      if (pending) serverLog.push(prefix + pending);
    });
  }
}

/**
 * Patient markers in what the vendors were given besides the message itself: SendGrid
 * categories and custom_args, Twilio template variables and status callbacks. The recipient,
 * subject and body are the patient's own message and may name them.
 */
function vendorMetadataLeaks(): string[] {
  const leaks: string[] = [];
  for (const message of app!.cloud.sendgrid?.emulator.snapshot().messages ?? []) {
    const metadata = JSON.stringify({ categories: message.categories, customArgs: message.customArgs });
    const markers = findMarkers(metadata);
    if (markers.length > 0) leaks.push(`SendGrid ${message.messageId}: ${truncate(metadata, 200)} markers: ${markers.join(",")}`);
  }
  for (const message of app!.cloud.twilio?.emulator.snapshot().messages ?? []) {
    const metadata = JSON.stringify({ contentVariables: message.contentVariables, statusCallback: message.statusCallback });
    const markers = findMarkers(metadata);
    if (markers.length > 0) leaks.push(`Twilio ${message.sid} (${message.channel}): ${truncate(metadata, 200)} markers: ${markers.join(",")}`);
  }
  return leaks;
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
  console.log(`  ${"procedure".padEnd(40)} ${"type".padEnd(8)} ${"sent".padStart(5)} ${columns.map((c) => c.padStart(5)).join(" ")}`);
  const rows = [...procedures.map((p) => ({ path: p.path, type: p.type })), { path: "(protocol)", type: "-" }];
  for (const row of rows) {
    const list = byProcedure.get(row.path) ?? [];
    const counts = columns.map((column) => list.filter((r) => bucket(r.status) === column).length);
    console.log(`  ${row.path.padEnd(40)} ${row.type.padEnd(8)} ${String(list.length).padStart(5)} ${counts.map((n) => String(n).padStart(5)).join(" ")}`);
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
  const vendorLeaks = vendorMetadataLeaks();
  const vendorMessages = (app!.cloud.sendgrid?.emulator.snapshot().messages.length ?? 0) + (app!.cloud.twilio?.emulator.snapshot().messages.length ?? 0);
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
  section(`LEAK: vendor metadata with a patient marker (of ${vendorMessages} messages the worker sent)`, vendorLeaks);
  const echoCounts = new Map<string, number>();
  for (const r of echoes) echoCounts.set(`${r.request.procedure} [${r.request.role}]`, (echoCounts.get(`${r.request.procedure} [${r.request.role}]`) ?? 0) + 1);
  console.log(`\nSuccessful answers showing patient data to its owner or provider (not leaks): ${[...echoCounts.entries()].map(([k, n]) => `${k} ${n}`).join(", ") || "none"}`);

  const tooMany = results.filter((r) => r.status === 429).length;
  const leaks = logLeaks.length + responseLeaks.length + vendorLeaks.length;
  console.log("\nSummary");
  console.log(`  requests            ${results.length} over ${procedures.length} procedures (+ protocol requests)${skipped ? `; ${skipped} not sent: time limit` : ""}`);
  console.log(`  run time            ${(runMs / 1000).toFixed(1)} s (fuzz phase, ${CONCURRENCY} in flight)`);
  console.log(`  5xx                 ${serverErrors.length}`);
  console.log(`  appCode INTERNAL    ${internal.length}`);
  console.log(`  no answer           ${unanswered.length}`);
  console.log(`  429 (rate limited)  ${tooMany}  (RATE_LIMIT_MULTIPLIER=${MULTIPLIER})`);
  console.log(`  server log lines    ${serverLog.length} (app and worker), ${logLeaks.length} with a patient marker`);
  console.log(`  vendor messages     ${vendorMessages}, ${vendorLeaks.length} with a patient marker in their metadata`);
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

  console.log(`Starting the app on ${HOST} (fresh database, demo seed, local cloud, npm start's server)…`);
  app = await startE2EApp({
    port: await freePort(),
    host: HOST,
    stdio: "pipe",
    env: { LOG_LEVEL: "info", RATE_LIMIT_MULTIPLIER: String(MULTIPLIER) },
  });
  captureOutput(app.child);
  captureOutput(app.worker, "worker: ");
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
  // Let the worker send what the fuzz queued (its log lines and vendor calls are checked too).
  await workerSettled(app.databaseUrl, 30_000);
  await sleep(1_000);
  if (process.env.FUZZ_LOG_FILE) writeFileSync(process.env.FUZZ_LOG_FILE, `${serverLog.join("\n")}\n`);
  if (process.env.FUZZ_RESULTS_FILE) {
    const lines = results.map((r) => JSON.stringify({ requestId: r.requestId, procedure: r.request.procedure, role: r.request.role, label: r.request.label, status: r.status, appCodes: r.appCodes }));
    writeFileSync(process.env.FUZZ_RESULTS_FILE, `${lines.join("\n")}\n`);
  }
  return report(procedures, runMs, skipped);
}

/** Waits (at most `timeoutMs`) until the worker has no job due. */
async function workerSettled(databaseUrl: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE run_at <= now() AND attempts < max_attempts`);
      if (rows[0]!.n === 0) return;
      await sleep(500);
    }
    console.log(`  the worker still had jobs due after ${timeoutMs / 1000} s`);
  } finally {
    await client.end();
  }
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
