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

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: AppErrorDetails | undefined;

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

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
