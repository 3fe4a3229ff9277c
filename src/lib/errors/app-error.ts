/**
 * The closed set of failures a use case may report. The UI branches on these codes, never on
 * message text; `server/trpc/error-map.ts` maps each one to a tRPC/HTTP code in one place.
 */
export const APP_ERROR_CODES = [
  "VALIDATION",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "SLOT_TAKEN",
  "PRECONDITION_FAILED",
  "RATE_LIMITED",
  "INTEGRATION_UNAVAILABLE",
  /** Our own service (the database) cannot serve right now; retryable. */
  "UNAVAILABLE",
  "INTERNAL",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export type AppErrorDetails = Record<string, unknown> & {
  /** For integration failures: whether trying the same call again later can succeed. */
  retryable?: boolean;
  /** Field-level messages, keyed by dotted input path, for errors found past zod parsing. */
  fieldErrors?: Record<string, string[]>;
};

/** Marks every AppError, whichever copy of this module made it (see Symbol.hasInstance). */
const APP_ERROR_BRAND = Symbol.for("medbookings.AppError");

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: AppErrorDetails | undefined;
  readonly [APP_ERROR_BRAND] = true;

  /**
   * `instanceof AppError` by brand, not by prototype. A production Next.js build bundles this
   * module once per server layer (route handlers, RSC), while process-wide singletons (the rate
   * limiter on globalThis) are built by whichever layer runs first; a prototype check would let
   * one layer's AppError pass the other's `instanceof` as an unexpected error (a 500).
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[APP_ERROR_BRAND] === true;
  }

  constructor(code: AppErrorCode, message: string, details?: AppErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get isRetryable(): boolean {
    return this.details?.retryable === true;
  }
}

/**
 * A short log line for an error from a vendor call: the code, then the vendor, HTTP status,
 * reason and Twilio code when known (never the message, which may quote content). At most 200
 * characters; an error that is not an AppError is "unexpected error".
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof AppError)) return "unexpected error";
  const details = error.details ?? {};
  const parts = [error.code, details.vendor, details.status, details.reason, details.twilioCode].filter((part) => part !== undefined && part !== null);
  return parts.join(" ").slice(0, 200);
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
