import { z } from "zod";
import { storedText } from "@/lib/input-schemas";
import { timeZoneSchema } from "@/lib/time";

export const PAGE_SIZE_MAX = 50;

export const listProvidersInput = z.object({
  query: storedText("The search").trim().max(100, "query must be at most 100 characters").optional(),
  specialty: storedText("The specialty").trim().max(64).optional(),
  /** Words in a service's name, e.g. "follow-up" or "therapy". */
  service: storedText("The service").trim().max(100, "service must be at most 100 characters").optional(),
  mode: z.enum(["ONLINE", "IN_PERSON"], { error: "mode must be ONLINE or IN_PERSON" }).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, "language must be a 2 or 3 letter language code, like en or fr")
    .optional(),
  page: z.number().int().min(1, "page must be 1 or more").default(1),
  pageSize: z.number().int().min(1).max(PAGE_SIZE_MAX, `pageSize must be at most ${PAGE_SIZE_MAX}`).default(12),
});
export type ListProvidersInput = z.input<typeof listProvidersInput>;

export const providerBySlugInput = z.object({
  slug: z.string().trim().min(1, "slug is required").max(120).regex(/^[a-z0-9-]+$/, "slug may contain only a-z, 0-9 and dashes"),
});

const minutes = (name: string, max: number) =>
  z.number({ error: `${name} must be a number of minutes` }).int(`${name} must be whole minutes`).min(0, `${name} cannot be negative`).max(max, `${name} can be at most ${max} minutes`);

export const serviceInput = z
  .object({
    name: storedText("The name").trim().min(2, "Give the service a name (2 characters or more).").max(120, "The name can be at most 120 characters."),
    description: storedText("The description").trim().max(2000, "The description can be at most 2,000 characters.").default(""),
    durationMinutes: z
      .number({ error: "durationMinutes must be a number of minutes" })
      .int("durationMinutes must be whole minutes")
      .min(5, "A service lasts at least 5 minutes.")
      .max(720, "A service lasts at most 12 hours (720 minutes)."),
    priceMinor: z.number().int("priceMinor is in minor units (cents), a whole number").min(0, "The price cannot be negative.").max(100_000_000),
    currency: z.string().regex(/^[A-Z]{3}$/, "currency must be an ISO code such as EUR, GBP or USD"),
    isOnline: z.boolean(),
    isInPerson: z.boolean(),
    bufferBeforeMinutes: minutes("bufferBeforeMinutes", 240).default(0),
    bufferAfterMinutes: minutes("bufferAfterMinutes", 240).default(0),
    slotStepMinutes: z.number().int().min(5, "Slots start at least 5 minutes apart.").max(240, "Slots start at most 240 minutes apart.").default(15),
    minimumNoticeMinutes: minutes("minimumNoticeMinutes", 43_200).default(120),
    bookingHorizonDays: z.number().int().min(1, "Allow booking at least 1 day ahead.").max(730, "Allow booking at most 730 days ahead.").default(60),
    maxBookingsPerDay: z.number().int().min(1, "At least 1 booking a day, or leave it empty for no limit.").max(500).nullable().default(null),
    requiresApproval: z.boolean().default(false),
  })
  .refine((value) => value.isOnline || value.isInPerson, {
    path: ["isOnline"],
    message: "Offer the service online, in person, or both.",
  });
export type ServiceInput = z.input<typeof serviceInput>;

export const saveServiceInput = z.object({
  serviceId: z.uuid("serviceId must be a service id").nullable(),
  service: serviceInput,
});

export const setServiceActiveInput = z.object({
  serviceId: z.uuid("serviceId must be a service id"),
  isActive: z.boolean(),
});

export const providerSettingsInput = z.object({
  timeZone: timeZoneSchema,
  cancellationCutoffMinutes: z
    .number()
    .int()
    .min(0, "The cutoff cannot be negative.")
    .max(43_200, "The cutoff can be at most 30 days (43,200 minutes)."),
});
