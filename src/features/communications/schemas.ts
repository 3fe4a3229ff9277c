import { z } from "zod";
import { storedText } from "@/lib/input-schemas";
import { isPhoneCountry, normalizePhone, phoneFormatHint } from "@/lib/phone";
import { CLOCK_TIME_PATTERN, clockTimeToMinute, type QuietHours } from "./quiet-hours";

/** Booking events a provider can be told about, as stored in provider_notification_settings. */
export const PROVIDER_NOTICES = ["requested", "confirmed", "cancelled", "rescheduled"] as const;
export type ProviderNotice = (typeof PROVIDER_NOTICES)[number];

export const REMINDER_OFFSET_MIN_MINUTES = 15;
/** 14 days: the database refuses more, and a reminder further ahead reminds nobody of anything. */
export const REMINDER_OFFSET_MAX_MINUTES = 20_160;
export const REMINDER_OFFSETS_MAX_COUNT = 4;
export const DEFAULT_REMINDER_OFFSETS_MINUTES = [1440, 120] as const;

const clockTime = (name: string) =>
  z.string({ error: `${name} must be HH:MM (24-hour), like 22:00, or null for none` }).regex(CLOCK_TIME_PATTERN, `${name} must be HH:MM (24-hour), like 22:00`).nullable();

/** Both or neither, and not the same minute; the output carries minutes after local midnight. */
function checkQuietHours(value: { quietStart: string | null; quietEnd: string | null }, ctx: z.RefinementCtx): void {
  if (value.quietStart !== null && value.quietEnd === null) {
    ctx.addIssue({ code: "custom", path: ["quietEnd"], message: "quietEnd is required when quietStart is set: give both times, or clear both for no quiet hours" });
  } else if (value.quietStart === null && value.quietEnd !== null) {
    ctx.addIssue({ code: "custom", path: ["quietStart"], message: "quietStart is required when quietEnd is set: give both times, or clear both for no quiet hours" });
  } else if (value.quietStart !== null && value.quietStart === value.quietEnd) {
    ctx.addIssue({ code: "custom", path: ["quietEnd"], message: "quietEnd must differ from quietStart (for no quiet hours, clear both)" });
  }
}

function quietHoursOf(value: { quietStart: string | null; quietEnd: string | null }): QuietHours | null {
  return value.quietStart !== null && value.quietEnd !== null
    ? { startMinute: clockTimeToMinute(value.quietStart), endMinute: clockTimeToMinute(value.quietEnd) }
    : null;
}

const flag = (name: string) => z.boolean({ error: `${name} must be true or false` });

/**
 * A signed-in person's channels and quiet hours. Email may be off only while WhatsApp or SMS is
 * on: a booking made on screen is confirmed on screen, but reminders, and changes the provider
 * makes later, reach the patient only through a message.
 */
export const updateNotificationPreferencesInput = z
  .object({
    emailEnabled: flag("emailEnabled"),
    whatsappEnabled: flag("whatsappEnabled"),
    smsEnabled: flag("smsEnabled"),
    quietStart: clockTime("quietStart"),
    quietEnd: clockTime("quietEnd"),
  })
  .superRefine((value, ctx) => {
    if (!value.emailEnabled && !value.whatsappEnabled && !value.smsEnabled) {
      ctx.addIssue({
        code: "custom",
        path: ["emailEnabled"],
        message: "emailEnabled can be off only while WhatsApp or SMS is on: reminders and changes to your bookings must reach you somehow",
      });
    }
    checkQuietHours(value, ctx);
  })
  .transform(({ quietStart, quietEnd, ...channels }) => ({ ...channels, quiet: quietHoursOf({ quietStart, quietEnd }) }));
export type UpdateNotificationPreferencesInput = z.input<typeof updateNotificationPreferencesInput>;
export type NotificationPreferencesChoice = z.output<typeof updateNotificationPreferencesInput>;

