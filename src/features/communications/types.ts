import type { ProviderNotice } from "./schemas";

/**
 * A signed-in person's notification choices as they are in effect: a channel the person stopped
 * (a STOP reply) reads as off, whatever was saved before, until they turn it on again.
 */
export interface NotificationPreferencesDto {
  emailEnabled: boolean;
  whatsappEnabled: boolean;
  smsEnabled: boolean;
  /** "HH:MM" in `timeZone`; both null when there are no quiet hours. */
  quietStart: string | null;
  quietEnd: string | null;
  /** True until the person saves their own choices (the defaults are shown). */
  isDefault: boolean;
  /** Where email goes: the account's address. */
  email: string;
  /** The patient profile's phone, where WhatsApp and SMS go; null when the profile has none. */
  phone: string | null;
  /** The patient profile's zone, in which quiet hours are read; null without a patient profile. */
  timeZone: string | null;
  /** When WhatsApp messages to `phone` were last agreed to. */
  whatsappOptedInAt: Date | null;
  /** When `phone` replied STOP on WhatsApp, if it has since not been turned back on. */
  whatsappStoppedAt: Date | null;
  /** When `phone` replied STOP to a text; texts stay blocked until it replies START. */
  smsStoppedAt: Date | null;
}

/** A provider's notices, reminder times for their patients, and quiet hours. */
export interface ProviderNotificationSettingsDto {
  emailNotices: ProviderNotice[];
  whatsappNotices: ProviderNotice[];
  /** E.164, e.g. "+447700900123". */
  whatsappNumber: string | null;
  /** Minutes before the start, earliest reminder first. */
  reminderOffsetsMinutes: number[];
  quietStart: string | null;
  quietEnd: string | null;
  isDefault: boolean;
  /** Where email notices go: the provider's account address. */
  email: string;
  /** The provider's zone: quiet hours are read in it. */
  timeZone: string;
  /** The region a number typed without a country code is read in (from the zone); null when the zone has none. */
  phoneCountry: string | null;
  /** When `whatsappNumber` replied STOP on WhatsApp; WhatsApp notices are off until they are chosen again. */
  whatsappStoppedAt: Date | null;
  /** False while the profile is pending, rejected or suspended: the settings can be read, not changed. */
  canEdit: boolean;
}
