import { z } from "zod";
import { instantSchema } from "@/lib/input-schemas";

/** Inputs and DTOs of the notification log (providers, admins) and the dead-letter queue (admins). */
export const bookingNotificationsInput = z.object({ bookingId: z.uuid("bookingId must be a booking id") });
export const notificationIdInput = z.object({ notificationId: z.uuid("notificationId must be a notification id") });
export const deadNotificationsInput = z.object({
  limit: z.number().int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit can be at most 100").default(25),
  before: instantSchema("before").optional(),
});

export type NotificationChannelValue = "EMAIL" | "WHATSAPP" | "SMS";
/** INVITEE: someone invited to an organization (an email address, maybe no account yet). */
export type NotificationRecipientValue = "PATIENT" | "PROVIDER" | "INVITEE";
export type NotificationStatusValue = "PENDING" | "SENDING" | "SENT" | "DELIVERED" | "READ" | "FAILED" | "DEAD" | "SKIPPED";

export interface NotificationLogEntryDto {
  id: string;
  purpose: string;
  recipient: NotificationRecipientValue;
  channel: NotificationChannelValue;
  status: NotificationStatusValue;
  attempts: number;
  error: string | null;
  skipReason: string | null;
  /** Sent because the same message failed on another channel. */
  isFallback: boolean;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  failedAt: Date | null;
  events: Array<{ status: NotificationStatusValue; detail: string | null; occurredAt: Date }>;
}

export interface DeadNotificationDto {
  id: string;
  purpose: string;
  recipient: NotificationRecipientValue;
  channel: NotificationChannelValue;
  bookingId: string | null;
  attempts: number;
  error: string | null;
  updatedAt: Date;
}
