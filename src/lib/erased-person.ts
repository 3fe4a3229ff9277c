/**
 * What an erased person's records carry instead of their personal data (see the privacy
 * feature's eraseAccount). `.invalid` is reserved (RFC 2606): no mail can ever be delivered to
 * these addresses and no Google account can have one, so sign-in never matches an erased row.
 */
export const ERASED_EMAIL_DOMAIN = "erased.invalid";

/** The name a provider sees on a booking whose patient erased their data. */
export const ERASED_PATIENT_NAME = "Erased patient";

/** The pseudonymous (unique) address of an erased account: users.email must stay unique and non-null. */
export function erasedAccountEmail(userId: string): string {
  return `erased-${userId}@${ERASED_EMAIL_DOMAIN}`;
}

/**
 * The address left on a guest booking of an erased person. The database requires a guest
 * booking to keep a name and an email; one shared placeholder links the bookings to nobody.
 */
export const ERASED_GUEST_EMAIL = `erased@${ERASED_EMAIL_DOMAIN}`;

/** What replaces the address of a message that was sent to an erased person. */
export const ERASED_ADDRESS = "erased";

/** Whether an address is one of the placeholders above (so it is not shown as a way to reach anyone). */
export function isErasedEmail(email: string | null | undefined): boolean {
  return typeof email === "string" && email.toLowerCase().endsWith(`@${ERASED_EMAIL_DOMAIN}`);
}
