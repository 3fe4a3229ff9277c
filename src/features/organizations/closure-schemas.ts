import { z } from "zod";
import { localDateSchema, storedText } from "@/lib/input-schemas";
import { localDateToEpochDay } from "@/lib/time";

/** The longest manual closure: a year and a day, so a leap year can be closed whole. */
export const MAX_CLOSURE_DAYS = 366;
/** The longest range `closures.list` reads at once. */
export const MAX_CLOSURE_LIST_DAYS = 800;

const locationId = z.uuid("locationId must be one of the organization's locations");
const year = z
  .number({ error: "year must be a number, like 2027" })
  .int("year must be a whole year, like 2027")
  .min(2000, "year must be between 2000 and 2099")
  .max(2099, "year must be between 2000 and 2099");

const daysBetween = (from: string, to: string) => localDateToEpochDay(to) - localDateToEpochDay(from) + 1;

export const locationHolidaysInput = z.object({ locationId, year });
export type LocationHolidaysInput = z.input<typeof locationHolidaysInput>;

export const decideHolidaysInput = z.object({
  locationId,
  year,
  decisions: z
    .array(
      z.object({
        startDate: localDateSchema,
        decision: z.enum(["ACCEPT", "REJECT"], { error: "decision must be ACCEPT or REJECT" }),
      }),
    )
    .min(1, "Choose at least one holiday to accept or reject.")
    .max(60, "At most 60 holidays at once.")
    .refine((list) => new Set(list.map((d) => d.startDate)).size === list.length, "Each holiday may be decided once per request."),
});
export type DecideHolidaysInput = z.input<typeof decideHolidaysInput>;

export const listClosuresInput = z
  .object({
    /** Omitted: every location of the organization. */
    locationId: locationId.optional(),
    from: localDateSchema,
    to: localDateSchema,
  })
  .superRefine((value, ctx) => {
    if (value.to < value.from) ctx.addIssue({ code: "custom", path: ["to"], message: "The last day must not be before the first day." });
    else if (daysBetween(value.from, value.to) > MAX_CLOSURE_LIST_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `List at most ${MAX_CLOSURE_LIST_DAYS} days at once.` });
    }
  });
export type ListClosuresInput = z.input<typeof listClosuresInput>;

export const addClosureInput = z
  .object({
    locationId,
    startDate: localDateSchema,
    endDate: localDateSchema,
    name: storedText("The name").trim().min(1, "Give the closure a name, like Building works.").max(120, "name must be at most 120 characters"),
  })
  .superRefine((value, ctx) => {
    if (value.endDate < value.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "The last day must not be before the first day." });
    } else if (daysBetween(value.startDate, value.endDate) > MAX_CLOSURE_DAYS) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: `A closure lasts at most ${MAX_CLOSURE_DAYS} days; add another one for a longer time.` });
    }
  });
export type AddClosureInput = z.input<typeof addClosureInput>;

export const removeClosureInput = z.object({ closureId: z.uuid("closureId must be one of the organization's closures") });
export type RemoveClosureInput = z.input<typeof removeClosureInput>;
