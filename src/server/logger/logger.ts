import pino, { type DestinationStream, type Logger, type LevelWithSilent } from "pino";

export type { Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const satisfies readonly LevelWithSilent[];
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Field names that hold patient or secret data wherever they appear. Nothing in the app logs
 * them on purpose (inputs and error messages are never logged); this is the second line, for a
 * field someone adds to a log call later.
 */
const SENSITIVE_KEYS = [
  "input",
  "rawInput",
  "params",
  "detail",
  "message",
  "stack",
  "query",
  "email",
  "guestEmail",
  "contactEmail",
  "phone",
  "guestPhone",
  "contactPhone",
  "name",
  "guestName",
  "contactName",
  "notes",
  "reason",
  "token",
  "holdToken",
  "accessToken",
  "refreshToken",
  "idToken",
  "cookie",
  "authorization",
];

const REDACTED_PATHS = [...SENSITIVE_KEYS, ...SENSITIVE_KEYS.map((key) => `*.${key}`)];

/**
 * The app's logger: JSON lines on stdout (or `destination`), one per event, with sensitive
 * field names censored. `msg` is kept: every message the app writes is a fixed text.
 */
export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "medbookings" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      // pino's default err serializer copies message and stack, which quote SQL parameters.
      serializers: { err: (error: unknown) => summarizeError(error) },
    },
    // Asynchronous stdout (pino's documented "asynchronous logging"): lines written while a
    // write is in flight go out together instead of each blocking the request that logged it.
    // pino flushes it on exit.
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

export interface ErrorSummary {
  /** The error's class, e.g. DatabaseError, DrizzleQueryError, TypeError. */
  class: string;
  /** SQLSTATE (pg), system code (ECONNREFUSED) or app code; never free text. */
  code: string | null;
  /** The same for each wrapped cause, outermost first: drizzle wraps the driver's error. */
  causes: Array<{ class: string; code: string | null }>;
}

function classAndCode(error: unknown): { class: string; code: string | null } {
  if (typeof error !== "object" || error === null) return { class: typeof error, code: null };
  const code = (error as { code?: unknown }).code;
  return {
    class: (error as { constructor?: { name?: string } }).constructor?.name ?? "Object",
    // Only short identifier-like codes: a code field cannot smuggle data into the log.
    code: typeof code === "string" && /^[A-Z0-9_]{1,40}$/i.test(code) ? code : null,
  };
}

/**
 * What may be logged about an unexpected error: its class and code, and those of its causes.
 * Messages are left out on purpose: pg's `detail` and drizzle's "Failed query … params: …"
 * quote the values of the query, patient contact details included.
 */
export function summarizeError(error: unknown): ErrorSummary {
  const causes: ErrorSummary["causes"] = [];
  const seen = new Set<unknown>([error]);
  let cause = (error as { cause?: unknown } | null)?.cause;
  while (cause !== undefined && cause !== null && !seen.has(cause) && causes.length < 5) {
    seen.add(cause);
    causes.push(classAndCode(cause));
    cause = (cause as { cause?: unknown }).cause;
  }
  return { ...classAndCode(error), causes };
}
