import type { DbExecutor } from "@/server/db/client";
import { contactChannels } from "@/server/db/schema";

/**
 * The patient's own request for WhatsApp messages at this number, recorded with its time (WhatsApp
 * requires an opt-in before a business writes first). An earlier STOP is cleared: ticking the box
 * is a new, explicit choice.
 */
export async function recordWhatsAppOptIn(db: DbExecutor, phone: string, now: Date): Promise<void> {
  await db
    .insert(contactChannels)
    .values({ channel: "WHATSAPP", address: phone, optedInAt: now })
    .onConflictDoUpdate({ target: [contactChannels.channel, contactChannels.address], set: { optedInAt: now, optedOutAt: null, updatedAt: now } });
}
