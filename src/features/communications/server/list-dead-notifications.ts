import type { Database } from "@/server/db/client";
import type { DeadNotificationDto } from "../notification-log";
import { countDeadNotifications, listDeadNotifications as listDeadRows } from "./notification-repository";

export interface ListDeadNotificationsOptions {
  db: Database;
  limit: number;
  before: Date | null;
}

/** The dead-letter queue for admins: messages whose retries ran out, newest first. */
export async function listDeadNotifications({ db, limit, before }: ListDeadNotificationsOptions): Promise<{ total: number; items: DeadNotificationDto[]; nextBefore: Date | null }> {
  const rows = await listDeadRows(db, { limit: limit + 1, before });
  const items = rows.slice(0, limit);
  return {
    total: await countDeadNotifications(db),
    items: items.map((row) => ({ ...row, error: row.lastError })),
    nextBefore: rows.length > limit ? (items.at(-1)?.updatedAt ?? null) : null,
  };
}
