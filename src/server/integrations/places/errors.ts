import { AppError } from "@/lib/errors/app-error";

const vendor = "google-maps";

const KEY_REFUSED =
  "Place search is unavailable: Google refused the server's Maps API key. Check GOOGLE_MAPS_SERVER_KEY and that the key may call the Places API (New) and the Geocoding API.";

function keyRefused(status: number | undefined, reason: string | undefined): AppError {
  return new AppError("INTEGRATION_UNAVAILABLE", KEY_REFUSED, { vendor, status, reason: reason ?? "key_refused", keyRefused: true, retryable: false });
}

function overQuota(status: number | undefined): AppError {
  return new AppError("INTEGRATION_UNAVAILABLE", "Place search is busy right now. Try again in a minute.", {
    vendor,
    status,
    reason: "over_quota",
    retryable: true,
  });
}

function unavailable(status: number | undefined, reason: string): AppError {
  return new AppError("INTEGRATION_UNAVAILABLE", "Place search is unavailable right now. Try again shortly.", { vendor, status, reason, retryable: true });
}

interface GaxError {
  code?: number;
  httpStatusCode?: number;
  reason?: string;
}

/** gRPC status codes the REST transport of google-gax maps HTTP answers to. */
const GRPC = { INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, UNAUTHENTICATED: 16 };

/**
 * What @googlemaps/places (google-gax, REST transport) threw, as an AppError. The original is
 * not kept as `cause`: it carries the request, i.e. the API key and what the person typed.
 */
export function placesErrorToAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const gax = (typeof error === "object" && error !== null ? error : {}) as GaxError;
  const status = gax.httpStatusCode;
  const reason = gax.reason;
  // Google answers an unknown key with 400 API_KEY_INVALID, a key not allowed for the API with 403.
  if (reason === "API_KEY_INVALID" || gax.code === GRPC.PERMISSION_DENIED || gax.code === GRPC.UNAUTHENTICATED || status === 401 || status === 403) {
    return keyRefused(status, reason);
  }
  if (gax.code === GRPC.RESOURCE_EXHAUSTED || status === 429) return overQuota(status ?? 429);
  if (gax.code === GRPC.NOT_FOUND || status === 404) {
    return new AppError("NOT_FOUND", "No place has this id. Search for the place again.", { vendor, status: status ?? 404, retryable: false });
  }
  if (gax.code === GRPC.INVALID_ARGUMENT || status === 400) {
    return new AppError("VALIDATION", "Google could not read this place search. Check the text and the area and try again.", {
      vendor,
      status: status ?? 400,
      retryable: false,
    });
  }
  if (status !== undefined) return unavailable(status, status >= 500 ? "server_error" : "unexpected_status");
  if (gax.code === GRPC.DEADLINE_EXCEEDED) return unavailable(undefined, "timeout");
  // No HTTP answer at all: refused connection, DNS, reset, timeout.
  return new AppError("INTEGRATION_UNAVAILABLE", "Place search could not be reached. Try again shortly.", { vendor, reason: "network", retryable: true });
}

interface AxiosLike {
  isAxiosError?: boolean;
  code?: string;
  response?: { status: number; data?: { status?: string } };
}

/** Geocoding API statuses (google-maps-services-js turns them into HTTP codes and rejects). */
export function geocodingErrorToAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const axios = (typeof error === "object" && error !== null ? error : {}) as AxiosLike;
  const status = axios.response?.status;
  const geocodingStatus = axios.response?.data?.status;
  if (geocodingStatus === "REQUEST_DENIED" || status === 401 || status === 403) return keyRefused(status, geocodingStatus ?? "REQUEST_DENIED");
  if (geocodingStatus === "OVER_QUERY_LIMIT" || geocodingStatus === "OVER_DAILY_LIMIT" || status === 429) return overQuota(status ?? 429);
  if (geocodingStatus === "INVALID_REQUEST" || status === 400) {
    return new AppError("VALIDATION", "Google could not read this address. Check it and try again.", { vendor, status, retryable: false });
  }
  if (geocodingStatus === "NOT_FOUND" || status === 404) {
    return new AppError("NOT_FOUND", "No place has this id. Search for the place again.", { vendor, status, retryable: false });
  }
  if (status !== undefined) return unavailable(status, geocodingStatus === "UNKNOWN_ERROR" ? "unknown_error" : "server_error");
  return new AppError("INTEGRATION_UNAVAILABLE", "Place search could not be reached. Try again shortly.", {
    vendor,
    reason: "network",
    network: axios.code ?? "unknown",
    retryable: true,
  });
}
