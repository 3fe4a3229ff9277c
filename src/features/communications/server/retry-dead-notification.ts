import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import { lockNotification, scheduleSendAttempt, updateNotification } from "./notification-repository";

export interface RetryDeadNotificationOptions {
  db: Database;
  notificationId: string;
  adminUserId: string;
  now: Date;
}

/** An admin sends a dead-lettered notification again: it starts over with a fresh attempt count. */
export async function retryDeadNotification({ db, notificationId, now }: RetryDeadNotificationOptions): Promise<void> {
  await db.transaction(async (tx) => {
    const notification = await lockNotification(tx, notificationId);
    if (!notification) throw new AppError("NOT_FOUND", "That notification does not exist.");
    if (notification.status !== "DEAD") {
      throw new AppError("PRECONDITION_FAILED", `Only dead-lettered notifications can be retried; this one is ${notification.status.toLowerCase()}.`);
    }
    await updateNotification(tx, notification.id, { status: "PENDING", attempts: 0, lastError: null }, { status: "PENDING", detail: "retried by an admin" });
    await scheduleSendAttempt(tx, notification.id, now);
  });
}
