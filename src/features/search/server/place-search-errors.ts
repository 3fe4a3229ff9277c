import { AppError } from "@/lib/errors/app-error";

/**
 * A place service that is down, over quota, refused our key or is not configured, in words for
 * a visitor: what happened and that search by words and filters still works. The operator's
 * reason (e.g. "set GOOGLE_MAPS_SERVER_KEY") stays in `cause` and the details, not the message.
 */
export function forVisitor(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== "INTEGRATION_UNAVAILABLE") return error;
  const reason = typeof error.details?.reason === "string" ? error.details.reason : "unavailable";
  const message =
    reason === "over_quota"
      ? "Place search is busy right now. Try again in a minute, or search by name, specialty and the other filters."
      : "Place search is unavailable right now. You can still search by name, specialty and the other filters.";
  return new AppError("INTEGRATION_UNAVAILABLE", message, { vendor: "google-maps", reason, retryable: error.isRetryable }, { cause: error });
}
