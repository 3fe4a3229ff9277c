import { z } from "zod";
import { instantSchema, storedText } from "@/lib/input-schemas";
import { isPhoneCountry, normalizePhone, phoneFormatHint } from "@/lib/phone";
import { timeZoneSchema } from "@/lib/time";

const bookingMode = z.enum(["IN_PERSON", "ONLINE"], { error: "mode must be IN_PERSON or ONLINE" });

export const holdSlotInput = z.object({
  providerId: z.uuid("providerId must be a provider id"),
  serviceId: z.uuid("serviceId must be a service id"),
  startsAt: instantSchema("startsAt"),
  mode: bookingMode,
  locationId: z.uuid("locationId must be a location id").nullable(),
});
export type HoldSlotInput = z.input<typeof holdSlotInput>;

export const MANAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const token = (name: string) => z.string().regex(MANAGE_TOKEN_PATTERN, `${name} is not a valid link; check that the whole link was copied`);

export const NOTES_MAX_LENGTH = 1000;
export const REASON_MAX_LENGTH = 500;

/**
 * Contact details of the patient. The phone is typed the way people write it and stored in
 * E.164; a number without a country code is read in `phoneCountry`, the practice's country.
 */
export const contactInput = z
  .object({
    name: storedText("The name").trim().min(2, "Please enter your full name.").max(120, "The name is too long (120 characters at most)."),
    email: z.email("Please enter a valid email address, like name@example.com.").max(254),
    phone: storedText("The phone number").trim().max(40, "The phone number is too long (40 characters at most)."),
    phoneCountry: z.string().refine(isPhoneCountry, "phoneCountry must be a two-letter region code such as GB or US").optional(),
  })
  .transform(({ phoneCountry, ...contact }, ctx) => {
    const phone = normalizePhone(contact.phone, phoneCountry);
    if (phone.ok) return { ...contact, phone: phone.e164 };
    ctx.addIssue({
      code: "custom",
      path: ["phone"],
      message: contact.phone
        ? `This does not look like a complete phone number. Write it like ${phoneFormatHint(phoneCountry)}.`
        : `Please enter a mobile phone number, like ${phoneFormatHint(phoneCountry)}.`,
    });
    return z.NEVER;
  });

/**
 * Proving the contact details: a one-time code sent by email or text message. These numbers are
 * the rules the server enforces and the form explains.
 */
export const CONTACT_CODE_LENGTH = 6;
export const CONTACT_CODE_LIFETIME_MINUTES = 10;
export const CONTACT_CODE_MAX_ATTEMPTS = 5;
export const CONTACT_CODE_RESEND_SECONDS = 30;
export const CONTACT_CODES_PER_HOLD = 5;

export const CONTACT_CHANNELS = ["EMAIL", "SMS"] as const;
export const contactChannel = z.enum(CONTACT_CHANNELS, { error: "channel must be EMAIL or SMS" });

export const requestContactCodeInput = z.object({
  holdId: z.uuid("holdId must be a hold id"),
  holdToken: token("holdToken"),
  channel: contactChannel,
  /** Required for guests; a signed-in patient's account details are used when omitted. */
  contact: contactInput.optional(),
});
export type RequestContactCodeInput = z.input<typeof requestContactCodeInput>;

export const contactCodeSchema = z
  .string()
  // Pasted codes often carry a space or a dash in the middle ("123 456").
  .transform((value) => value.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, `Enter the ${CONTACT_CODE_LENGTH}-digit code we sent you.`));

export const verifyContactCodeInput = z.object({
  holdId: z.uuid("holdId must be a hold id"),
  holdToken: token("holdToken"),
  code: contactCodeSchema,
});
export type VerifyContactCodeInput = z.input<typeof verifyContactCodeInput>;

export const confirmBookingInput = z.object({
  holdId: z.uuid("holdId must be a hold id"),
  holdToken: token("holdToken"),
  /** Required for guests; a signed-in patient's account details are used when omitted. */
  contact: contactInput.optional(),
  notes: storedText("The notes")
    .trim()
    .max(NOTES_MAX_LENGTH, `Notes can be at most ${NOTES_MAX_LENGTH.toLocaleString("en-GB")} characters; please shorten them.`)
    .default(""),
  consent: z.literal(true, { error: "Please agree to the terms and the processing of your health data to book." }),
  patientTimeZone: timeZoneSchema,
  /** The patient asks for booking messages on WhatsApp at the phone they gave (recorded as their opt-in). */
  whatsappOptIn: z.boolean({ error: "whatsappOptIn must be true or false" }).default(false),
});
export type ConfirmBookingInput = z.input<typeof confirmBookingInput>;

export const manageTokenInput = z.object({ token: token("token") });

const reason = () => storedText("The reason").trim().max(REASON_MAX_LENGTH, `The reason can be at most ${REASON_MAX_LENGTH} characters.`);

export const cancelManagedInput = z.object({
  token: token("token"),
  reason: reason().default(""),
});

export const rescheduleManagedInput = z.object({
  token: token("token"),
  startsAt: instantSchema("startsAt"),
  mode: bookingMode,
  locationId: z.uuid("locationId must be a location id").nullable(),
});

export const bookingIdInput = z.object({ bookingId: z.uuid("bookingId must be a booking id") });

export const cancelMyBookingInput = bookingIdInput.extend({
  reason: reason().default(""),
});

export const decideBookingInput = bookingIdInput.extend({
  decision: z.enum(["CONFIRM", "DECLINE"], { error: "decision must be CONFIRM or DECLINE" }),
  reason: reason().default(""),
});

export const cancelAsProviderInput = bookingIdInput.extend({
  reason: reason().min(3, "Tell the patient why (at least 3 characters)."),
});

export const markOutcomeInput = bookingIdInput.extend({
  outcome: z.enum(["COMPLETED", "NO_SHOW"], { error: "outcome must be COMPLETED or NO_SHOW" }),
});

export const BOOKING_STATUSES = ["PENDING", "CONFIRMED", "DECLINED", "CANCELLED", "COMPLETED", "NO_SHOW"] as const;

export const providerBookingsInput = z
  .object({
    from: instantSchema("from"),
    to: instantSchema("to"),
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
