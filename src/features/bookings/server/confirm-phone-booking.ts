import type { Database } from "@/server/db/client";
import type { z } from "zod";
import type { confirmPhoneBookingInput } from "../phone-booking-schemas";
import type { PhoneBookingDto } from "../phone-booking-types";
import { confirmHold } from "./confirm-hold";
import { assertHoldOfOrganization } from "./phone-booking-guards";
import { verifyContactCode } from "./verify-contact-code";

export interface ConfirmPhoneBookingOptions {
  db: Database;
  organizationId: string;
  staffUserId: string;
  input: z.output<typeof confirmPhoneBookingInput>;
  now: Date;
}

/**
 * Books the held time for the patient on the phone, through the online confirm (confirmHold):
 * the same slot checks, status, events and notifications. The contact is proven by the code the
 * patient read back (checked here as online: wrong tries count), or vouched for by the staff
 * member, which the booking records with who took it. The manage link is not returned: it is the
 * patient's, and reaches them in the confirmation message.
 */
export async function confirmPhoneBooking({ db, organizationId, staffUserId, input, now }: ConfirmPhoneBookingOptions): Promise<PhoneBookingDto> {
  await assertHoldOfOrganization(db, organizationId, input.holdId);
  if (!input.contactTakenByStaff && input.code !== undefined) {
    await verifyContactCode({ db, input: { holdId: input.holdId, holdToken: input.holdToken, code: input.code }, now });
  }
  const { contact } = input;
  const { manageToken: _patientsSecret, ...booking } = await confirmHold({
    db,
    now,
    confirmation: {
      holdId: input.holdId,
      holdToken: input.holdToken,
      patientUserId: null,
      contact,
      isContactTrusted: input.contactTakenByStaff,
      notes: input.notes,
      patientTimeZone: input.patientTimeZone,
      whatsappOptIn: input.whatsappOptIn,
      origin: { channel: "PHONE", bookedByUserId: staffUserId, contactTakenByStaff: input.contactTakenByStaff },
      actor: { userId: staffUserId, role: "STAFF" },
    },
  });
  return {
    ...booking,
    channel: "PHONE",
    bookedByUserId: staffUserId,
    contactTakenByStaff: input.contactTakenByStaff,
    patient: { name: contact.name, email: contact.email, phone: contact.phone, whatsappOptIn: input.whatsappOptIn && contact.phone !== null },
  };
}
