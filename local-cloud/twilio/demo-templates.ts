import type { ContentTemplate } from "./create-message";

export interface DemoContentTemplate extends ContentTemplate {
  /** The app's template key (TWILIO_CONTENT_TEMPLATES). */
  key: string;
  language: string;
}

/**
 * The approved WhatsApp templates of the demo, as a Twilio account would hold them in its Content
 * API. The SIDs are fixed so a running app and a restarted local cloud agree on them; the bodies
 * are the catalogue's contract (helper notes: WhatsApp content templates). Only English exists
 * here; the app falls back to "en" for other languages.
 */
export const DEMO_CONTENT_TEMPLATES: readonly DemoContentTemplate[] = [
  {
    key: "booking_requested",
    language: "en",
    sid: "HXe19d90800023bf626843ad09528fcb5a",
    body: "Your request with {{1}} for {{2}} has been sent. We will message you when it is confirmed. Manage it: {{3}}",
  },
  {
    key: "booking_confirmed",
    language: "en",
    sid: "HX67aeab07fc56c314ac1c2f04afb07bb2",
    body: "Your appointment with {{1}} on {{2}} is confirmed. Manage it: {{3}}",
  },
  {
    key: "booking_declined",
    language: "en",
    sid: "HX9b36d5aa055d4f2f5b32c1d983c167ac",
    body: "{{1}} could not accept your request for {{2}}. Book another time: {{3}}",
  },
  {
    key: "booking_rescheduled",
    language: "en",
    sid: "HX986642e0b318ec3f6fab1f36a2f45cff",
    body: "Your appointment with {{1}} has moved to {{2}}. Manage it: {{3}}",
  },
  {
    key: "booking_cancelled",
    language: "en",
    sid: "HXa3ee81686c8cc67cf13d9bcc7adcb5c2",
    body: "Your appointment with {{1}} on {{2}} was cancelled. Book again: {{3}}",
  },
  {
    key: "booking_reminder",
    language: "en",
    sid: "HX69446d8c1752b69ce7145cf8dc0fd057",
    body: "Reminder: your appointment with {{1}} is on {{2}}. Reply 1 to confirm you will attend, or 2 to get your booking link. Manage it: {{3}}",
  },
  {
    key: "provider_notice",
    language: "en",
    sid: "HX2ce79423217e1c0661b341fe451d5d7c",
    body: "MedBookings: {{1}} for {{2}}. Details: {{3}}",
  },
];

/**
 * The confirmation with the practice's contact card attached: a twilio/media template whose media
 * URL is fixed up to the path, which {{4}} fills (the card's path in the public Blob store). Only
 * registered when the local cloud also runs that store, so the origin is known.
 */
export function demoCardTemplate(publicBlobOrigin: string): DemoContentTemplate {
  return {
    key: "booking_confirmed_card",
    language: "en",
    sid: "HX5c0a1d7e9b2f4c6a8e0d3b5f7a9c1e24",
    body: "Your appointment with {{1}} on {{2}} is confirmed. Manage it: {{3}} Save the practice's contact card below.",
    media: [`${publicBlobOrigin.replace(/\/$/, "")}/{{4}}`],
  };
}

/** TWILIO_CONTENT_TEMPLATES for the app: {"booking_confirmed":{"en":"HX..."}, ...}. */
export function contentTemplatesEnv(templates: readonly DemoContentTemplate[] = DEMO_CONTENT_TEMPLATES): string {
  const byKey: Record<string, Record<string, string>> = {};
  for (const template of templates) (byKey[template.key] ??= {})[template.language] = template.sid;
  return JSON.stringify(byKey);
}
