import { z } from "zod";
import { saveWeeklyScheduleInput } from "./schemas";

export const organizationScheduleInput = z.object({
  providerId: z.uuid("providerId must be a provider id"),
});
export type OrganizationScheduleInput = z.input<typeof organizationScheduleInput>;

/**
 * A manager's save: the provider's weekly in-person hours at this organization's locations,
 * replaced at once, with the same checks as the provider's own week (overlaps at one place,
 * effective dates). Online hours stay the provider's own, so every interval here is in person.
 */
export const saveOrganizationScheduleInput = saveWeeklyScheduleInput.and(organizationScheduleInput).superRefine((value, ctx) => {
  value.rules.forEach((rule, index) => {
    if (rule.mode !== "IN_PERSON") {
      ctx.addIssue({
        code: "custom",
        path: ["rules", index, "mode"],
        message: "Only in-person hours at this organization's locations can be set here; online hours are the provider's own.",
      });
    }
  });
});
export type SaveOrganizationScheduleInput = z.input<typeof saveOrganizationScheduleInput>;
