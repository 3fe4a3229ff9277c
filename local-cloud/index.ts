import { createBlobEmulator, type BlobEmulator } from "./blob";
import { createGoogleEmulator, type GoogleEmulator } from "./google";
import { createInbox, type InboxEmulator } from "./inbox";
import { serve, type RunningEmulator } from "./lib/http";
import { createPlacesEmulator, type PlacesEmulator } from "./places";
import { createSendGridEmulator, type SendGridEmulator } from "./sendgrid";
import { contentTemplatesEnv, createTwilioEmulator, DEMO_CONTENT_TEMPLATES, demoCardTemplate, type TwilioEmulator } from "./twilio";

export type Vendor = "google" | "sendgrid" | "twilio" | "blob" | "places";
export const VENDORS: Vendor[] = ["google", "sendgrid", "twilio", "blob", "places"];

/** Documented default ports for `npm run local-cloud` and `npm run dev`; tests use 0 (random). */
export const DEFAULT_PORTS: Record<Vendor, number> = { google: 4011, sendgrid: 4012, twilio: 4013, blob: 4014, places: 4015 };

/** Documented port of the Inbox page; it is not a vendor, so it stays out of `VENDORS`. */
export const INBOX_DEFAULT_PORT = 4010;

/**
 * Fixed, public credentials of the local cloud. They are not secrets: they only open the
 * emulators on this machine, and live keys always replace them.
 */
export const LOCAL_CREDENTIALS = {
  googleClientId: "medbookings-local.apps.googleusercontent.com",
  googleClientSecret: "local-google-client-secret",
  sendgridApiKey: "SG.local-medbookings.emulator-key",
  twilioAccountSid: "AC00000000000000000000000000000001",
  twilioAuthToken: "local0twilio0auth0token0000000001",
  twilioMessagingServiceSid: "MG00000000000000000000000000000001",
  twilioSmsFrom: "+15005550006",
  twilioWhatsAppFrom: "whatsapp:+14155238886",
  sendgridFromEmail: "bookings@medbookings.local",
  blobStoreId: "localprivate",
  blobToken: "vercel_blob_rw_localprivate_emulatorsecret0001",
  blobPublicStoreId: "localpublic",
  blobPublicToken: "vercel_blob_rw_localpublic_emulatorsecret0002",
  googleMapsServerKey: "AIzaLocalMedBookingsPlacesEmulatorKey0001",
} as const;

/** Where the app receives vendor webhooks; the emulators post there (appUrl + path). */
export const APP_WEBHOOK_PATHS = {
  sendgridEvents: "/api/webhooks/sendgrid",
  twilioInbound: "/api/webhooks/twilio",
  twilioStatus: "/api/webhooks/twilio/status",
} as const;

export interface LocalCloudOptions {
  /** The app's public origin, e.g. http://localhost:3000 (OAuth redirect, webhook targets). */
  appUrl: string;
  accounts: { email: string; name: string; timeZone?: string }[];
  /** Which vendors to emulate (default: all). */
  vendors?: Vendor[];
  ports?: Partial<Record<Vendor, number>>;
  /** Port of the Inbox page (default 0: a free port, as tests want). */
  inboxPort?: number;
  /**
   * SendGrid Sender Identities besides the app's default sender (bookings@medbookings.local,
   * always verified): more Single Senders, and authenticated domains whose every address may send.
   */
  sendgridSenderIdentities?: { senders?: string[]; domains?: string[] };
  /**
   * Email Activity API allowance per API key. Default SendGrid's documented 6 requests a minute;
   * a benchmark that asks after every lost send may raise it, knowing the live API will not.
   */
  sendgridActivityRateLimit?: { limit: number; windowMs: number };
  host?: string;
}

export interface LocalCloud {
  google?: RunningEmulator<GoogleEmulator>;
  sendgrid?: RunningEmulator<SendGridEmulator>;
  twilio?: RunningEmulator<TwilioEmulator>;
  blob?: RunningEmulator<BlobEmulator>;
  places?: RunningEmulator<PlacesEmulator>;
  /** The Inbox page over every emulated vendor; absent when no vendor is emulated. */
  inbox?: RunningEmulator<InboxEmulator>;
  inboxUrl?: string;
  /** Environment variables that point the app's SDKs at the running emulators. */
  env: Record<string, string>;
  urls: Partial<Record<Vendor | "inbox", string>>;
  close(): Promise<void>;
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const vendors = new Set(options.vendors ?? VENDORS);
  const running: RunningEmulator[] = [];
  const cloud: LocalCloud = {
    env: {},
    urls: {},
    close: async () => {
      await Promise.all(running.map((r) => r.close()));
    },
  };
  const appUrl = options.appUrl.replace(/\/$/, "");
  const listen = async <E extends RunningEmulator["emulator"]>(vendor: Vendor, emulator: E) => {
    const server = await serve(emulator, { port: options.ports?.[vendor] ?? 0, host: options.host });
    running.push(server);
    cloud.urls[vendor] = server.url;
    return server;
  };
  const c = LOCAL_CREDENTIALS;

