import { z } from "zod";
import { storedText } from "@/lib/input-schemas";
import { placeIdSchema, searchPointSchema } from "./schemas";

/** Groups the keystrokes of one place box and the pick that ends them into one billed session. */
const sessionTokenSchema = z.uuid("sessionToken must be a UUID").optional();

export const suggestPlacesInput = z.object({
  /** What the visitor has typed so far: a district, station, street or postcode. */
  input: storedText("The place").trim().min(2, "input must be at least 2 characters").max(100, "input must be at most 100 characters"),
  /** Rank places near this point first (the visitor's position, when they shared it). */
  near: searchPointSchema.optional(),
  sessionToken: sessionTokenSchema,
});
export type SuggestPlacesInput = z.input<typeof suggestPlacesInput>;

export const resolvePlaceInput = z.object({
  placeId: placeIdSchema,
  sessionToken: sessionTokenSchema,
});
export type ResolvePlaceInput = z.input<typeof resolvePlaceInput>;
