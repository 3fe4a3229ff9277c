import type { Database } from "@/server/db/client";
import { createReminder } from "./create-reminder";
import { listDueReminders } from "./reminder-repository";

/**
 * The safety net under the per-booking reminder jobs: every minute, creates any reminder that is
 * due and missing (a job lost with a restored backup, offsets changed after booking).
 */
export async function sweepReminders({ db, now, limit = 500 }: { db: Database; now: Date; limit?: number }): Promise<number> {
  const due = await listDueReminders(db, now, limit);
  let created = 0;
  for (const reminder of due) {
    created += await db.transaction((tx) => createReminder({ db: tx, bookingId: reminder.bookingId, offsetMinutes: reminder.offsetMinutes, startsAt: null, now }));
  }
  return created;
}
