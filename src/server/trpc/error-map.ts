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
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

const TRPC_TO_APP_CODE: Partial<Record<TRPC_ERROR_CODE_KEY, AppErrorCode>> = {
  BAD_REQUEST: "VALIDATION",
  PARSE_ERROR: "VALIDATION",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
};

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: APP_TO_TRPC_CODE[error.code], message: error.message, cause: error });
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
  const appCode = TRPC_TO_APP_CODE[error.code] ?? "INTERNAL";
  return {
    // Unexpected failures keep their detail in the server log, not in the response.
    message: appCode === "INTERNAL" ? "Something went wrong on our side. Please try again." : error.message,
    data: { appCode, fieldErrors: null, retryable: appCode === "INTERNAL", details: null },
  };
}
