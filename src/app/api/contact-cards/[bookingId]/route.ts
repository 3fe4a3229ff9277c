import type { NextRequest } from "next/server";
import { privateFileFailure } from "../../private-file-answer";
import { openPatientCard, VCARD_CONTENT_TYPE } from "@/features/communications/server";
import { getSession } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { privateBlobs } from "@/server/integrations/blob/client";
import { getRateLimiter, trustedProxyHops } from "@/server/rate-limit/app-rate-limiter";
import { refuseIfRateLimited } from "@/server/rate-limit/limit-request";

const PRIVATE_HEADERS = {
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
};

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
    return privateFileFailure(PRIVATE_HEADERS, error);
  }
}
