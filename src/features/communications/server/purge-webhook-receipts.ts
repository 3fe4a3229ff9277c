import type { Database } from "@/server/db/client";
import { deleteWebhookReceiptsBefore } from "./webhook-receipts-repository";

/** Vendors retry for at most a day (SendGrid 24 h, Twilio less); receipts are kept 30 days, then forgotten. */
export const WEBHOOK_RECEIPT_DAYS = 30;

export async function purgeWebhookReceipts({ db, now }: { db: Database; now: Date }): Promise<number> {
  return deleteWebhookReceiptsBefore(db, new Date(now.getTime() - WEBHOOK_RECEIPT_DAYS * 86_400_000));
}
