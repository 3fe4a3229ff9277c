/** How the admin searches read a query: an exact id, words to match anywhere, or a phone number's digits. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(query: string): boolean {
  return UUID.test(query);
}

/** `%` and `_` are wildcards of LIKE and `\` its escape: typed, they mean themselves. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** A case-insensitive "contains" pattern for ILIKE. */
export function containsPattern(query: string): string {
  return `%${escapeLike(query)}%`;
}

const PHONE_LIKE = /^[+()\d\s.-]+$/;
const MIN_PHONE_DIGITS = 4;

/**
 * The digits of a query typed like a phone number ("07700 900777", "+44 7700-900777"), without
 * leading zeros, so a national number written with its trunk 0 still matches the E.164 number
 * stored (+447700900777). Null when the query is not phone-like.
 */
export function phoneDigits(query: string): string | null {
  if (!PHONE_LIKE.test(query)) return null;
  const digits = query.replace(/\D/g, "").replace(/^0+/, "");
  return digits.length >= MIN_PHONE_DIGITS ? digits : null;
}
