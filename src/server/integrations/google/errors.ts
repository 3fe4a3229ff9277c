import { AppError } from "@/lib/errors/app-error";

interface VendorFailure {
  status: number | null;
  reason: string | null;
  oauthError: string | null;
}

/** Reads a gaxios error by shape: the SDKs do not share one error class we could import. */
function readFailure(error: unknown): VendorFailure {
  const response = (error as { response?: { status?: unknown; data?: unknown } } | null)?.response;
  const status = typeof response?.status === "number" ? response.status : null;
  const data = response?.data as
    | { error?: string | { errors?: { reason?: unknown }[] } }
    | undefined;
  const nested = typeof data?.error === "object" ? data.error.errors?.[0]?.reason : undefined;
  return {
    status,
    reason: typeof nested === "string" ? nested : null,
    oauthError: typeof data?.error === "string" ? data.error : null,
  };
}

export function vendorStatus(error: unknown): number | null {
  return readFailure(error).status;
}

const RATE_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"]);

function systemCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

/**
 * Turns a Google failure into an AppError. The SDK's own error is dropped, not kept as `cause`:
 * its request config carries the refresh token in the form body. Only a summary survives.
 */
export function toAppError(error: unknown, operation: string): AppError {
  if (error instanceof AppError) return error;
  const { status, reason, oauthError } = readFailure(error);
  const details = { vendor: "google", operation, status, reason };
  const summary = status === null ? `network error ${systemCode(error) ?? ""}` : `HTTP ${status} ${reason ?? oauthError ?? ""}`;
  const cause = { cause: new Error(`Google ${operation} failed: ${summary.trim()}`) };
  if (oauthError === "invalid_grant") {
    return new AppError(
      "UNAUTHORIZED",
      "Google Calendar access was revoked or has expired. Reconnect your Google account to keep your calendar in sync.",
      { ...details, reason: oauthError, reconnectRequired: true, retryable: false },
      cause,
    );
  }
  if (status === 401) {
    return new AppError(
      "UNAUTHORIZED",
      "Google did not accept the access token. Refresh it and try again.",
      { ...details, reconnectRequired: false, retryable: true },
      cause,
    );
  }
  if ((status === 403 || status === 429) && reason !== null && RATE_REASONS.has(reason)) {
    return new AppError("RATE_LIMITED", "Google Calendar is rate limiting us. Try again shortly.", { ...details, retryable: true }, cause);
  }
  if (status === 429) {
    return new AppError("RATE_LIMITED", "Google Calendar is rate limiting us. Try again shortly.", { ...details, retryable: true }, cause);
  }
  if (status === 403 && reason === "insufficientPermissions") {
    return new AppError(
      "UNAUTHORIZED",
      "MedBookings lacks permission for this Google calendar. Reconnect your Google account and allow calendar access.",
      { ...details, reconnectRequired: true, retryable: false },
      cause,
    );
  }
  if (status === 404 || status === 410) {
    return new AppError("NOT_FOUND", "The Google calendar or event no longer exists.", { ...details, retryable: false }, cause);
  }
  if (status === 409) {
    return new AppError("CONFLICT", "An event with this id already exists in the Google calendar.", { ...details, retryable: false }, cause);
  }
  if (status === 412) {
    return new AppError(
      "PRECONDITION_FAILED",
      "The Google event changed meanwhile. Fetch it again and retry.",
      { ...details, retryable: true },
      cause,
    );
  }
  const retryable = status === null || status >= 500 || status === 408;
  return new AppError(
    "INTEGRATION_UNAVAILABLE",
    retryable ? "Google Calendar is unavailable right now. Try again later." : "Google Calendar refused the request.",
    { ...details, retryable },
    cause,
  );
}
