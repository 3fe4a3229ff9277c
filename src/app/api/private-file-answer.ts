import { isAppError } from "@/lib/errors/app-error";
import { isDatabaseUnavailableError } from "@/server/db/client";
import { UNAVAILABLE_MESSAGE } from "@/server/trpc/error-map";

/**
 * The answers of the routes that stream a private file behind a signed link (contact cards,
 * verification documents): each passes its own private headers, kept on errors too.
 */
const STATUS_BY_CODE: Partial<Record<string, number>> = { FORBIDDEN: 403, UNAUTHORIZED: 401, NOT_FOUND: 404 };

/** One line of plain text with the route's private headers. */
function privateProblem(privateHeaders: Record<string, string>, status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { ...privateHeaders, ...headers, "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** The answer to what opening the file threw: refusals and outages as plain text; anything else is rethrown. */
export function privateFileFailure(privateHeaders: Record<string, string>, error: unknown): Response {
  const status = isAppError(error) ? STATUS_BY_CODE[error.code] : undefined;
  if (status !== undefined && isAppError(error)) return privateProblem(privateHeaders, status, error.message);
  if ((isAppError(error) && error.code === "INTEGRATION_UNAVAILABLE") || isDatabaseUnavailableError(error)) {
    return privateProblem(privateHeaders, 503, UNAVAILABLE_MESSAGE, { "Retry-After": "5" });
  }
  throw error;
}
