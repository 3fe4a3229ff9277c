import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/env";

/** A link to a patient's card works this long: long enough to click, too short to be worth forwarding. */
export const PATIENT_CARD_LINK_SECONDS = 15 * 60;

const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const EXPIRES_PATTERN = /^[0-9]{1,12}$/;

function signature(bookingId: string, expires: number, secret: string): string {
  return createHmac("sha256", secret).update(`contact-card:patient:${bookingId}:${expires}`).digest("base64url");
}

export interface PatientCardLinkOptions {
  bookingId: string;
  now: Date;
}

/**
 * A link for the booking's provider to download the patient's card: valid 15 minutes and only
 * with their session. An HMAC under the app secret, so nothing is stored per link.
 */
export function patientCardLink({ bookingId, now }: PatientCardLinkOptions): string {
  const expires = Math.floor(now.getTime() / 1000) + PATIENT_CARD_LINK_SECONDS;
  const url = new URL(`/api/contact-cards/${encodeURIComponent(bookingId)}`, env.NEXTAUTH_URL);
  url.searchParams.set("expires", String(expires));
  url.searchParams.set("sig", signature(bookingId, expires, env.NEXTAUTH_SECRET));
  return url.toString();
}

export type PatientCardLinkCheck = "valid" | "expired" | "invalid";

/** Checks a link's `expires` and `sig` query values (as received, possibly absent or malformed). */
export function checkPatientCardLink(options: {
  bookingId: string;
  expires: string | null;
  sig: string | null;
  now: Date;
}): PatientCardLinkCheck {
  const { bookingId, expires, sig, now } = options;
  if (expires === null || sig === null || !EXPIRES_PATTERN.test(expires) || !SIGNATURE_PATTERN.test(sig)) return "invalid";
  const expected = Buffer.from(signature(bookingId, Number(expires), env.NEXTAUTH_SECRET));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  // Checked after the signature, so a forged link is never told it merely expired.
  return Math.floor(now.getTime() / 1000) > Number(expires) ? "expired" : "valid";
}
