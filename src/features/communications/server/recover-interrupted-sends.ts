import type { Database } from "@/server/db/client";
import { listInDoubtNotifications, listPendingWithoutJob, scheduleSendAttempt } from "./notification-repository";
import { IN_DOUBT_AFTER_MS } from "./send-notification";

/**
 * Every minute: notifications left SENDING by an attempt that died get their send job again, and
 * that job asks the vendor before sending (see sendNotification). Normally the job itself is
 * retried once its dead worker's lock is freed; this catches the rest, and PENDING ones that
 * have no job at all.
 */
export async function recoverInterruptedSends({ db, now }: { db: Database; now: Date }): Promise<number> {
  const cutoff = new Date(now.getTime() - IN_DOUBT_AFTER_MS);
  const ids = [...(await listInDoubtNotifications(db, cutoff, 200)), ...(await listPendingWithoutJob(db, cutoff, 200))];
  for (const id of ids) await scheduleSendAttempt(db, id, now);
  return ids.length;
}
