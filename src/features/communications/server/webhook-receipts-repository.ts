import { lt } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { webhookReceipts } from "@/server/db/schema";

export async function deleteWebhookReceiptsBefore(db: DbExecutor, before: Date): Promise<number> {
  const rows = await db.delete(webhookReceipts).where(lt(webhookReceipts.receivedAt, before)).returning({ eventId: webhookReceipts.eventId });
  return rows.length;
}
