import { z } from "zod";
import { instantSchema, localDateSchema, storedText } from "@/lib/input-schemas";

export const bookingModeSchema = z.enum(["IN_PERSON", "ONLINE"], {
  error: "mode must be IN_PERSON or ONLINE",
});
export type BookingMode = z.infer<typeof bookingModeSchema>;


export { localDateSchema };

const minuteOfDay = (name: string) =>
  z
    .number({ error: `${name} must be a number of minutes after midnight` })
    .int(`${name} must be whole minutes`)
    .min(0, `${name} cannot be before 00:00`)
    .max(1440, `${name} cannot be after 24:00`);

/** One interval of a day; in person needs a location, online must not have one. */
export const intervalInput = z
  .object({
    startMinute: minuteOfDay("startMinute"),
    endMinute: minuteOfDay("endMinute"),
    mode: bookingModeSchema,
    locationId: z.uuid("locationId must be a location id").nullable(),
  })
  .superRefine((value, ctx) => {
    if (value.endMinute <= value.startMinute) {
      ctx.addIssue({ code: "custom", path: ["endMinute"], message: "The end must be after the start." });
    }
    if (value.mode === "IN_PERSON" && !value.locationId) {
      ctx.addIssue({ code: "custom", path: ["locationId"], message: "Choose where in-person visits take place." });
    }
    if (value.mode === "ONLINE" && value.locationId) {
      ctx.addIssue({ code: "custom", path: ["locationId"], message: "Online intervals have no location." });
    }
  });

export const weeklyRuleInput = intervalInput.and(
  z.object({
    weekday: z.number().int().min(1, "weekday must be 1 (Monday) to 7 (Sunday)").max(7, "weekday must be 1 (Monday) to 7 (Sunday)"),
  }),
);
export type WeeklyRuleInput = z.infer<typeof weeklyRuleInput>;

function overlaps(a: { startMinute: number; endMinute: number }, b: { startMinute: number; endMinute: number }) {
  return a.startMinute < b.endMinute && b.startMinute < a.endMinute;
}

/** The provider's whole week, replaced at once (the editor saves what it shows). */
export const saveWeeklyScheduleInput = z
  .object({
    rules: z.array(weeklyRuleInput).max(70, "At most 70 intervals a week."),
    effectiveFrom: localDateSchema.nullable().default(null),
    effectiveUntil: localDateSchema.nullable().default(null),
  })
  .superRefine((value, ctx) => {
    value.rules.forEach((rule, index) => {
      // Only intervals at one place share a zone, so only they compare on the wall clock; the
      // use case compares intervals at different places in real time.
      const clashes = value.rules.some(
        (other, j) => j < index && other.weekday === rule.weekday && other.locationId === rule.locationId && overlaps(other, rule),
      );
      if (clashes) {
        ctx.addIssue({
          code: "custom",
          path: ["rules", index, "startMinute"],
          message: "This interval overlaps another one on the same day. A provider cannot be in two places at once.",
        });
      }
    });
    if (value.effectiveFrom && value.effectiveUntil && value.effectiveUntil < value.effectiveFrom) {
      ctx.addIssue({ code: "custom", path: ["effectiveUntil"], message: "The last day must not be before the first day." });
    }
  });
export type SaveWeeklyScheduleInput = z.input<typeof saveWeeklyScheduleInput>;

export const createOverrideInput = z
  .object({
    startDate: localDateSchema,
    endDate: localDateSchema,
    kind: z.enum(["OFF", "REPLACE", "EXTRA"], { error: "kind must be OFF, REPLACE or EXTRA" }),
    reason: storedText("The reason").trim().max(200, "reason must be at most 200 characters").default(""),
    intervals: z.array(intervalInput).max(12, "At most 12 intervals.").default([]),
  })
  .superRefine((value, ctx) => {
    if (value.endDate < value.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "The last day must not be before the first day." });
    }
    if (value.kind === "OFF" && value.intervals.length > 0) {
      ctx.addIssue({ code: "custom", path: ["intervals"], message: "A day off has no intervals." });
    }
    if (value.kind === "EXTRA" && value.intervals.length === 0) {
      ctx.addIssue({ code: "custom", path: ["intervals"], message: "Add at least one interval of extra hours." });
    }
    value.intervals.forEach((interval, index) => {
      const clash = value.intervals.findIndex((other, j) => j < index && overlaps(other, interval));
      if (clash >= 0) {
        ctx.addIssue({ code: "custom", path: ["intervals", index, "startMinute"], message: "This interval overlaps another one." });
      }
    });
  });
export type CreateOverrideInput = z.input<typeof createOverrideInput>;

export const MAX_SLOT_DAYS = 62;

export const publicSlotsInput = z.object({
  providerId: z.uuid("providerId must be a provider id"),
  serviceId: z.uuid("serviceId must be a service id"),
  /** First instant to look at (UTC); the UI sends the start of the patient's local day. */
  from: instantSchema("from"),
  days: z.number().int().min(1, "days must be at least 1").max(MAX_SLOT_DAYS, `days must be at most ${MAX_SLOT_DAYS}`).default(30),
});
export type PublicSlotsInput = z.input<typeof publicSlotsInput>;
