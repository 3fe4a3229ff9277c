import { getExampleNumber, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import mobileExamples from "libphonenumber-js/mobile/examples";
import { getTimezone } from "countries-and-timezones";

/**
 * Phone numbers as people type them ("07700 900123", "+44 7700 900123", "+1 (212) 555-0100")
 * turned into E.164 ("+447700900123"), the one form we store and hand to SMS/WhatsApp.
 *
 * A number without a country code is read in a default region: the country of the practice,
 * derived from the zone the appointment happens in, since locations carry a zone but no country.
 * Numbers are accepted when they are *possible* (the right length for their country), not only
 * *valid* by the metadata's known ranges: ranges are allocated faster than any bundled metadata
 * is updated, and refusing a patient's real number is worse than storing a number nobody answers.
 */

export type PhoneCountry = CountryCode;

export type NormalizedPhone = { ok: true; e164: string } | { ok: false };

export function normalizePhone(input: string, defaultCountry?: PhoneCountry | null): NormalizedPhone {
  const region = defaultCountry && isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
  const parsed = parsePhoneNumberFromString(input.trim(), { defaultCountry: region, extract: false });
  if (!parsed || !parsed.isPossible()) return { ok: false };
  return { ok: true, e164: parsed.number };
}

/** How to write a mobile number of `country`, for hints and error messages. */
export function phoneExamples(country: PhoneCountry | null | undefined): { national: string; international: string } {
  const example = country ? getExampleNumber(country, mobileExamples) : undefined;
  if (!example) return { national: "", international: "+44 7700 900123" };
  return { national: example.formatNational(), international: example.formatInternational() };
}

/** "07400 123456 or +44 7400 123456" for the country, or an international example alone. */
export function phoneFormatHint(country: PhoneCountry | null | undefined): string {
  const { national, international } = phoneExamples(country);
  return national ? `${national} or ${international}` : international;
}

/**
 * The country a zone belongs to, or null for zones without one (UTC, Etc/*) or without phone
 * numbering (Antarctica). tzdata lists a zone's own country first, then the countries that
 * share its clock (Europe/Berlin: DE, then DK, NO, SE, SJ); links keep their own country
 * (Asia/Calcutta: IN, Europe/Oslo: NO).
 */
export function countryForTimeZone(timeZone: string): PhoneCountry | null {
  const country = getTimezone(timeZone)?.countries[0];
  return country && isSupportedCountry(country) ? country : null;
}

/** Whether `value` is a region code the phone metadata knows, e.g. "GB" (not "AQ" or "gb"). */
export function isPhoneCountry(value: string): value is PhoneCountry {
  return /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);
}
