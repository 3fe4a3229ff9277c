// The only module that reads process.env. next.config.mjs imports it, so a missing or
// malformed variable stops `next build` / `next start` / `next dev` with a message naming it.
// `npm run dev` and the test harnesses fill the local defaults (embedded PostgreSQL, local
// cloud) before the app starts; live deployments set every variable themselves.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const url = () => z.url();
const optionalUrl = () => z.url().optional();

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string"),
    NEXTAUTH_URL: url(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
    TOKEN_ENCRYPTION_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 random bytes in base64 (openssl rand -base64 32)"),
    // Earlier TOKEN_ENCRYPTION_KEY values, comma-separated: still decrypt, never encrypt.
    TOKEN_ENCRYPTION_PREVIOUS_KEYS: z
      .string()
      .regex(
        /^\s*[A-Za-z0-9+/]{43}=\s*(,\s*[A-Za-z0-9+/]{43}=\s*)*$/,
        "must be comma-separated keys of 32 random bytes in base64 (earlier TOKEN_ENCRYPTION_KEY values)",
      )
      .optional(),
    GOOGLE_CLIENT_ID: z.string().min(1),
    GOOGLE_CLIENT_SECRET: z.string().min(1),
    // Base URL of the Google OAuth/OIDC issuer. Unset = https://accounts.google.com (live).
    GOOGLE_OAUTH_URL: optionalUrl(),
    // Root URL of Google's REST APIs (Calendar). Unset = https://www.googleapis.com/ (live).
    GOOGLE_API_URL: optionalUrl(),
    // Server key for the Places API (New) and the Geocoding API; unset = place search is off.
    GOOGLE_MAPS_SERVER_KEY: z.string().min(1).optional(),
    // Base URLs of the Places API (New) and the Geocoding API. Unset = Google's live endpoints.
    GOOGLE_PLACES_API_URL: optionalUrl(),
    GOOGLE_GEOCODING_API_URL: optionalUrl(),
    // Browser key for the Maps JavaScript API (the search page's map); unset = the results as a list only.
    GOOGLE_MAPS_BROWSER_KEY: z.string().min(1).optional(),
    SENDGRID_API_KEY: z.string().startsWith("SG.", "must start with SG.").optional(),
    SENDGRID_API_URL: optionalUrl(),
    SENDGRID_FROM_EMAIL: z.email().default("bookings@medbookings.local"),
    SENDGRID_WEBHOOK_PUBLIC_KEY: z.string().optional(),
    // SendGrid dynamic template ids by message purpose, e.g. {"booking.confirmed":"d-..."}; others use our own HTML.
    SENDGRID_TEMPLATE_IDS: z
      .string()
      .refine((value) => {
        try {
          const parsed = JSON.parse(value);
          return typeof parsed === "object" && parsed !== null && Object.values(parsed).every((id) => typeof id === "string" && /^d-[0-9a-f]{32}$/.test(id));
        } catch {
          return false;
        }
      }, 'must be JSON like {"booking.confirmed":"d-<32 hex>"}')
      .optional(),
    TWILIO_ACCOUNT_SID: z.string().startsWith("AC", "must start with AC").optional(),
    TWILIO_AUTH_TOKEN: z.string().optional(),
    TWILIO_API_URL: optionalUrl(),
    TWILIO_MESSAGING_SERVICE_SID: z.string().startsWith("MG", "must start with MG").optional(),
    TWILIO_SMS_FROM: z.string().optional(),
    TWILIO_WHATSAPP_FROM: z.string().optional(),
    // WhatsApp content templates by key and language: {"booking_confirmed":{"en":"HX..."}} (README: messages).
    TWILIO_CONTENT_TEMPLATES: z
      .string()
      .refine((value) => {
        try {
          const parsed = JSON.parse(value);
          return (
            typeof parsed === "object" &&
            parsed !== null &&
            Object.values(parsed).every(
              (byLanguage) =>
                typeof byLanguage === "object" &&
                byLanguage !== null &&
                Object.values(byLanguage).every((sid) => typeof sid === "string" && /^HX[0-9a-f]{32}$/.test(sid)),
            )
          );
        } catch {
          return false;
        }
      }, 'must be JSON like {"booking_confirmed":{"en":"HX<32 hex>"}}')
      .optional(),
    BLOB_READ_WRITE_TOKEN: z
      .string()
      .startsWith("vercel_blob_rw_", "must start with vercel_blob_rw_")
      .optional(),
    // A second, public store for non-sensitive files (providers' contact cards).
    BLOB_PUBLIC_READ_WRITE_TOKEN: z
      .string()
      .startsWith("vercel_blob_rw_", "must start with vercel_blob_rw_")
      .optional(),
    VERCEL_BLOB_API_URL: optionalUrl(),
    // Reverse proxies in front of the app that append the client address to x-forwarded-for;
    // the client is the entry that many places from the end (README: client address).
    TRUSTED_PROXY_HOPS: z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").default(1),
    // Scales every rate limit's allowance (README: rate limits); the e2e server raises it.
    RATE_LIMIT_MULTIPLIER: z.coerce.number().positive("must be a number above 0").default(1),
    // Jobs one worker process runs at once (npm run worker).
    WORKER_CONCURRENCY: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(10),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Slot lists each app process keeps (README: availability cache); 0 turns the cache off.
    AVAILABILITY_CACHE_ENTRIES: z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").max(1_000_000, "must be at most 1000000").default(5000),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  onValidationError(issues) {
    const lines = issues.map((issue) => {
      const name = issue.path?.map(String).join(".") ?? "?";
      const missing = issue.code === "invalid_type" && issue.message.includes("undefined");
      return `  - ${name}: ${missing ? "is not set" : issue.message}`;
    });
    console.error(`Invalid environment variables (see the configuration table in README.md):\n${lines.join("\n")}`);
    throw new Error(`Invalid environment variables: ${issues.map((i) => i.path?.map(String).join(".")).join(", ")}`);
  },
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
});
