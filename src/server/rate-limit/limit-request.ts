import { AppError } from "@/lib/errors/app-error";
import { isDatabaseUnavailableError } from "@/server/db/client";
import { UNAVAILABLE_MESSAGE } from "@/server/trpc/error-map";
import { clientIpFromForwardedFor } from "./client-ip";
import { clientKeyFromIp } from "./keys";
import type { RateLimitPolicyName } from "./policies";
import type { RateLimiter } from "./rate-limiter";

/**
 * Rate limiting for a plain route handler (outside tRPC): counts the request against `policy`
 * for its client address and answers the refusal itself, or returns null to let it through.
 * Browsers navigate to GET steps (the OAuth callback), so those get text; scripts get JSON.
 */
export async function refuseIfRateLimited(options: {
  req: Request;
  policy: RateLimitPolicyName;
  rateLimiter: RateLimiter;
  trustedProxyHops: number;
}): Promise<Response | null> {
  const ip = clientIpFromForwardedFor(options.req.headers.get("x-forwarded-for"), options.trustedProxyHops);
  try {
    await options.rateLimiter.consume(options.policy, clientKeyFromIp(ip));
    return null;
  } catch (error) {
    if (error instanceof AppError && error.code === "RATE_LIMITED") {
      const seconds = Number(error.details?.retryAfterSeconds ?? 1);
      return refusal(options.req, 429, error.message, {
        appCode: "RATE_LIMITED",
        retryable: true,
        retryAfterSeconds: seconds,
      }, { "retry-after": String(seconds) });
    }
    if (isDatabaseUnavailableError(error)) {
      return refusal(options.req, 503, UNAVAILABLE_MESSAGE, { appCode: "UNAVAILABLE", retryable: true }, {});
    }
    throw error;
  }
}

function refusal(
  req: Request,
  status: number,
  message: string,
  data: Record<string, unknown>,
  headers: Record<string, string>,
): Response {
  const common = { ...headers, "cache-control": "no-store" };
  if (req.method === "GET") {
    return new Response(`${message}\n`, { status, headers: { ...common, "content-type": "text/plain; charset=utf-8" } });
  }
  return Response.json({ error: { message, data } }, { status, headers: common });
}
