import type { DbExecutor } from "@/server/db/client";
import {
  appendNotificationEvent,
  setNotificationStatus,
  type TrackedNotification,
} from "./delivery-tracking-repository";
import { isDeliveryAdvance, type DeliveryStatus, type ReportedStatus } from "./status-order";

export interface ApplyDeliveryStatusOptions {
  /** The webhook's transaction, in which `notification` is locked. */
  db: DbExecutor;
  now: Date;
  notification: TrackedNotification;
  /** What the vendor reports; null for an event that says nothing about delivery (deferred, click). */
  reported: ReportedStatus | null;
  /** The vendor's word and code, e.g. `delivered`, `undelivered 30003`, `bounce 5.1.1`. No content, no address. */
  detail: string;
}

export interface DeliveryStatusOutcome {
  applied: boolean;
  status: DeliveryStatus;
}

/**
 * Applies one vendor report to a notification if it moves it forward, and logs it either way: the
 * event log shows late and repeated reports too, with the status each one claimed.
 */
export async function applyDeliveryStatus({
  db,
  now,
  notification,
  reported,
  detail,
}: ApplyDeliveryStatusOptions): Promise<DeliveryStatusOutcome> {
  const applied = reported !== null && isDeliveryAdvance(notification.status, reported);
  if (applied) {
    await setNotificationStatus(db, {
      id: notification.id,
      status: reported,
      now,
      ...(reported === "FAILED" ? { lastError: detail } : {}),
    });
  }
  await appendNotificationEvent(db, {
    notificationId: notification.id,
    status: reported ?? notification.status,
    detail,
    now,
  });
  return { applied, status: applied ? reported : notification.status };
}
