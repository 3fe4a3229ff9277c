import { z } from "zod";
import { instantSchema, storedText } from "@/lib/input-schemas";

/**
 * Inputs of the admin directory (finding any booking, provider or patient), shared by the search
 * forms and the procedures.
 */

export const BOOKING_STATUSES = ["HELD", "EXPIRED", "PENDING", "CONFIRMED", "DECLINED", "CANCELLED", "COMPLETED", "NO_SHOW"] as const;
export const PROVIDER_STATUSES = ["PENDING", "APPROVED", "SUSPENDED", "REJECTED"] as const;

export const DIRECTORY_PAGE_SIZE = 25;
export const DIRECTORY_MAX_PAGE_SIZE = 100;
export const SEARCH_QUERY_MIN_LENGTH = 2;
export const SEARCH_QUERY_MAX_LENGTH = 200;

/** The opaque `nextCursor` of an earlier page (base64url); its contents are checked on the server. */
export const pageCursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,1000}$/, "cursor must be the nextCursor of an earlier page of the same search");

export const pageLimit = (defaultSize: number) =>
  z
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(DIRECTORY_MAX_PAGE_SIZE, `limit can be at most ${DIRECTORY_MAX_PAGE_SIZE}`)
    .default(defaultSize);

/** Words to look for; blank means "no words" (the other filters still apply). */
const optionalQuery = storedText("query")
  .trim()
  .max(SEARCH_QUERY_MAX_LENGTH, `query is too long (${SEARCH_QUERY_MAX_LENGTH} characters at most)`)
  .refine((value) => value === "" || value.length >= SEARCH_QUERY_MIN_LENGTH, `query needs at least ${SEARCH_QUERY_MIN_LENGTH} characters, or leave it empty`)
  .optional()
  .transform((value) => (value ? value : undefined));

/** A time window [from, to); `to` must come after `from`. */
export const timeWindow = {
  from: instantSchema("from").optional(),
  to: instantSchema("to").optional(),
};
export function checkWindow(value: { from?: Date; to?: Date }, ctx: z.RefinementCtx) {
  if (value.from && value.to && value.to <= value.from) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "to must be later than from" });
  }
}

export const searchBookingsInput = z
  .object({
    query: optionalQuery,
    status: z.enum(BOOKING_STATUSES, { error: `status must be one of ${BOOKING_STATUSES.join(", ")}` }).optional(),
    providerId: z.uuid("providerId must be a provider id").optional(),
    ...timeWindow,
    cursor: pageCursor.optional(),
    limit: pageLimit(DIRECTORY_PAGE_SIZE),
  })
  .superRefine(checkWindow);
export type SearchBookingsInput = z.input<typeof searchBookingsInput>;

export const adminBookingInput = z.object({ bookingId: z.uuid("bookingId must be a booking id") });

export const searchProvidersInput = z.object({
  query: optionalQuery,
  status: z.enum(PROVIDER_STATUSES, { error: `status must be one of ${PROVIDER_STATUSES.join(", ")}` }).optional(),
  cursor: pageCursor.optional(),
  limit: pageLimit(DIRECTORY_PAGE_SIZE),
});
export type SearchProvidersInput = z.input<typeof searchProvidersInput>;

export const searchPatientsInput = z.object({
  query: storedText("query")
    .trim()
    .min(SEARCH_QUERY_MIN_LENGTH, `query needs at least ${SEARCH_QUERY_MIN_LENGTH} characters: a name, an email, a phone number or a user id`)
    .max(SEARCH_QUERY_MAX_LENGTH, `query is too long (${SEARCH_QUERY_MAX_LENGTH} characters at most)`),
  cursor: pageCursor.optional(),
  limit: pageLimit(DIRECTORY_PAGE_SIZE),
});
export type SearchPatientsInput = z.input<typeof searchPatientsInput>;

export const adminPatientInput = z.object({ userId: z.uuid("userId must be a user id") });
