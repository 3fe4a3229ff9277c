import type { DbExecutor } from "@/server/db/client";
import type { MessagePurpose } from "../messages/types";
import { fallbackDestinations } from "./choose-channels";
import { loadBookingForMessages } from "./message-context-repository";
import { createNotification, findContactChannels, findNotification, recordNotificationEvent } from "./notification-repository";

export interface ScheduleFallbackOptions {
  db: DbExecutor;
  notificationId: string;
  now: Date;
}

/**
 * After a notification failed for good (bounce, a number that cannot receive, no template),
 * queues the same message on the next channel that can reach the recipient. The new row's
 * dedupe key is `<message>:<channel>`, so a message never goes twice on one channel, however
 * many failures and webhooks race here. The guest's code has no fallback: they chose where it
 * goes and can ask again on another channel.
 */
export async function scheduleFallback({ db, notificationId, now }: ScheduleFallbackOptions): Promise<string | null> {
  const failed = await findNotification(db, notificationId);
  // An invitee has only the email address they were invited at: there is nothing to fall back to.
  if (!failed || failed.purpose === "verification.code" || !failed.bookingId || failed.recipient === "INVITEE") return null;
  const messageKey = typeof failed.params.messageKey === "string" ? failed.params.messageKey : failed.dedupeKey.replace(/:(EMAIL|WHATSAPP|SMS)$/, "");
  const loaded = await loadBookingForMessages(db, failed.bookingId);
  if (!loaded) return null;
  const reach =
    failed.recipient === "PATIENT"
      ? { email: loaded.patient.email, phone: loaded.patient.phone }
      : { email: loaded.provider.email, phone: loaded.provider.settings.whatsappNumber };
  const rows = await findContactChannels(db, [
    ...(reach.email ? [{ channel: "EMAIL" as const, address: reach.email }] : []),
    ...(reach.phone ? [{ channel: "WHATSAPP" as const, address: reach.phone }, { channel: "SMS" as const, address: reach.phone }] : []),
  ]);
  const whatsappRow = rows.find((row) => row.channel === "WHATSAPP");
  const whatsappOptedIn =
    failed.recipient === "PROVIDER"
      ? Boolean(reach.phone)
      : loaded.patient.preferences
        ? loaded.patient.preferences.whatsappEnabled
        : Boolean(whatsappRow?.optedInAt && !whatsappRow.optedOutAt);
  for (const destination of fallbackDestinations(failed.channel, failed.recipient, { ...reach, whatsappOptedIn }, rows)) {
    const id = await createNotification(db, {
      dedupeKey: `${messageKey}:${destination.channel}`,
      purpose: failed.purpose as MessagePurpose,
      bookingId: failed.bookingId,
      outboxEventId: failed.outboxEventId,
      recipient: failed.recipient,
      recipientUserId: failed.recipientUserId,
      channel: destination.channel,
      address: destination.address,
      params: { ...failed.params, messageKey },
      deferrable: failed.deferrable,
      fallbackOf: failed.id,
      runAt: now,
    });
    if (id) {
      await recordNotificationEvent(db, failed.id, failed.status, `falling back to ${destination.channel.toLowerCase()}`);
      return id;
    }
  }
  return null;
}
