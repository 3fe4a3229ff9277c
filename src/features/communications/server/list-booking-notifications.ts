import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { NotificationLogEntryDto } from "../notification-log";
import { findBookingProviderUserId } from "./notification-access-repository";
import { listNotificationLog } from "./notification-repository";

export interface ListBookingNotificationsOptions {
  db: Database;
  bookingId: string;
  viewer: { userId: string; isAdmin: boolean };
}

/**
 * What was sent about one booking, on which channel, and what became of it. Readable by the
 * booking's provider and by platform admins; anyone else learns only that there is nothing to see.
 * Addresses and content are not shown: the log is for "did it arrive", not a copy of the message.
 */
export async function listBookingNotifications({ db, bookingId, viewer }: ListBookingNotificationsOptions): Promise<NotificationLogEntryDto[]> {
  const providerUserId = await findBookingProviderUserId(db, bookingId);
  if (providerUserId === null || (!viewer.isAdmin && providerUserId !== viewer.userId)) {
    throw new AppError("NOT_FOUND", "We could not find this booking.");
  }
  const rows = await listNotificationLog(db, bookingId);
  return rows.map((row) => ({
    id: row.id,
    purpose: row.purpose,
    recipient: row.recipient,
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    error: row.lastError,
    skipReason: row.skipReason,
    isFallback: row.fallbackOf !== null,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    deliveredAt: row.deliveredAt,
    readAt: row.readAt,
    failedAt: row.failedAt,
    events: row.events,
  }));
}
