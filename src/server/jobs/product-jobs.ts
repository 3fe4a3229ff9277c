import { purgeLapsedHolds } from "@/features/bookings/server";
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
import type { BlobClient } from "@/server/integrations/blob/client";
import type { EmailClient } from "@/server/integrations/sendgrid/client";
import type { MessagingClient } from "@/server/integrations/twilio/client";
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
  random?: () => number;
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
  };
  return { handlers, notificationDeps };
}
