import type http from "node:http";
import { sendJson } from "../lib/http";

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
  410: "FAILED_PRECONDITION",
  412: "FAILED_PRECONDITION",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

export interface ApiErrorSpec {
  status: number;
  reason: string;
  message: string;
  domain?: string;
  /** `errors[0].message` when Google words it differently from the top-level message. */
  itemMessage?: string;
  location?: string;
  locationType?: string;
  /** google.rpc details (e.g. ErrorInfo with ACCESS_TOKEN_SCOPE_INSUFFICIENT). */
  details?: Record<string, unknown>[];
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  constructor(readonly spec: ApiErrorSpec) {
    super(spec.message);
  }
}

export const apiError = (status: number, reason: string, message: string, domain = "global") =>
  new ApiError({ status, reason, message, domain });

/** Google's JSON error envelope, which the SDKs surface as `GaxiosError.response.data`. */
export function sendApiError(res: http.ServerResponse, spec: ApiErrorSpec, headers: Record<string, string> = {}): void {
  sendJson(
    res,
    spec.status,
    {
      error: {
        code: spec.status,
        message: spec.message,
        errors: [
          {
            domain: spec.domain ?? "global",
            reason: spec.reason,
            message: spec.itemMessage ?? spec.message,
            ...(spec.location ? { location: spec.location, locationType: spec.locationType ?? "parameter" } : {}),
          },
        ],
        status: STATUS_NAMES[spec.status] ?? "UNKNOWN",
        ...(spec.details ? { details: spec.details } : {}),
      },
    },
    { ...spec.headers, ...headers },
  );
}
