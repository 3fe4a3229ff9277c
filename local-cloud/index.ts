import { createGoogleEmulator, type GoogleEmulator } from "./google";
import { serve, type RunningEmulator } from "./lib/http";

export type Vendor = "google";
export const VENDORS: Vendor[] = ["google"];

/** Documented default ports for `npm run local-cloud` and `npm run dev`; tests use 0 (random). */
export const DEFAULT_PORTS: Record<Vendor, number> = { google: 4011 };

/**
 * Fixed, public credentials of the local cloud. They are not secrets: they only open the
 * emulators on this machine, and live keys always replace them.
 */
export const LOCAL_CREDENTIALS = {
  googleClientId: "medbookings-local.apps.googleusercontent.com",
  googleClientSecret: "local-google-client-secret",
} as const;

export interface LocalCloudOptions {
  /** The app's public origin, e.g. http://localhost:3000 (OAuth redirect, webhook targets). */
  appUrl: string;
  accounts: { email: string; name: string; timeZone?: string }[];
  /** Which vendors to emulate (default: all). */
  vendors?: Vendor[];
  ports?: Partial<Record<Vendor, number>>;
  host?: string;
}

export interface LocalCloud {
  google?: RunningEmulator<GoogleEmulator>;
  /** Environment variables that point the app's SDKs at the running emulators. */
  env: Record<string, string>;
  urls: Partial<Record<Vendor, string>>;
  close(): Promise<void>;
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const vendors = new Set(options.vendors ?? VENDORS);
  const running: RunningEmulator[] = [];
  const env: Record<string, string> = {};
  const urls: LocalCloud["urls"] = {};
  const appUrl = options.appUrl.replace(/\/$/, "");
  const port = (vendor: Vendor) => options.ports?.[vendor] ?? 0;

  try {
    let google: RunningEmulator<GoogleEmulator> | undefined;
    if (vendors.has("google")) {
      google = await serve(
        createGoogleEmulator({
          clients: [
            {
              clientId: LOCAL_CREDENTIALS.googleClientId,
              clientSecret: LOCAL_CREDENTIALS.googleClientSecret,
              redirectUris: [`${appUrl}/api/auth/callback/google`, `${appUrl}/api/integrations/google/callback`],
            },
          ],
          accounts: options.accounts,
        }),
        { port: port("google"), host: options.host },
      );
      running.push(google);
      urls.google = google.url;
      Object.assign(env, {
        GOOGLE_CLIENT_ID: LOCAL_CREDENTIALS.googleClientId,
        GOOGLE_CLIENT_SECRET: LOCAL_CREDENTIALS.googleClientSecret,
        GOOGLE_OAUTH_URL: google.url,
        GOOGLE_API_URL: `${google.url}/`,
      });
    }
    return {
      google,
      env,
      urls,
      async close() {
        await Promise.all(running.map((r) => r.close()));
      },
    };
  } catch (error) {
    await Promise.all(running.map((r) => r.close()));
    throw error;
  }
}