  try {
    if (vendors.has("google")) {
      cloud.google = await listen(
        "google",
        createGoogleEmulator({
          clients: [
            {
              clientId: c.googleClientId,
              clientSecret: c.googleClientSecret,
              redirectUris: [`${appUrl}/api/auth/callback/google`, `${appUrl}/api/integrations/google/callback`, `${appUrl}/api/calendar-connections/google/callback`],
            },
          ],
          accounts: options.accounts,
        }),
      );
      Object.assign(cloud.env, {
        GOOGLE_CLIENT_ID: c.googleClientId,
        GOOGLE_CLIENT_SECRET: c.googleClientSecret,
        GOOGLE_OAUTH_URL: cloud.google.url,
        GOOGLE_API_URL: `${cloud.google.url}/`,
      });
    }
    if (vendors.has("sendgrid")) {
      cloud.sendgrid = await listen(
        "sendgrid",
        createSendGridEmulator({
          apiKeys: [c.sendgridApiKey],
          senderIdentities: {
            senders: [c.sendgridFromEmail, ...(options.sendgridSenderIdentities?.senders ?? [])],
            domains: options.sendgridSenderIdentities?.domains ?? [],
          },
          eventWebhookUrl: `${appUrl}${APP_WEBHOOK_PATHS.sendgridEvents}`,
          ...(options.sendgridActivityRateLimit ? { activityRateLimit: options.sendgridActivityRateLimit } : {}),
        }),
      );
      Object.assign(cloud.env, {
        SENDGRID_API_KEY: c.sendgridApiKey,
        SENDGRID_API_URL: cloud.sendgrid.url,
        SENDGRID_FROM_EMAIL: c.sendgridFromEmail,
        SENDGRID_WEBHOOK_PUBLIC_KEY: cloud.sendgrid.emulator.publicKeyBase64Der,
      });
    }
    if (vendors.has("blob")) {
      cloud.blob = await listen(
        "blob",
        createBlobEmulator({
          stores: [
            // Patient documents: served only with the token, through the app's routes.
            { storeId: c.blobStoreId, token: c.blobToken, access: "private" },
            // Non-sensitive files (a provider's vCard): URLs anyone can open.
            { storeId: c.blobPublicStoreId, token: c.blobPublicToken, access: "public" },
          ],
        }),
      );
      Object.assign(cloud.env, {
        BLOB_READ_WRITE_TOKEN: c.blobToken,
        BLOB_PUBLIC_READ_WRITE_TOKEN: c.blobPublicToken,
        VERCEL_BLOB_API_URL: cloud.blob.emulator.apiUrl,
      });
    }
    if (vendors.has("twilio")) {
      // With the Blob store here too, the confirmation template can carry the practice's card.
      const templates = cloud.blob ? [...DEMO_CONTENT_TEMPLATES, demoCardTemplate(cloud.blob.url)] : [...DEMO_CONTENT_TEMPLATES];
      cloud.twilio = await listen(
        "twilio",
        createTwilioEmulator({
          accounts: [{ accountSid: c.twilioAccountSid, authToken: c.twilioAuthToken }],
          messagingServices: [
            {
              sid: c.twilioMessagingServiceSid,
              from: [c.twilioWhatsAppFrom],
              statusCallback: `${appUrl}${APP_WEBHOOK_PATHS.twilioStatus}`,
            },
          ],
          senders: [c.twilioSmsFrom, c.twilioWhatsAppFrom],
          contentTemplates: templates,
          inboundWebhookUrl: `${appUrl}${APP_WEBHOOK_PATHS.twilioInbound}`,
        }),
      );
      Object.assign(cloud.env, {
        TWILIO_ACCOUNT_SID: c.twilioAccountSid,
        TWILIO_AUTH_TOKEN: c.twilioAuthToken,
        TWILIO_API_URL: cloud.twilio.url,
        TWILIO_MESSAGING_SERVICE_SID: c.twilioMessagingServiceSid,
        TWILIO_SMS_FROM: c.twilioSmsFrom,
        TWILIO_WHATSAPP_FROM: c.twilioWhatsAppFrom,
        TWILIO_CONTENT_TEMPLATES: contentTemplatesEnv(templates),
      });
    }
    if (vendors.has("places")) {
      cloud.places = await listen("places", createPlacesEmulator({ apiKeys: [c.googleMapsServerKey] }));
      Object.assign(cloud.env, {
        GOOGLE_MAPS_SERVER_KEY: c.googleMapsServerKey,
        GOOGLE_PLACES_API_URL: cloud.places.url,
        GOOGLE_GEOCODING_API_URL: cloud.places.url,
      });
    }
    if (running.length > 0) {
      const inbox = await serve(
        createInbox({
          google: cloud.google?.emulator,
          sendgrid: cloud.sendgrid?.emulator,
          twilio: cloud.twilio?.emulator,
          blob: cloud.blob?.emulator,
          twilioNumbers: cloud.twilio ? [c.twilioSmsFrom, c.twilioWhatsAppFrom] : [],
        }),
        { port: options.inboxPort ?? 0, host: options.host },
      );
      running.push(inbox);
      cloud.inbox = inbox;
      cloud.inboxUrl = inbox.url;
      cloud.urls.inbox = inbox.url;
    }
    return cloud;
  } catch (error) {
    await cloud.close();
    throw error;
  }
}
