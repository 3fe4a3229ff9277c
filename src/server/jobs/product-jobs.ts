import { purgeLapsedHolds } from "@/features/bookings/server";
import { applyStoredGoogleEdits, exportBooking, pollMeetLink, reconcileCalendars, runCalendarSync, watchCalendar } from "@/features/calendar-sync/server";
import {
  createReminder,
  drainOutbox,
  ensureProviderCard,
  purgeContactCards,
  purgeWebhookReceipts,
  recoverInterruptedSends,
  sendNotification,
  sweepOrphanedContactCards,
  sweepReminders,
  type NotificationDeps,
} from "@/features/communications/server";
import { createTokenCipher, parsePreviousKeys, type TokenCipher } from "@/server/auth/token-crypto";
import { createBlobClient, privateBlobs, publicBlobs, type BlobClient } from "@/server/integrations/blob/client";
import { createGoogleCalendarIntegration, type GoogleCalendarIntegration } from "@/server/integrations/google/client";
import { createEmailClient, type EmailClient } from "@/server/integrations/sendgrid/client";
import { createMessagingClient, type MessagingClient } from "@/server/integrations/twilio/client";
import type { JobHandlers } from "./worker";

export interface ProductJobDeps {
  appUrl: string;
  senderEmail: string;
  email: EmailClient;
  messaging: MessagingClient;
  publicBlobs: BlobClient;
  privateBlobs: BlobClient;
  whatsappTemplates: NotificationDeps["whatsappTemplates"];
  emailTemplateIds: NotificationDeps["emailTemplateIds"];
  google: GoogleCalendarIntegration;
  /** Where Google posts calendar push notifications: `${appUrl}/api/webhooks/google-calendar`. */
  calendarPushAddress: string;
  /** Opens the stored Google tokens of calendar connections (TOKEN_ENCRYPTION_KEY). */
  tokenCipher: TokenCipher;
  random?: () => number;
}

/** The variables the worker's vendor clients are built from (env.mjs names; README: configuration). */
export interface VendorSettings {
  NEXTAUTH_URL: string;
  SENDGRID_API_KEY: string;
  SENDGRID_API_URL?: string;
  SENDGRID_FROM_EMAIL: string;
  SENDGRID_TEMPLATE_IDS?: string;
  TWILIO_ACCOUNT_SID: string;
  TWILIO_AUTH_TOKEN: string;
  TWILIO_API_URL?: string;
  TWILIO_MESSAGING_SERVICE_SID?: string;
  TWILIO_SMS_FROM?: string;
  TWILIO_WHATSAPP_FROM?: string;
  TWILIO_CONTENT_TEMPLATES?: string;
  BLOB_READ_WRITE_TOKEN?: string;
  BLOB_PUBLIC_READ_WRITE_TOKEN?: string;
  GOOGLE_CLIENT_ID: string;
  GOOGLE_CLIENT_SECRET: string;
  GOOGLE_OAUTH_URL?: string;
  GOOGLE_API_URL?: string;
  TOKEN_ENCRYPTION_KEY: string;
  TOKEN_ENCRYPTION_PREVIOUS_KEYS?: string;
}

/**
 * The real SDK clients, pointed at the live APIs or (with the *_API_URL variables) the local
 * cloud. A Blob store without a token gets the app's default client, which refuses with
 * INTEGRATION_UNAVAILABLE naming the variable.
 */
export function productJobDepsFrom(settings: VendorSettings, timeoutMs?: number): ProductJobDeps {
  const appUrl = settings.NEXTAUTH_URL.replace(/\/$/, "");
  return {
    appUrl,
    senderEmail: settings.SENDGRID_FROM_EMAIL,
    email: createEmailClient({ apiKey: settings.SENDGRID_API_KEY, apiUrl: settings.SENDGRID_API_URL, fromEmail: settings.SENDGRID_FROM_EMAIL, fromName: "MedBookings", timeoutMs }),
    messaging: createMessagingClient({
      accountSid: settings.TWILIO_ACCOUNT_SID,
      authToken: settings.TWILIO_AUTH_TOKEN,
      apiUrl: settings.TWILIO_API_URL,
      messagingServiceSid: settings.TWILIO_MESSAGING_SERVICE_SID,
      smsFrom: settings.TWILIO_SMS_FROM,
      whatsappFrom: settings.TWILIO_WHATSAPP_FROM,
      statusCallbackUrl: `${appUrl}/api/webhooks/twilio/status`,
      timeoutMs,
    }),
    publicBlobs: settings.BLOB_PUBLIC_READ_WRITE_TOKEN ? createBlobClient({ token: settings.BLOB_PUBLIC_READ_WRITE_TOKEN, access: "public" }) : publicBlobs,
    privateBlobs: settings.BLOB_READ_WRITE_TOKEN ? createBlobClient({ token: settings.BLOB_READ_WRITE_TOKEN, access: "private" }) : privateBlobs,
    whatsappTemplates: settings.TWILIO_CONTENT_TEMPLATES ? JSON.parse(settings.TWILIO_CONTENT_TEMPLATES) : {},
    emailTemplateIds: settings.SENDGRID_TEMPLATE_IDS ? JSON.parse(settings.SENDGRID_TEMPLATE_IDS) : {},
    google: createGoogleCalendarIntegration({
      clientId: settings.GOOGLE_CLIENT_ID,
      clientSecret: settings.GOOGLE_CLIENT_SECRET,
      oauthBaseUrl: settings.GOOGLE_OAUTH_URL,
      apiRootUrl: settings.GOOGLE_API_URL,
    }),
    calendarPushAddress: `${appUrl}/api/webhooks/google-calendar`,
    tokenCipher: createTokenCipher({ writeKey: settings.TOKEN_ENCRYPTION_KEY, previousKeys: parsePreviousKeys(settings.TOKEN_ENCRYPTION_PREVIOUS_KEYS) }),
  };
}

