import { NextResponse, type NextRequest } from "next/server";
import { env } from "~/env";

/**
 * Content Security Policy with a fresh nonce per request, plus HSTS over HTTPS.
 *
 * Next.js reads the nonce from the request's Content-Security-Policy header while it renders and
 * puts it on its own scripts, so the policy travels on the request as well as on the response.
 * Every page is rendered per request (the root layout is dynamic), which a nonce needs.
 * The other security headers do not depend on the request: next.config.mjs sets them on every
 * response, static files included.
 */

// The search page's map loads the Maps JavaScript API, which fetches tiles, images and data
// from Google's hosts (Google's CSP guide for Maps); without a browser key none are allowed.
const MAPS_HOSTS = env.GOOGLE_MAPS_BROWSER_KEY
  ? { img: " https://*.googleapis.com https://*.gstatic.com https://*.google.com https://*.googleusercontent.com", connect: " https://*.googleapis.com https://*.google.com https://*.gstatic.com" }
  : { img: "", connect: "" };

function contentSecurityPolicy(nonce: string, https: boolean): string {
  const development = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonced bootstrap load the chunks it imports; React's dev build
    // uses eval to rebuild server error stacks, never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Style elements need the nonce; style attributes (React's style={...}, used for computed
    // positions in the week calendar) cannot carry one, and unlike elements they cannot select
    // or load anything, so only they are allowed inline.
    // In development Next injects styles without a nonce, and a nonce would disable 'unsafe-inline'.
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    `img-src 'self' blob: data:${MAPS_HOSTS.img}`,
    "font-src 'self'",
    `connect-src 'self'${MAPS_HOSTS.connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function servedOverHttps(request: NextRequest): boolean {
  // Behind a TLS-terminating proxy the app sees plain HTTP plus x-forwarded-proto. A spoofed
  // value on a plain-HTTP request is harmless: browsers ignore HSTS received over HTTP.
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || request.nextUrl.protocol === "https:";
}

export function proxy(request: NextRequest) {
  const https = servedOverHttps(request);
  // API routes get the same policy as pages (an API path can still answer with an HTML page: a
  // 404, next-auth's redirects), except the JSON endpoints the matcher below leaves out.
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, https);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  // Built assets are immutable files with no nonce to match; next.config.mjs still gives them
  // nosniff and the other static headers.
  // The JSON endpoints that every public read goes through (tRPC, the health check) never render
  // a page: they get next.config.mjs's static API policy instead of a nonce, which spares the
  // busiest paths this function's cost (bench:api).
  // Verification documents carry their own sandboxing policy (next.config.mjs), which a page
  // policy set here would replace.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/trpc/|api/health$|api/provider-documents/|api/provider-documents$).*)"],
};
