import { isNull } from "drizzle-orm";
import type { DbExecutor } from "@/server/db/client";
import { contactChannels } from "@/server/db/schema";

/**
 * The patient's request for WhatsApp messages at this number, recorded with its time (WhatsApp
 * requires an opt-in before a business writes first). It never clears a STOP: the number may not
 * be the booker's (a guest proves an email or a phone, not both), so only START sent from the
 * number itself turns WhatsApp back on.
 */
export async function recordWhatsAppOptIn(db: DbExecutor, phone: string, now: Date): Promise<void> {
  await db
    .insert(contactChannels)
    .values({ channel: "WHATSAPP", address: phone, optedInAt: now })
    .onConflictDoUpdate({
      target: [contactChannels.channel, contactChannels.address],
      set: { optedInAt: now, updatedAt: now },
      where: isNull(contactChannels.optedOutAt),
    });
}
