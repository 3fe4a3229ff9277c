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
        errors: [{ domain: spec.domain ?? "global", reason: spec.reason, message: spec.message }],
        status: STATUS_NAMES[spec.status] ?? "UNKNOWN",
      },
    },
    headers,
  );
}
