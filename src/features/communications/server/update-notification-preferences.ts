import { AppError } from "@/lib/errors/app-error";
import { countryForTimeZone, normalizePhone } from "@/lib/phone";
import { recordAudit, type AuditOrigin } from "@/server/audit/audit-repository";
import { recordConsent } from "@/server/consent/consent-repository";
import type { Database } from "@/server/db/client";
import type { NotificationPreferencesChoice } from "../schemas";
import type { NotificationPreferencesDto } from "../types";
import { hasOptedIn, isStopped } from "./contact-consent";
import { getNotificationPreferences } from "./get-notification-preferences";
import { findContactChannel, findPersonContact, findPreferences, savePreferences } from "./preferences-repository";
import { recordOptIn } from "./notification-repository";

export interface UpdateNotificationPreferencesOptions {
  db: Database;
  userId: string;
  now: Date;
  preferences: NotificationPreferencesChoice;
  /** The request's origin (ctx.request), kept with the audit row and the consent records. */
  origin?: AuditOrigin;
}

const CHANNEL_CONSENTS = [
  { subject: "EMAIL", key: "emailEnabled" },
  { subject: "SMS", key: "smsEnabled" },
  { subject: "WHATSAPP", key: "whatsappEnabled" },
] as const;

/**
 * Saves a signed-in person's channels and quiet hours. WhatsApp and SMS go to the phone on their
 * patient profile, and quiet hours are read in the profile's zone, so both need the profile.
 * Turning WhatsApp or SMS on records the opt-in for that number with the time (Meta requires
 * consent to business-initiated WhatsApp; it is also our record for texts). SMS cannot be turned
 * back on here after the number replied STOP: Twilio blocks texts to it until it replies START.
 */
export async function updateNotificationPreferences({ db, userId, now, preferences, origin }: UpdateNotificationPreferencesOptions): Promise<NotificationPreferencesDto> {
  return db.transaction(async (tx) => {
    const contact = await findPersonContact(tx, userId);
    if (!contact) throw new AppError("NOT_FOUND", "We could not find your account. Please sign in again.");
    const phone = contact.phone;
    const whatsapp = phone ? await findContactChannel(tx, "WHATSAPP", phone) : null;
    const sms = phone ? await findContactChannel(tx, "SMS", phone) : null;

    const fieldErrors: Record<string, string[]> = {};
    const phoneProblem = !phone
      ? "the phone field of your patient profile is empty: add your mobile number to your profile first"
      : !normalizePhone(phone, contact.timeZone ? countryForTimeZone(contact.timeZone) : null).ok
        ? "the phone on your patient profile is not a complete mobile number: correct it in your profile first"
        : null;
    if (preferences.whatsappEnabled && phoneProblem) fieldErrors.whatsappEnabled = [`whatsappEnabled needs a mobile number, and ${phoneProblem}`];
    if (preferences.smsEnabled && phoneProblem) fieldErrors.smsEnabled = [`smsEnabled needs a mobile number, and ${phoneProblem}`];
    if (preferences.smsEnabled && !phoneProblem && isStopped(sms)) {
      fieldErrors.smsEnabled = [
        "smsEnabled cannot be turned on here: your number replied STOP to our texts, and they stay blocked until it replies START. Reply START to any MedBookings text, then try again",
      ];
    }
    if (preferences.quiet && !contact.timeZone) {
      fieldErrors.quietStart = ["quietStart needs the time zone of your patient profile, where quiet hours are read, and you have no patient profile yet"];
    }
    if (Object.keys(fieldErrors).length > 0) {
      throw new AppError("VALIDATION", `Your notification settings were not saved: ${Object.values(fieldErrors).flat().join("; ")}.`, { fieldErrors });
    }

    const optIns: string[] = [];
    if (phone && preferences.whatsappEnabled && !hasOptedIn(whatsapp)) {
      await recordOptIn(tx, "WHATSAPP", phone, now);
      optIns.push("WHATSAPP");
    }
    if (phone && preferences.smsEnabled && !hasOptedIn(sms)) {
      await recordOptIn(tx, "SMS", phone, now);
      optIns.push("SMS");
    }
    const values = {
      emailEnabled: preferences.emailEnabled,
      whatsappEnabled: preferences.whatsappEnabled,
      smsEnabled: preferences.smsEnabled,
      quietStartMinute: preferences.quiet?.startMinute ?? null,
      quietEndMinute: preferences.quiet?.endMinute ?? null,
    };
    // Each channel turned on or off is a consent record (the defaults apply until the first save).
    const previous = await findPreferences(tx, userId);
    const before = { emailEnabled: previous?.emailEnabled ?? true, smsEnabled: previous?.smsEnabled ?? false, whatsappEnabled: previous?.whatsappEnabled ?? false };
    for (const { subject, key } of CHANNEL_CONSENTS) {
      if (before[key] === values[key]) continue;
      await recordConsent(tx, { userId, subject, granted: values[key], source: "preferences", ipAddress: origin?.ipAddress ?? null });
    }
    await savePreferences(tx, userId, values, now);
    await recordAudit(tx, {
      actorUserId: userId,
      action: "notification_preferences.updated",
      subjectType: "user",
      subjectId: userId,
      details: { ...values, optIns },
      origin,
    });
    return getNotificationPreferences({ db: tx, userId });
  });
}