const notices = (name: string) =>
  z
    .array(z.enum(PROVIDER_NOTICES, { error: `${name} may list only ${PROVIDER_NOTICES.join(", ")}` }), { error: `${name} must be a list of notices` })
    .refine((list) => new Set(list).size === list.length, `${name} lists a notice twice`);

const reminderOffset = z
  .number({ error: "reminderOffsetsMinutes must be numbers of minutes before the start" })
  .int("reminderOffsetsMinutes must be whole minutes")
  .min(REMINDER_OFFSET_MIN_MINUTES, `reminderOffsetsMinutes must each be at least ${REMINDER_OFFSET_MIN_MINUTES} minutes before the start`)
  .max(REMINDER_OFFSET_MAX_MINUTES, `reminderOffsetsMinutes must each be at most 14 days (${REMINDER_OFFSET_MAX_MINUTES.toLocaleString("en-GB")} minutes) before the start`);

/**
 * Which notices a provider gets by email and by WhatsApp, the WhatsApp number (typed the way
 * people write it, stored in E.164; without a country code it is read in `phoneCountry`, the
 * country of the provider's zone), when patients are reminded, and the provider's quiet hours.
 */
export const updateProviderNotificationSettingsInput = z
  .object({
    emailNotices: notices("emailNotices"),
    whatsappNotices: notices("whatsappNotices"),
    whatsappNumber: storedText("whatsappNumber").trim().max(40, "whatsappNumber is too long (40 characters at most)").nullable(),
    phoneCountry: z.string().refine(isPhoneCountry, "phoneCountry must be a two-letter region code such as GB or US").optional(),
    reminderOffsetsMinutes: z
      .array(reminderOffset, { error: "reminderOffsetsMinutes must be a list of minutes" })
      // A refine, not .max(): zod stops before the object's refinements after a size check fails,
      // and the form should hear about the WhatsApp number and quiet hours in the same answer.
      .refine((list) => list.length <= REMINDER_OFFSETS_MAX_COUNT, `reminderOffsetsMinutes can hold at most ${REMINDER_OFFSETS_MAX_COUNT} reminder times`)
      .refine((list) => new Set(list).size === list.length, "reminderOffsetsMinutes lists the same reminder time twice"),
    quietStart: clockTime("quietStart"),
    quietEnd: clockTime("quietEnd"),
  })
  // Checked here rather than in the transform: refinements still run when another field failed,
  // so a form learns about every field at once.
  .superRefine((value, ctx) => {
    checkQuietHours(value, ctx);
    const typed = value.whatsappNumber ?? "";
    if (typed !== "" && !normalizePhone(typed, value.phoneCountry).ok) {
      ctx.addIssue({
        code: "custom",
        path: ["whatsappNumber"],
        message: `whatsappNumber does not look like a complete phone number: write it like ${phoneFormatHint(value.phoneCountry)}`,
      });
    } else if (typed === "" && value.whatsappNotices.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["whatsappNumber"],
        message: `whatsappNumber is required for notices by WhatsApp: enter the mobile number that should get them, like ${phoneFormatHint(value.phoneCountry)}`,
      });
    }
  })
  .transform(({ phoneCountry, quietStart, quietEnd, whatsappNumber, ...settings }) => {
    const phone = whatsappNumber ? normalizePhone(whatsappNumber, phoneCountry) : null;
    return {
      ...settings,
      whatsappNumber: phone?.ok ? phone.e164 : null,
      // Earliest reminder first, the order they go out.
      reminderOffsetsMinutes: [...settings.reminderOffsetsMinutes].sort((a, b) => b - a),
      quiet: quietHoursOf({ quietStart, quietEnd }),
    };
  });
export type UpdateProviderNotificationSettingsInput = z.input<typeof updateProviderNotificationSettingsInput>;
export type ProviderNotificationSettingsChoice = z.output<typeof updateProviderNotificationSettingsInput>;
