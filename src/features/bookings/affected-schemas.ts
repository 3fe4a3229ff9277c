import { z } from "zod";
import { storedText } from "@/lib/input-schemas";
import { REASON_MAX_LENGTH } from "./schemas";

/** The most bookings one "cancel and tell the patients" may cancel at once. */
export const MAX_AFFECTED_CANCELLATIONS = 200;

const closureId = z.uuid("closureId must be one of the organization's closures");
const overrideId = z.uuid("overrideId must be one of your time-off entries");

const cancellation = {
  bookingIds: z
    .array(z.uuid("Each booking id must be a booking id"))
    .min(1, "Choose at least one booking to cancel.")
    .max(MAX_AFFECTED_CANCELLATIONS, `At most ${MAX_AFFECTED_CANCELLATIONS} bookings at once.`)
    .refine((ids) => new Set(ids).size === ids.length, "Each booking may be listed once."),
  reason: storedText("The reason")
    .trim()
    .min(3, "Tell the patients why (at least 3 characters).")
    .max(REASON_MAX_LENGTH, `The reason can be at most ${REASON_MAX_LENGTH} characters.`),
};

export const bookingsByClosureInput = z.object({ closureId });
export const bookingsByTimeOffInput = z.object({ overrideId });
export const cancelForClosureInput = z.object({ closureId, ...cancellation });
export const cancelForTimeOffInput = z.object({ overrideId, ...cancellation });
