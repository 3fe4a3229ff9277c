import type { NextRequest } from "next/server";
import { privateFileFailure } from "../../private-file-answer";
import { documentContentDisposition, openProviderDocument } from "@/features/onboarding/server";
import { getSession } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { privateBlobs } from "@/server/integrations/blob/client";
import { getRateLimiter, trustedProxyHops } from "@/server/rate-limit/app-rate-limiter";
import { refuseIfRateLimited } from "@/server/rate-limit/limit-request";
import { requestMetaFromHeaders } from "@/server/trpc/context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// An identity document must not be cached, sniffed into HTML, able to run anything, or leak its
// signed URL in a Referer. next.config.mjs repeats the last two for this path, because headers
// set there (and by src/proxy.ts) win over a route's own.
const PRIVATE_HEADERS = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
};

/** A verification document behind a 5-minute link made for the signed-in viewer (its provider or a platform admin). */
export async function GET(request: NextRequest, context: { params: Promise<{ documentId: string }> }) {
  // The same allowance as the other signed-link routes (manage links, contact cards).
  const refused = await refuseIfRateLimited({
    req: request,
    policy: "manage:client",
    rateLimiter: getRateLimiter(),
    trustedProxyHops: trustedProxyHops(),
  });
  if (refused) return refused;

  const { documentId } = await context.params;
  const query = request.nextUrl.searchParams;
  try {
    const session = await getSession();
    const document = await openProviderDocument({
      db: getDatabase().db,
      blob: privateBlobs,
      documentId,
      expires: query.get("expires"),
      signature: query.get("signature"),
      viewer: session === null ? null : { userId: session.user.id, role: session.user.role },
      origin: requestMetaFromHeaders(request.headers, trustedProxyHops()),
      now: new Date(),
    });
    return new Response(document.body, {
      status: 200,
      headers: {
        ...PRIVATE_HEADERS,
        "Content-Type": document.contentType,
        "Content-Disposition": documentContentDisposition(document.fileName, document.contentType),
        ...(document.size > 0 ? { "Content-Length": String(document.size) } : {}),
      },
    });
  } catch (error) {
    return privateFileFailure(PRIVATE_HEADERS, error);
  }
}
