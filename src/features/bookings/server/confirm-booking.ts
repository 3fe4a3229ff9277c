import type { Database } from "@/server/db/client";
import type { z } from "zod";
import type { confirmBookingInput } from "../schemas";
import type { ConfirmedBookingDto } from "../types";
import { findUserContact } from "./bookings-repository";
import { confirmHold } from "./confirm-hold";
import { missingContactError } from "./contact-verification-rules";

export interface ConfirmBookingOptions {
  db: Database;
  input: z.output<typeof confirmBookingInput>;
  /** The signed-in patient, or null for a guest. */
  userId: string | null;
  now: Date;
  /** The client's address, kept with the consent records of the booking. */
  ipAddress?: string | null;
}

/**
 * The patient's own confirm of their hold (see confirmHold for the rules). A guest, or a
 * signed-in patient whose account email is not verified, must first prove the email or phone of
 * the booking with a one-time code (requestContactVerification, verifyContactCode); a signed-in
 * patient's missing details are taken from their account.
 */
export async function confirmBooking({ db, input, userId, now, ipAddress = null }: ConfirmBookingOptions): Promise<ConfirmedBookingDto> {
  const account = userId ? await findUserContact(db, userId) : null;
  if (!userId && !input.contact) throw missingContactError();
  const { contact } = input;
  return confirmHold({
    db,
    now,
    confirmation: {
      holdId: input.holdId,
      holdToken: input.holdToken,
      patientUserId: userId,
      contact: {
        name: contact?.name ?? (userId ? (account?.fullName ?? account?.name ?? null) : null),
        email: contact?.email ?? (userId ? (account?.email ?? null) : null),
        phone: contact?.phone ?? (userId ? (account?.phone ?? null) : null),
      },
      isContactTrusted: Boolean(userId && account?.emailVerified),
      notes: input.notes,
      patientTimeZone: input.patientTimeZone,
      whatsappOptIn: input.whatsappOptIn,
      origin: { channel: "ONLINE" },
      actor: { userId, role: "PATIENT" },
      ipAddress,
    },
  });
}
