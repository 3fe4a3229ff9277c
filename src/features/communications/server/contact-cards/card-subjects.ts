/** Card subjects (stored_contact_cards.subject) and how long a patient's card is kept. */

export const PROVIDER_SUBJECT_PREFIX = "provider:";
export const PATIENT_SUBJECT_PREFIX = "patient:";

/** As long as the booking's manage link: a provider may still need to reach the patient after the visit. */
export const PATIENT_CARD_DAYS_AFTER_END = 30;

/** Folder of each store's cards: the orphan sweep lists only these. */
export const CARD_FOLDER = "contact-cards/";

export const VCARD_CONTENT_TYPE = "text/vcard; charset=utf-8";

export function providerSubject(providerId: string): string {
  return `${PROVIDER_SUBJECT_PREFIX}${providerId}`;
}

export function patientSubject(bookingId: string): string {
  return `${PATIENT_SUBJECT_PREFIX}${bookingId}`;
}

const KEPT_STATUSES = new Set(["PENDING", "CONFIRMED", "COMPLETED", "NO_SHOW"]);

/** Whether a booking still warrants its patient's card at `now`. */
export function isPatientCardKept(booking: { status: string; endsAt: Date }, now: Date): boolean {
  return KEPT_STATUSES.has(booking.status) && now.getTime() <= patientCardKeptUntil(booking.endsAt).getTime();
}

export function patientCardKeptUntil(endsAt: Date): Date {
  return new Date(endsAt.getTime() + PATIENT_CARD_DAYS_AFTER_END * 24 * 60 * 60_000);
}
