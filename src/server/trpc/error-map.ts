import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { AppError, type AppErrorCode } from "@/lib/errors/app-error";

/** The one table from our error codes to tRPC (and so HTTP) codes. */
export const APP_TO_TRPC_CODE: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  VALIDATION: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  SLOT_TAKEN: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  INTEGRATION_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/** Calls per batched HTTP request; the route handler refuses larger batches. */
export const MAX_BATCH_SIZE = 10;

export const UNAVAILABLE_MESSAGE = "MedBookings is temporarily unavailable. Please try again in a moment.";

/**
 * Errors tRPC raises itself, before any procedure runs or without an AppError: how each is
 * labelled, and what the caller is told. Codes that are the caller's fault are not retryable and
 * say what to change; `null` keeps tRPC's own message, which names the path or field.
 */
const TRPC_CODE_LABELS: Record<
  TRPC_ERROR_CODE_KEY,
  { appCode: AppErrorCode; message: string | null; retryable: boolean }
> = {
  PARSE_ERROR: {
    appCode: "VALIDATION",
    message: "The request could not be read: send the input as valid JSON.",
    retryable: false,
  },
  BAD_REQUEST: { appCode: "VALIDATION", message: null, retryable: false },
  UNAUTHORIZED: { appCode: "UNAUTHORIZED", message: null, retryable: false },
  PAYMENT_REQUIRED: { appCode: "FORBIDDEN", message: null, retryable: false },
  FORBIDDEN: { appCode: "FORBIDDEN", message: null, retryable: false },
  NOT_FOUND: { appCode: "NOT_FOUND", message: null, retryable: false },
  METHOD_NOT_SUPPORTED: {
    appCode: "VALIDATION",
    message: "This operation does not accept that HTTP method: read with GET (or POST), change with POST.",
    retryable: false,
  },
  TIMEOUT: { appCode: "VALIDATION", message: "The request took too long to arrive. Please send it again.", retryable: true },
  CONFLICT: { appCode: "CONFLICT", message: null, retryable: false },
  PRECONDITION_FAILED: { appCode: "PRECONDITION_FAILED", message: null, retryable: false },
  PAYLOAD_TOO_LARGE: { appCode: "VALIDATION", message: "The request is too large. Send less data.", retryable: false },
  UNSUPPORTED_MEDIA_TYPE: {
    appCode: "VALIDATION",
    message: "The request's content type is not supported: send the input as application/json.",
    retryable: false,
  },
  UNPROCESSABLE_CONTENT: { appCode: "VALIDATION", message: null, retryable: false },
  PRECONDITION_REQUIRED: { appCode: "PRECONDITION_FAILED", message: null, retryable: false },
  TOO_MANY_REQUESTS: { appCode: "RATE_LIMITED", message: null, retryable: true },
  CLIENT_CLOSED_REQUEST: { appCode: "VALIDATION", message: "The request was cancelled before it finished.", retryable: false },
  INTERNAL_SERVER_ERROR: { appCode: "INTERNAL", message: "Something went wrong on our side. Please try again.", retryable: true },
  NOT_IMPLEMENTED: { appCode: "INTERNAL", message: "Something went wrong on our side. Please try again.", retryable: true },
  BAD_GATEWAY: { appCode: "UNAVAILABLE", message: UNAVAILABLE_MESSAGE, retryable: true },
  SERVICE_UNAVAILABLE: { appCode: "UNAVAILABLE", message: UNAVAILABLE_MESSAGE, retryable: true },
  GATEWAY_TIMEOUT: { appCode: "UNAVAILABLE", message: UNAVAILABLE_MESSAGE, retryable: true },
};

// tRPC's own refusal of an oversized batch (resolveResponse, maxBatchSize) has no code of its
// own; it is recognised by its text to tell the caller the limit.
const BATCH_TOO_LARGE = /^Batch call exceeds maximum size/;

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: APP_TO_TRPC_CODE[error.code], message: error.message, cause: error });
}

/** The database cannot be reached or cannot serve now: what the caller is told. */
export function databaseUnavailableError(cause: unknown): AppError {
  return new AppError("UNAVAILABLE", UNAVAILABLE_MESSAGE, { retryable: true }, { cause });
}

export type FieldErrors = Record<string, string[]>;

/** Zod issues keyed by dotted input path ("" for the whole input), for forms to show. */
export function zodFieldErrors(error: ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

export interface ErrorShapeData {
  appCode: AppErrorCode;
  fieldErrors: FieldErrors | null;
  retryable: boolean;
  details: Record<string, unknown> | null;
}

/** What the error formatter adds to every error's `data`. */
export function describeError(error: TRPCError): { message: string; data: ErrorShapeData } {
  const cause = error.cause;
  if (cause instanceof AppError) {
    const { fieldErrors, retryable, ...rest } = cause.details ?? {};
    return {
      message: cause.message,
      data: {
        appCode: cause.code,
        fieldErrors: fieldErrors ?? null,
        retryable: retryable === true,
        details: Object.keys(rest).length > 0 ? rest : null,
      },
    };
  }
  if (cause instanceof ZodError) {
    const fieldErrors = zodFieldErrors(cause);
    const fields = Object.keys(fieldErrors).filter(Boolean);
    return {
      message:
        fields.length > 0
          ? `Please check ${fields.join(", ")}: ${fieldErrors[fields[0]!]![0]}`
          : (cause.issues[0]?.message ?? "The request is not valid."),
      data: { appCode: "VALIDATION", fieldErrors, retryable: false, details: null },
    };
  }
  const label = TRPC_CODE_LABELS[error.code] ?? TRPC_CODE_LABELS.INTERNAL_SERVER_ERROR;
  const message = BATCH_TOO_LARGE.test(error.message)
    ? `This request bundles too many calls: send at most ${MAX_BATCH_SIZE} calls per request.`
    : // Unexpected failures keep their detail in the server log, not in the response.
      (label.message ?? error.message);
  return {
    message,
    data: { appCode: label.appCode, fieldErrors: null, retryable: label.retryable, details: null },
  };
}
