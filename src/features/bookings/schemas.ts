import { z } from "zod";
import { timeZoneSchema } from "@/lib/time";

const bookingMode = z.enum(["IN_PERSON", "ONLINE"], { error: "mode must be IN_PERSON or ONLINE" });

export const holdSlotInput = z.object({
  providerId: z.uuid("providerId must be a provider id"),
  serviceId: z.uuid("serviceId must be a service id"),
  startsAt: z.coerce.date({ error: "startsAt must be a date and time" }),
  mode: bookingMode,
  locationId: z.uuid("locationId must be a location id").nullable(),
});
export type HoldSlotInput = z.input<typeof holdSlotInput>;

export const MANAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const token = (name: string) => z.string().regex(MANAGE_TOKEN_PATTERN, `${name} is not a valid link; open the link from your email again`);

export const contactInput = z.object({
  name: z.string().trim().min(2, "Please enter your full name.").max(120, "The name is too long (120 characters at most)."),
  email: z.email("Please enter a valid email address, like name@example.com.").max(254),
  phone: z
    .string()
    .trim()
    .regex(/^\+[1-9]\d{6,14}$/, "Please enter the phone number in international format, like +447700900123."),
});

export const confirmBookingInput = z.object({
  holdId: z.uuid("holdId must be a hold id"),
  holdToken: token("holdToken"),
  /** Required for guests; a signed-in patient's account details are used when omitted. */
  contact: contactInput.optional(),
  notes: z.string().trim().max(1000, "Notes can be at most 1,000 characters.").default(""),
  consent: z.literal(true, { error: "Please agree to the terms and the processing of your health data to book." }),
  patientTimeZone: timeZoneSchema,
});
export type ConfirmBookingInput = z.input<typeof confirmBookingInput>;

export const manageTokenInput = z.object({ token: token("token") });

export const cancelManagedInput = z.object({
  token: token("token"),
  reason: z.string().trim().max(500, "The reason can be at most 500 characters.").default(""),
});

export const rescheduleManagedInput = z.object({
  token: token("token"),
  startsAt: z.coerce.date({ error: "startsAt must be a date and time" }),
  mode: bookingMode,
  locationId: z.uuid("locationId must be a location id").nullable(),
});

export const bookingIdInput = z.object({ bookingId: z.uuid("bookingId must be a booking id") });

export const cancelMyBookingInput = bookingIdInput.extend({
  reason: z.string().trim().max(500, "The reason can be at most 500 characters.").default(""),
});

export const decideBookingInput = bookingIdInput.extend({
  decision: z.enum(["CONFIRM", "DECLINE"], { error: "decision must be CONFIRM or DECLINE" }),
  reason: z.string().trim().max(500).default(""),
});

export const cancelAsProviderInput = bookingIdInput.extend({
  reason: z.string().trim().min(3, "Tell the patient why (at least 3 characters).").max(500, "The reason can be at most 500 characters."),
});

export const markOutcomeInput = bookingIdInput.extend({
  outcome: z.enum(["COMPLETED", "NO_SHOW"], { error: "outcome must be COMPLETED or NO_SHOW" }),
});

export const BOOKING_STATUSES = ["PENDING", "CONFIRMED", "DECLINED", "CANCELLED", "COMPLETED", "NO_SHOW"] as const;

export const providerBookingsInput = z
  .object({
    from: z.coerce.date({ error: "from must be a date and time" }),
    to: z.coerce.date({ error: "to must be a date and time" }),
    statuses: z.array(z.enum(BOOKING_STATUSES)).optional(),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .refine((value) => value.to > value.from, { path: ["to"], message: "to must be after from" })
  .refine((value) => value.to.getTime() - value.from.getTime() <= 366 * 86_400_000, { path: ["to"], message: "Ask for at most a year at a time." });

export const myBookingsInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
});

export const releaseHoldInput = z.object({
  holdId: z.uuid("holdId must be a hold id"),
  holdToken: token("holdToken"),
});
