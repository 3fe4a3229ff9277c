import { z } from "zod";
import { storedText } from "@/lib/input-schemas";

export const SEARCH_PAGE_SIZE_MAX = 50;
export const SEARCH_RADIUS_MIN_KM = 0.5;
export const SEARCH_RADIUS_MAX_KM = 100;
export const SEARCH_DEFAULT_RADIUS_KM = 10;
/** How far ahead a result's next free time is looked for when no availableWithinDays is given. */
export const SEARCH_DEFAULT_WINDOW_DAYS = 14;

export const searchPointSchema = z.object({
  latitude: z
    .number({ error: "latitude must be a number of degrees" })
    .min(-90, "latitude must be between -90 and 90")
    .max(90, "latitude must be between -90 and 90"),
  longitude: z
    .number({ error: "longitude must be a number of degrees" })
    .min(-180, "longitude must be between -180 and 180")
    .max(180, "longitude must be between -180 and 180"),
});
export type SearchPoint = z.infer<typeof searchPointSchema>;

/** Google's place ids: letters, digits, "-" and "_". */
export const placeIdSchema = z
  .string({ error: "placeId must be a place id from the suggestions" })
  .regex(/^[A-Za-z0-9_-]{1,300}$/, "placeId must be a place id from the suggestions");

export const searchSortSchema = z.enum(["distance", "soonest"], { error: "sort must be distance or soonest" });
export type SearchSort = z.infer<typeof searchSortSchema>;

/**
 * Search by place: a point (the browser's position or a place the caller resolved), a radius,
 * the directory's filters and "free within N days". Without `near` there is no distance, so
 * results are ranked by their next free time.
 */
export const searchProvidersInput = z
  .object({
    near: searchPointSchema.optional(),
    /** A place picked from the suggestions, searched around instead of `near` (resolved on the server). */
    placeId: placeIdSchema.optional(),
    radiusKm: z
      .number({ error: "radiusKm must be a number of kilometres" })
      .min(SEARCH_RADIUS_MIN_KM, `radiusKm must be at least ${SEARCH_RADIUS_MIN_KM} km`)
      .max(SEARCH_RADIUS_MAX_KM, `radiusKm can be at most ${SEARCH_RADIUS_MAX_KM} km; for a wider search leave out near`)
      .default(SEARCH_DEFAULT_RADIUS_KM),
    sort: searchSortSchema.optional(),
    /** Words in a provider's name or bio, a practice (organization or location) name, or an address such as a city. */
    q: storedText("The search").trim().max(100, "q must be at most 100 characters").optional(),
    specialty: storedText("The specialty").trim().max(64, "specialty must be at most 64 characters").optional(),
    /** Words in a service's name, e.g. "follow-up" or "therapy". */
    service: storedText("The service").trim().max(100, "service must be at most 100 characters").optional(),
    mode: z.enum(["ONLINE", "IN_PERSON"], { error: "mode must be ONLINE or IN_PERSON" }).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, "language must be a 2 or 3 letter language code, like en or fr")
      .optional(),
    availableWithinDays: z
      .number({ error: "availableWithinDays must be a number of days" })
      .int("availableWithinDays must be whole days")
      .min(1, "availableWithinDays must be between 1 and 60")
      .max(60, "availableWithinDays must be between 1 and 60")
      .optional(),
    page: z.number().int("page must be a whole number").min(1, "page must be 1 or more").default(1),
    pageSize: z
      .number()
      .int("pageSize must be a whole number")
      .min(1, "pageSize must be at least 1")
      .max(SEARCH_PAGE_SIZE_MAX, `pageSize must be at most ${SEARCH_PAGE_SIZE_MAX}`)
      .default(10),
  })
  .superRefine((value, ctx) => {
    if (value.near && value.placeId) {
      ctx.addIssue({ code: "custom", path: ["placeId"], message: "Give either near or placeId, not both." });
    }
    if (value.sort === "distance" && !value.near && !value.placeId) {
      ctx.addIssue({ code: "custom", path: ["sort"], message: "Sorting by distance needs a place: give near or placeId, or sort by soonest." });
    }
    if (value.sort === "distance" && value.mode === "ONLINE") {
      ctx.addIssue({ code: "custom", path: ["sort"], message: "Online visits have no distance: sort them by soonest." });
    }
  });
export type SearchProvidersInput = z.input<typeof searchProvidersInput>;
