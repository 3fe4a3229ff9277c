import { z } from "zod";
import { localDateSchema } from "@/lib/input-schemas";
import { timeZoneSchema } from "@/lib/time";

/** Providers shown at once; a larger organization pages through them or filters. */
export const ORGANIZATION_WEEK_PAGE_SIZE = 50;

/**
 * One week of the organization's calendar: the seven local dates from `weekStart` in the
 * display zone. Without a zone the first location's is used (UTC when there is none).
 */
export const organizationWeekInput = z.object({
  weekStart: localDateSchema,
  timeZone: z.string().pipe(timeZoneSchema).optional(),
  providerId: z.uuid("providerId must be a provider id").optional(),
  locationId: z.uuid("locationId must be a location id").optional(),
  page: z.number({ error: "page must be a number" }).int("page must be a whole number").min(1, "page must be at least 1").max(1000, "page must be at most 1000").default(1),
});
export type OrganizationWeekInput = z.input<typeof organizationWeekInput>;
