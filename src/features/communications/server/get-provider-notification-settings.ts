import { AppError } from "@/lib/errors/app-error";
import { countryForTimeZone } from "@/lib/phone";
import type { DbExecutor } from "@/server/db/client";
import { minuteToClockTime } from "../quiet-hours";
import { DEFAULT_REMINDER_OFFSETS_MINUTES, PROVIDER_NOTICES, type ProviderNotice } from "../schemas";
import type { ProviderNotificationSettingsDto } from "../types";
import { isStopped } from "./contact-consent";
import { findContactChannel, findProviderAccountEmail, findProviderSettings } from "./preferences-repository";

export interface GetProviderNotificationSettingsOptions {
  db: DbExecutor;
  provider: { id: string; timeZone: string; status: string };
}

const asNotices = (stored: string[]): ProviderNotice[] => PROVIDER_NOTICES.filter((notice) => stored.includes(notice));

/**
 * The provider's notices, reminder times and quiet hours; the column defaults (every notice by
 * email, none by WhatsApp, reminders 24 h and 2 h before) until they save their own.
 */
export async function getProviderNotificationSettings({ db, provider }: GetProviderNotificationSettingsOptions): Promise<ProviderNotificationSettingsDto> {
  const email = await findProviderAccountEmail(db, provider.id);
  if (email === null) throw new AppError("NOT_FOUND", "We could not find your provider profile.");
  const saved = await findProviderSettings(db, provider.id);
  const whatsappNumber = saved?.whatsappNumber ?? null;
  const whatsapp = whatsappNumber ? await findContactChannel(db, "WHATSAPP", whatsappNumber) : null;
  const stopped = isStopped(whatsapp);
  const hasQuietHours = saved?.quietStartMinute != null && saved.quietEndMinute != null;
  return {
    emailNotices: saved ? asNotices(saved.emailNotices) : [...PROVIDER_NOTICES],
    // After a STOP from the number, WhatsApp notices read as off until the provider chooses them again.
    whatsappNotices: saved && !stopped ? asNotices(saved.whatsappNotices) : [],
    whatsappNumber,
    reminderOffsetsMinutes: saved ? [...saved.reminderOffsetsMinutes].sort((a, b) => b - a) : [...DEFAULT_REMINDER_OFFSETS_MINUTES],
    quietStart: hasQuietHours ? minuteToClockTime(saved.quietStartMinute!) : null,
    quietEnd: hasQuietHours ? minuteToClockTime(saved.quietEndMinute!) : null,
    isDefault: saved === null,
    email,
    timeZone: provider.timeZone,
    phoneCountry: countryForTimeZone(provider.timeZone),
    whatsappStoppedAt: whatsapp?.optedOutAt ?? null,
    canEdit: provider.status === "APPROVED",
  };
}
