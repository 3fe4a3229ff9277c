import type { NextRequest } from "next/server";
import { openPatientCard, VCARD_CONTENT_TYPE } from "@/features/communications/server";
import { isAppError } from "@/lib/errors/app-error";
import { getSession } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { isDatabaseUnavailableError } from "@/server/db/client";
import { privateBlobs } from "@/server/integrations/blob/client";
import { getRateLimiter, trustedProxyHops } from "@/server/rate-limit/app-rate-limiter";
import { refuseIfRateLimited } from "@/server/rate-limit/limit-request";
import { UNAVAILABLE_MESSAGE } from "@/server/trpc/error-map";

const PRIVATE_HEADERS = {
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
};

const STATUS_BY_CODE: Partial<Record<string, number>> = { FORBIDDEN: 403, UNAUTHORIZED: 401, NOT_FOUND: 404 };

function problem(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { ...PRIVATE_HEADERS, ...headers, "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** The patient's vCard behind a signed 15-minute link, for the booking's provider (or a platform admin) only. */
export async function GET(request: NextRequest, context: { params: Promise<{ bookingId: string }> }) {
  // The same allowance as the manage-link routes: both answer to a signed link in the URL.
  const refused = await refuseIfRateLimited({
    req: request,
    policy: "manage:client",
    rateLimiter: getRateLimiter(),
    trustedProxyHops: trustedProxyHops(),
  });
  if (refused) return refused;

  const { bookingId } = await context.params;
  const query = request.nextUrl.searchParams;
  try {
    const session = await getSession();
    const card = await openPatientCard({
      db: getDatabase().db,
      blob: privateBlobs,
      bookingId,
      expires: query.get("expires"),
      sig: query.get("sig"),
      viewer: session === null ? null : { userId: session.user.id, role: session.user.role },
      now: new Date(),
    });
    return new Response(card.body, {
      status: 200,
      headers: {
        ...PRIVATE_HEADERS,
        "Content-Type": VCARD_CONTENT_TYPE,
        "Content-Disposition": `attachment; filename="${card.filename}"`,
        ...(card.size > 0 ? { "Content-Length": String(card.size) } : {}),
      },
    });
  } catch (error) {
    const status = isAppError(error) ? STATUS_BY_CODE[error.code] : undefined;
    if (status !== undefined && isAppError(error)) return problem(status, error.message);
    if ((isAppError(error) && error.code === "INTEGRATION_UNAVAILABLE") || isDatabaseUnavailableError(error)) {
      return problem(503, UNAVAILABLE_MESSAGE, { "Retry-After": "5" });
    }
    throw error;
  }
}
