import { downloadPersonalData } from "@/features/privacy/server";
import { isAppError } from "@/lib/errors/app-error";
import { getSession } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { isDatabaseUnavailableError } from "@/server/db/client";
import { trustedProxyHops } from "@/server/rate-limit/app-rate-limiter";
import { requestMetaFromHeaders } from "@/server/trpc/context";
import { UNAVAILABLE_MESSAGE } from "@/server/trpc/error-map";

const PRIVATE_HEADERS = {
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
  "X-Content-Type-Options": "nosniff",
};

function problem(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, { status, headers: { ...PRIVATE_HEADERS, ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * The signed-in person's data as a JSON download (the privacy page links here). A plain
 * same-origin GET is enough: it changes nothing but the audit trail, and a cross-site page can
 * trigger the download but never read it.
 */
export async function GET(request: Request) {
  try {
    const session = await getSession();
    if (!session) return problem(401, "Sign in to download your data.");
    const download = await downloadPersonalData({
      db: getDatabase().db,
      userId: session.user.id,
      now: new Date(),
      origin: requestMetaFromHeaders(request.headers, trustedProxyHops()),
    });
    return new Response(`${JSON.stringify(download.data, null, 2)}\n`, {
      status: 200,
      headers: {
        ...PRIVATE_HEADERS,
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${download.fileName}"`,
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return problem(401, "Sign in again to download your data.");
    if (isDatabaseUnavailableError(error)) return problem(503, UNAVAILABLE_MESSAGE, { "Retry-After": "5" });
    throw error;
  }
}
