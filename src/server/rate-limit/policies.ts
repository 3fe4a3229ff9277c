/**
 * Every rate limit of the app in one table (the README lists the same). Points are requests
 * allowed per key within `durationSeconds` (a fixed window from the first counted request).
 * Per-client keys are the client address (an IPv6 address's /64, which one subscriber gets);
 * per-contact keys are the normalized email or phone of a booking's contact details.
 */
export const RATE_LIMIT_POLICIES = {
  /** Holding a time: a patient trying several times, or a clinic's patients behind one address. */
  "hold:client": { points: 30, durationSeconds: 600 },
  /** Releasing a hold (choosing another time). */
  "release:client": { points: 60, durationSeconds: 600 },
  /** Confirming a booking from one address. */
  "confirm:client": { points: 20, durationSeconds: 3600 },
  /** Bookings made with one email address, from anywhere. */
  "confirm:email": { points: 10, durationSeconds: 3600 },
  /** Bookings made with one phone number, from anywhere. */
  "confirm:phone": { points: 10, durationSeconds: 3600 },
  /** One-time codes asked for from one address (a hold may have 5; a few holds' worth). */
  "contact-code:client": { points: 20, durationSeconds: 3600 },
  /** Codes asked for one email address or phone number, from anywhere: no one is flooded with codes. */
  "contact-code:address": { points: 10, durationSeconds: 3600 },
  /** Codes tried from one address; each code also refuses a sixth wrong try. */
  "contact-code-check:client": { points: 60, durationSeconds: 3600 },
  /** Viewing, cancelling or rescheduling through a manage link: stops token guessing. */
  "manage:client": { points: 60, durationSeconds: 600 },
  /** Opening or accepting an organization invitation link from one address: stops token guessing. */
  "invitation:client": { points: 60, durationSeconds: 600 },
  /** Place suggestions and picks from one address: a keystroke each (debounced), so generous; it caps Places API spend. */
  "places:client": { points: 300, durationSeconds: 600 },
  /** Times held by one staff member booking for patients on the phone (a practice's staff share one address). */
  "phone-hold:staff": { points: 30, durationSeconds: 600 },
  /** Codes one staff member asks to be sent to patients on the phone (each address also counts under contact-code:address). */
  "phone-code:staff": { points: 30, durationSeconds: 3600 },
  /** Phone bookings confirmed (or tried, with a code) by one staff member. */
  "phone-confirm:staff": { points: 40, durationSeconds: 3600 },
  /** Starting a sign-in or finishing one (the OAuth callback). */
  "sign-in:client": { points: 20, durationSeconds: 600 },
  /** Verification documents uploaded (or tried) by one provider's account: a few documents, each replaced a few times. */
  "document-upload:user": { points: 30, durationSeconds: 3600 },
} as const satisfies Record<string, RateLimitPolicy>;

export interface RateLimitPolicy {
  points: number;
  durationSeconds: number;
}

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;
