import { getCountry } from "countries-and-timezones";
import { z } from "zod";
import { storedText } from "@/lib/input-schemas";
import { normalizePhone } from "@/lib/phone";
import { timeZoneSchema } from "@/lib/time";

const minuteOfDay = (name: string) =>
  z
    .number({ error: `${name} must be a number of minutes after midnight` })
    .int(`${name} must be whole minutes`)
    .min(0, `${name} cannot be before 00:00`)
    .max(1440, `${name} cannot be after 24:00`);

export const openingHoursIntervalSchema = z
  .object({
    weekday: z
      .number({ error: "weekday must be 1 (Monday) to 7 (Sunday)" })
      .int("weekday must be 1 (Monday) to 7 (Sunday)")
      .min(1, "weekday must be 1 (Monday) to 7 (Sunday)")
      .max(7, "weekday must be 1 (Monday) to 7 (Sunday)"),
    startMinute: minuteOfDay("startMinute"),
    endMinute: minuteOfDay("endMinute"),
  })
  .refine((value) => value.endMinute > value.startMinute, { path: ["endMinute"], message: "The closing time must be after the opening time." });

/** A week of opening hours in the location's zone: at most 70 intervals, none overlapping on a day. */
export const openingHoursSchema = z
  .array(openingHoursIntervalSchema)
  .max(70, "At most 70 opening intervals a week.")
  .superRefine((intervals, ctx) => {
    intervals.forEach((interval, index) => {
      const clash = intervals.some(
        (other, j) => j < index && other.weekday === interval.weekday && other.startMinute < interval.endMinute && interval.startMinute < other.endMinute,
      );
      if (clash) ctx.addIssue({ code: "custom", path: [index, "startMinute"], message: "These opening hours overlap others on the same day." });
    });
  });

const COUNTRY_MESSAGE = "countryCode must be a two-letter ISO country code in capitals, such as GB, PT or IN";
export const countryCodeSchema = z
  .string({ error: COUNTRY_MESSAGE })
  .regex(/^[A-Z]{2}$/, COUNTRY_MESSAGE)
  .refine((code) => getCountry(code) !== null, COUNTRY_MESSAGE);

/** ISO 3166-2 subdivision, such as PT-11, GB-ENG or US-NY. */
const regionCodeSchema = z
  .string({ error: "regionCode must be text" })
  .trim()
  .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, "regionCode must be an ISO 3166-2 code such as PT-11, GB-ENG or US-NY");

export const latitudeSchema = z
  .number({ error: "latitude must be a number from -90 to 90" })
  .min(-90, "latitude must be a number from -90 to 90")
  .max(90, "latitude must be a number from -90 to 90");
export const longitudeSchema = z
  .number({ error: "longitude must be a number from -180 to 180" })
  .min(-180, "longitude must be a number from -180 to 180")
  .max(180, "longitude must be a number from -180 to 180");

const websiteSchema = z
  .string({ error: "website must be text" })
  .trim()
  .max(500, "website must be at most 500 characters")
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: "website must be a web address starting with https:// or http://" }));

export const googlePlaceIdSchema = z.string({ error: "googlePlaceId must be text" }).regex(/^[A-Za-z0-9_-]{1,300}$/, "googlePlaceId is not a Google place id; pick the place again");

const locationFields = z.object({
  name: storedText("The name").trim().min(2, "name must be at least 2 characters").max(120, "name must be at most 120 characters"),
  formattedAddress: storedText("The address").trim().min(3, "formattedAddress must be at least 3 characters").max(300, "formattedAddress must be at most 300 characters"),
  googlePlaceId: googlePlaceIdSchema.nullable().default(null),
  latitude: latitudeSchema,
  longitude: longitudeSchema,
  timeZone: timeZoneSchema,
  countryCode: countryCodeSchema,
  regionCode: regionCodeSchema.nullable().default(null),
  phone: storedText("The phone number").trim().max(40, "phone must be at most 40 characters").nullable().default(null),
  website: websiteSchema.nullable().default(null),
  openingHours: openingHoursSchema.default([]),
});

/**
 * Checks that need two fields (the region belongs to the country; the phone is read in the
 * location's country), then stores the phone in E.164 and empty optional text as null.
 */
function withLocationRules<T extends z.ZodType<z.output<typeof locationFields>>>(schema: T) {
  return schema
    .superRefine((value, ctx) => {
      if (value.regionCode && !value.regionCode.startsWith(`${value.countryCode}-`)) {
        ctx.addIssue({ code: "custom", path: ["regionCode"], message: `regionCode must be a region of ${value.countryCode}, starting ${value.countryCode}-` });
      }
      if (value.phone && !normalizePhone(value.phone, value.countryCode as never).ok) {
        ctx.addIssue({ code: "custom", path: ["phone"], message: "phone is not a phone number of this country; write it with its country code, such as +44 20 7946 0101" });
      }
    })
    .transform((value) => {
      const phone = value.phone ? normalizePhone(value.phone, value.countryCode as never) : null;
      return {
        ...value,
        regionCode: value.regionCode || null,
        phone: phone?.ok ? phone.e164 : null,
      };
    });
}

export const createLocationInput = withLocationRules(locationFields);
export type CreateLocationInput = z.input<typeof createLocationInput>;

export const locationIdSchema = z.uuid("locationId must be a location id");

export const updateLocationInput = withLocationRules(locationFields.extend({ locationId: locationIdSchema }));
export type UpdateLocationInput = z.input<typeof updateLocationInput>;

export const getLocationInput = z.object({ locationId: locationIdSchema });

export const locationPlaceDetailsInput = z.object({
  placeId: googlePlaceIdSchema,
  sessionToken: z.uuid("sessionToken must be a UUID").optional(),
});

export const suggestTimeZoneInput = z.object({ latitude: latitudeSchema, longitude: longitudeSchema });
