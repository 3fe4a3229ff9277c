import { z } from "zod";
import { storedText } from "@/lib/input-schemas";
import { isPhoneCountry, normalizePhone, phoneFormatHint } from "@/lib/phone";
import { timeZoneSchema } from "@/lib/time";
import { contactChannel, contactCodeSchema, holdSlotInput, MANAGE_TOKEN_PATTERN, NOTES_MAX_LENGTH } from "./schemas";

const holdToken = z.string().regex(MANAGE_TOKEN_PATTERN, "holdToken is not a valid reservation; choose the time again");

/**
 * The patient's details as a staff member takes them on the phone. The email is required: every
 * booking must reach its patient by email (the database refuses a guest booking without one). The
 * phone is optional, for patients without a mobile; written without a country code it is read in
 * `phoneCountry`, the practice's country.
 */
export const phonePatientInput = z
  .object({
    name: storedText("The name").trim().min(2, "Please enter the patient's full name.").max(120, "The name is too long (120 characters at most)."),
    email: z.email("Please enter the patient's email address, like name@example.com.").max(254, "The email address is too long (254 characters at most)."),
    phone: storedText("The phone number").trim().max(40, "The phone number is too long (40 characters at most).").default(""),
    phoneCountry: z.string().refine(isPhoneCountry, "phoneCountry must be a two-letter region code such as GB or US").optional(),
  })
  .transform(({ phoneCountry, ...contact }, ctx) => {
    if (!contact.phone) return { ...contact, phone: null };
    const phone = normalizePhone(contact.phone, phoneCountry);
    if (phone.ok) return { ...contact, phone: phone.e164 };
    ctx.addIssue({
      code: "custom",
      path: ["phone"],
      message: `This does not look like a complete phone number. Write it like ${phoneFormatHint(phoneCountry)}, or leave it empty.`,
    });
    return z.NEVER;
  });
export type PhonePatientInput = z.input<typeof phonePatientInput>;

/** A time held for the patient; the organization is the one the staff member works for. */
export const holdPhoneSlotInput = holdSlotInput;
export type HoldPhoneSlotInput = z.input<typeof holdPhoneSlotInput>;

export const requestPhoneContactCodeInput = z.object({
  holdId: z.uuid("holdId must be a hold id"),
  holdToken,
  channel: contactChannel,
  contact: phonePatientInput,
});
export type RequestPhoneContactCodeInput = z.input<typeof requestPhoneContactCodeInput>;

export const TAKEN_BY_STAFF_OR_CODE =
  "Enter the code the patient reads out to you, or tick “I took these details from the patient myself”.";

export const confirmPhoneBookingInput = z
  .object({
    holdId: z.uuid("holdId must be a hold id"),
    holdToken,
    contact: phonePatientInput,
    notes: storedText("The notes")
      .trim()
      .max(NOTES_MAX_LENGTH, `Notes can be at most ${NOTES_MAX_LENGTH.toLocaleString("en-GB")} characters; please shorten them.`)
      .default(""),
    consent: z.literal(true, { error: "Ask the patient whether they agree to the terms and the processing of their health data, and tick the box once they do." }),
    patientTimeZone: timeZoneSchema,
    /** The patient asked, on the phone, for booking messages on WhatsApp at the phone given. */
    whatsappOptIn: z.boolean({ error: "whatsappOptIn must be true or false" }).default(false),
    /** The code the patient read back from the message we sent them. */
    code: contactCodeSchema.optional(),
    /** Instead of a code: the staff member vouches for the details (recorded on the booking). */
    contactTakenByStaff: z.boolean({ error: "contactTakenByStaff must be true or false" }).default(false),
  })
  .superRefine((value, ctx) => {
    if (!value.contactTakenByStaff && value.code === undefined) ctx.addIssue({ code: "custom", path: ["code"], message: TAKEN_BY_STAFF_OR_CODE });
    if (value.contactTakenByStaff && value.code !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["contactTakenByStaff"],
        message: "Either enter the patient's code or say you took the details yourself, not both.",
      });
    }
  });
export type ConfirmPhoneBookingInput = z.input<typeof confirmPhoneBookingInput>;
