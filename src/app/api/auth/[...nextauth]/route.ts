import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth";
import { getRateLimiter, trustedProxyHops } from "@/server/rate-limit/app-rate-limiter";
import { refuseIfRateLimited } from "@/server/rate-limit/limit-request";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** Starting a sign-in (POST signin/<provider>) and finishing one (callback/<provider>). */
function isSignInStep(req: Request, segments: string[]): boolean {
  const [action, provider] = segments;
  if (!provider) return false;
  return (action === "signin" && req.method === "POST") || action === "callback";
}

async function handler(req: Request, context: RouteContext) {
  const { nextauth } = await context.params;
  if (isSignInStep(req, nextauth)) {
    const refused = await refuseIfRateLimited({
      req,
      policy: "sign-in:client",
      rateLimiter: getRateLimiter(),
      trustedProxyHops: trustedProxyHops(),
    });
    if (refused) return refused;
  }
  return NextAuth(getAuthOptions())(req, context);
}

export { handler as GET, handler as POST };
