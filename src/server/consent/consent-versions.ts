/**
 * The versions of the documents people agree to. Bump a version when its page's text changes
 * (src/app/(public)/terms, /privacy, /provider-terms): records keep the version agreed to.
 */
export const CONSENT_VERSIONS = {
  TERMS: "2026-12-03",
  PRIVACY_NOTICE: "2026-12-03",
  PROVIDER_TERMS: "2026-12-03",
  /** The messaging notice shown beside the channel choices (email, SMS, WhatsApp). */
  EMAIL: "2026-12-03",
  SMS: "2026-12-03",
  WHATSAPP: "2026-12-03",
} as const;

export type ConsentSubject = keyof typeof CONSENT_VERSIONS;
