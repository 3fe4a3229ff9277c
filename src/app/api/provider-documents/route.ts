import { handleDocumentUpload } from "@/features/onboarding/server";
import { getSession } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { privateBlobs } from "@/server/integrations/blob/client";
import { getLogger } from "@/server/logger";
import { getRateLimiter, trustedProxyHops } from "@/server/rate-limit/app-rate-limiter";
import { env } from "~/env";

// The body is read as a stream with a byte cap (Node APIs, never cached).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A provider uploads one verification document: multipart/form-data with documentTypeId, file and optionally providerId. */
export async function POST(request: Request) {
  return handleDocumentUpload({
    request,
    getSession,
    db: getDatabase().db,
    blob: privateBlobs,
    rateLimiter: getRateLimiter(),
    trustedProxyHops: trustedProxyHops(),
    appOrigin: new URL(env.NEXTAUTH_URL).origin,
    logger: getLogger(),
    now: new Date(),
  });
}
