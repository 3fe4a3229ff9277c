import type { ConsentSubjectValue } from "./types";

/** What each consent subject is, in words, and the page that says what was agreed (documents only). */
export const CONSENT_SUBJECTS: Record<ConsentSubjectValue, { label: string; href: string | null }> = {
  TERMS: { label: "Terms of use", href: "/terms" },
  PRIVACY_NOTICE: { label: "Privacy notice", href: "/privacy" },
  PROVIDER_TERMS: { label: "Provider terms", href: "/provider-terms" },
  EMAIL: { label: "Booking messages by email", href: null },
  SMS: { label: "Booking messages by text (SMS)", href: null },
  WHATSAPP: { label: "Booking messages on WhatsApp", href: null },
};

const SOURCES: Record<string, string> = {
  booking: "Booking form",
  "phone-booking": "Booking by phone, recorded by the practice",
  preferences: "Notification settings",
  onboarding: "Provider sign-up",
  account: "Account",
};

/** Where a consent was given; an unknown source is shown as recorded. */
export function consentSourceLabel(source: string): string {
  return SOURCES[source] ?? source;
}

/** Agreement to a document is "Agreed"; a channel is "Allowed" or "Turned off". */
export function consentAnswerLabel(subject: ConsentSubjectValue, granted: boolean): string {
  if (CONSENT_SUBJECTS[subject].href !== null) return granted ? "Agreed" : "Withdrawn";
  return granted ? "Allowed" : "Turned off";
}

/**
 * A document version is the date it took effect ("2026-12-03"), shown as a date: "3 December 2026".
 * Read as a calendar date (UTC), not in anyone's zone.
 */
export function versionDateLabel(version: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(version);
  if (!match) return version;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(date);
}
