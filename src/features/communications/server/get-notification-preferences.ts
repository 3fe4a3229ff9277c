import { AppError } from "@/lib/errors/app-error";
import type { DbExecutor } from "@/server/db/client";
import { minuteToClockTime } from "../quiet-hours";
import type { NotificationPreferencesDto } from "../types";
import { isStopped } from "./contact-consent";
import { findContactChannel, findPersonContact, findPreferences } from "./preferences-repository";

export interface GetNotificationPreferencesOptions {
  db: DbExecutor;
  userId: string;
}

/** The signed-in person's channels and quiet hours; the defaults (email only, no quiet hours) until they save. */
export async function getNotificationPreferences({ db, userId }: GetNotificationPreferencesOptions): Promise<NotificationPreferencesDto> {
  const contact = await findPersonContact(db, userId);
  if (!contact) throw new AppError("NOT_FOUND", "We could not find your account. Please sign in again.");
  const saved = await findPreferences(db, userId);
  const whatsapp = contact.phone ? await findContactChannel(db, "WHATSAPP", contact.phone) : null;
  const sms = contact.phone ? await findContactChannel(db, "SMS", contact.phone) : null;
  const hasPhone = contact.phone !== null;
  const hasQuietHours = saved?.quietStartMinute != null && saved.quietEndMinute != null;
  const whatsappEnabled = hasPhone && (saved?.whatsappEnabled ?? false) && !isStopped(whatsapp);
  const smsEnabled = hasPhone && (saved?.smsEnabled ?? false) && !isStopped(sms);
  return {
    // With every other channel stopped or without a phone, messages fall back to email: say so.
    emailEnabled: (saved?.emailEnabled ?? true) || (!whatsappEnabled && !smsEnabled),
    whatsappEnabled,
    smsEnabled,
    quietStart: hasQuietHours ? minuteToClockTime(saved.quietStartMinute!) : null,
    quietEnd: hasQuietHours ? minuteToClockTime(saved.quietEndMinute!) : null,
    isDefault: saved === null,
    email: contact.email,
    phone: contact.phone,
    timeZone: contact.timeZone,
    whatsappOptedInAt: whatsapp?.optedInAt ?? null,
    whatsappStoppedAt: whatsapp?.optedOutAt ?? null,
    smsStoppedAt: sms?.optedOutAt ?? null,
  };
}
