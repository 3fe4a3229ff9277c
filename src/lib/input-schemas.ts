import { z } from "zod";
import { ACCEPTED_DATE_RANGE, ACCEPTED_INSTANT_RANGE, isAcceptedLocalDate, isLocalDate } from "./time/local-date";

/**
 * Zod building blocks for input that reaches the database. Every schema that stores text, an
 * instant or a local date uses these, so that what PostgreSQL cannot hold is a field message,
 * never a driver error (a 500 that would also quote the input in the log).
 */

const RANGE_TEXT = `${ACCEPTED_DATE_RANGE.first} and ${ACCEPTED_DATE_RANGE.last}`;

/**
 * Text that is stored. PostgreSQL `text` cannot hold the NUL character (U+0000); it never comes
 * from a keyboard, only from pasted binary or a crafted request. Chain `.trim()`, `.min()` and
 * `.max()` after it as usual.
 */
export function storedText(label: string) {
  return z.string().refine((value) => !value.includes("\u0000"), `${label} contains a null character (U+0000), which cannot be saved. Remove it and try again.`);
}

/** An instant (ISO 8601 string or Date) inside the accepted range, 2000-01-01 to 2099-12-31 UTC. */
export function instantSchema(name: string) {
  return z.coerce
    .date({ error: `${name} must be a date and time, like 2027-01-19T09:00:00Z` })
    .min(ACCEPTED_INSTANT_RANGE.from, `${name} must be between ${RANGE_TEXT}`)
    .max(new Date(ACCEPTED_INSTANT_RANGE.until.getTime() - 1), `${name} must be between ${RANGE_TEXT}`);
}

/** A calendar date "YYYY-MM-DD" inside the accepted range. */
export const localDateSchema = z
  .string()
  .refine(isLocalDate, { message: "must be a date written YYYY-MM-DD", abort: true })
  .refine(isAcceptedLocalDate, `must be a date between ${RANGE_TEXT}`);
