import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import type { ProviderNotificationSettingsChoice } from "../schemas";
import type { ProviderNotificationSettingsDto } from "../types";
import { AppError } from "@/lib/errors/app-error";
import { hasOptedIn, isStopped } from "./contact-consent";
import { getProviderNotificationSettings } from "./get-provider-notification-settings";
import { findContactChannel, saveProviderSettings } from "./preferences-repository";
import { recordOptIn } from "./notification-repository";

export interface UpdateProviderNotificationSettingsOptions {
  db: Database;
  provider: { id: string; timeZone: string; status: string };
  actorUserId: string;
  now: Date;
  settings: ProviderNotificationSettingsChoice;
}

/**
 * Saves which notices the provider gets and how, when their patients are reminded, and their quiet
 * hours. Choosing any notice by WhatsApp is the provider's opt-in for that number (business-
 * initiated WhatsApp needs one), recorded with the time unless it is already in force; a number
 * that replied STOP is refused. Reminder
 * times are read again when each reminder falls due, so a change reaches upcoming appointments too.
 */
export async function updateProviderNotificationSettings({
  db,
  provider,
  actorUserId,
  now,
  settings,
}: UpdateProviderNotificationSettingsOptions): Promise<ProviderNotificationSettingsDto> {
  return db.transaction(async (tx) => {
    let optedIn = false;
    if (settings.whatsappNumber && settings.whatsappNotices.length > 0) {
      const state = await findContactChannel(tx, "WHATSAPP", settings.whatsappNumber);
      // A STOP from that number stands: anyone can type any number here, so only START sent
      // from the number itself turns WhatsApp back on.
      if (isStopped(state)) {
        throw new AppError("VALIDATION", "This number replied STOP to our WhatsApp messages.", {
          fieldErrors: {
            whatsappNumber: ["whatsappNumber replied STOP to our WhatsApp messages: send START from it on WhatsApp, then save again (or choose email only)."],
          },
        });
      }
      if (!hasOptedIn(state)) {
        await recordOptIn(tx, "WHATSAPP", settings.whatsappNumber, now);
        optedIn = true;
      }
    }
    const values = {
      emailNotices: settings.emailNotices,
      whatsappNotices: settings.whatsappNotices,
      whatsappNumber: settings.whatsappNumber,
      reminderOffsetsMinutes: settings.reminderOffsetsMinutes,
      quietStartMinute: settings.quiet?.startMinute ?? null,
      quietEndMinute: settings.quiet?.endMinute ?? null,
    };
    await saveProviderSettings(tx, provider.id, values, now);
    await recordAudit(tx, {
      actorUserId,
      action: "provider.notification_settings_updated",
      subjectType: "provider",
      subjectId: provider.id,
      // The number stays out of the audit trail: whether there is one is enough.
      details: { ...values, whatsappNumber: values.whatsappNumber !== null, whatsappOptIn: optedIn },
    });
    return getProviderNotificationSettings({ db: tx, provider });
  });
}