/**
 * The composition root of background work: every job name mapped to the feature use case that
 * does it. Tests and the benchmark build it with clients pointed at the local cloud; the worker
 * entry (scripts/worker.ts) with the clients the environment configures.
 */
export function createProductJobHandlers(deps: ProductJobDeps): { handlers: JobHandlers; notificationDeps: (db: Parameters<typeof ensureProviderCard>[0]["db"]) => NotificationDeps } {
  const notificationDeps = (db: Parameters<typeof ensureProviderCard>[0]["db"]): NotificationDeps => ({
    appUrl: deps.appUrl,
    senderEmail: deps.senderEmail,
    email: deps.email,
    messaging: deps.messaging,
    whatsappTemplates: deps.whatsappTemplates,
    emailTemplateIds: deps.emailTemplateIds,
    providerCardUrl: (providerId) => ensureProviderCard({ db, providerId, blob: deps.publicBlobs, appUrl: deps.appUrl }),
    random: deps.random ?? Math.random,
  });
  const handlers: JobHandlers = {
    "outbox.drain": async (_payload, { db, now }) => {
      await drainOutbox({ db, now: now() });
    },
    "notification.send": async ({ notificationId }, { db, now }) => {
      await sendNotification({ db, deps: notificationDeps(db), notificationId, now: now() });
    },
    "booking.remind": async ({ bookingId, offsetMinutes, startsAt }, { db, now }) => {
      await db.transaction((tx) => createReminder({ db: tx, bookingId, offsetMinutes, startsAt: new Date(startsAt), now: now() }));
    },
    "reminders.sweep": async (_payload, { db, now }) => {
      await sweepReminders({ db, now: now() });
    },
    "holds.purge": async (_payload, { db, now }) => {
      await purgeLapsedHolds({ db, now: now() });
    },
    "contact-cards.purge": async (_payload, { db, now }) => {
      await purgeContactCards({ db, blob: deps.privateBlobs, now: now() });
      await sweepOrphanedContactCards({ db, blob: deps.publicBlobs, now: now() });
    },
    "webhook-receipts.purge": async (_payload, { db, now }) => {
      await purgeWebhookReceipts({ db, now: now() });
    },
    "notifications.recover": async (_payload, { db, now }) => {
      await recoverInterruptedSends({ db, now: now() });
    },
    "calendar.sync": async ({ calendarId }, { db, now }) => {
      await runCalendarSync({ db, google: deps.google, cipher: deps.tokenCipher, calendarId, now: now(), random: deps.random ?? Math.random });
    },
    "calendar.watch": async ({ calendarId }, { db, now }) => {
      await watchCalendar({ db, google: deps.google, cipher: deps.tokenCipher, calendarId, address: deps.calendarPushAddress, now: now() });
    },
    "calendar.reconcile": async (_payload, { db, now }) => {
      await reconcileCalendars({ db, now: now() });
    },
    "calendar.export": async ({ bookingId }, { db, now, logger }) => {
      const result = await exportBooking({ db, google: deps.google, cipher: deps.tokenCipher, appUrl: deps.appUrl, bookingId, now: now() });
      if (result.outcome === "REFUSED") logger.warn({ bookingId, error: result.error }, "Google refused the booking's calendar event; recorded, not retried");
    },
    "calendar.apply-edits": async (payload, { db, now }) => {
      await applyStoredGoogleEdits({ db, payload, now: now() });
    },
    "calendar.meet-poll": async ({ bookingId, attempt }, { db, now }) => {
      await pollMeetLink({ db, google: deps.google, cipher: deps.tokenCipher, bookingId, attempt, now: now() });
    },
  };
  return { handlers, notificationDeps };
}
