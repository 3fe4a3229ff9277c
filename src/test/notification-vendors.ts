import { startLocalCloud, type LocalCloud } from "../../local-cloud";
import { createBlobClient } from "@/server/integrations/blob/client";
import { createEmailClient } from "@/server/integrations/sendgrid/client";
import { createMessagingClient } from "@/server/integrations/twilio/client";
import type { ProductJobDeps } from "@/server/jobs/product-jobs";

export const TEST_APP_URL = "http://app.medbookings.test";

export interface NotificationVendors {
  cloud: LocalCloud;
  deps: ProductJobDeps;
  sendgrid: NonNullable<LocalCloud["sendgrid"]>["emulator"];
  twilio: NonNullable<LocalCloud["twilio"]>["emulator"];
  close(): Promise<void>;
}

/**
 * SendGrid, Twilio and Vercel Blob emulators on free ports, and the job dependencies built from
 * the real SDK clients pointed at them, as the worker builds them from its environment. Webhooks
 * the emulators post go to an address nothing listens on unless `appUrl` is given.
 */
export async function startNotificationVendors(options: { appUrl?: string; random?: () => number } = {}): Promise<NotificationVendors> {
  const appUrl = options.appUrl ?? TEST_APP_URL;
  const cloud = await startLocalCloud({ appUrl, accounts: [], vendors: ["sendgrid", "twilio", "blob"], host: "127.0.0.1" });
  const env = cloud.env;
  // @vercel/blob reads its API base from the environment only.
  process.env.VERCEL_BLOB_API_URL = env.VERCEL_BLOB_API_URL;
  const deps: ProductJobDeps = {
    appUrl,
    senderEmail: "bookings@medbookings.local",
    email: createEmailClient({ apiKey: env.SENDGRID_API_KEY!, apiUrl: env.SENDGRID_API_URL, fromEmail: "bookings@medbookings.local", fromName: "MedBookings", timeoutMs: 5_000 }),
    messaging: createMessagingClient({
      accountSid: env.TWILIO_ACCOUNT_SID!,
      authToken: env.TWILIO_AUTH_TOKEN!,
      apiUrl: env.TWILIO_API_URL,
      messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
      smsFrom: env.TWILIO_SMS_FROM,
      whatsappFrom: env.TWILIO_WHATSAPP_FROM,
      statusCallbackUrl: `${appUrl}/api/webhooks/twilio/status`,
      timeoutMs: 5_000,
    }),
    publicBlobs: createBlobClient({ token: env.BLOB_PUBLIC_READ_WRITE_TOKEN!, access: "public" }),
    privateBlobs: createBlobClient({ token: env.BLOB_READ_WRITE_TOKEN!, access: "private" }),
    whatsappTemplates: JSON.parse(env.TWILIO_CONTENT_TEMPLATES ?? "{}"),
    emailTemplateIds: {},
    random: options.random ?? (() => 0.5),
  };
  return { cloud, deps, sendgrid: cloud.sendgrid!.emulator, twilio: cloud.twilio!.emulator, close: () => cloud.close() };
}
