import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { z } from "zod";
import type { confirmBookingInput } from "../schemas";
import type { ConfirmedBookingDto } from "../types";
import { recordBookingTransition } from "./booking-events";
import {
  expireStaleHolds,
  findPatientBooking,
  findServiceForBooking,
  findUserContact,
  lockBookingById,
  lockProviderTime,
  updateBooking,
} from "./bookings-repository";
import { isExclusionViolation, slotTakenError } from "./slot-taken";
import { hashToken, newSecretToken, tokenMatches } from "./tokens";

export interface ConfirmBookingOptions {
  db: Database;
  input: z.output<typeof confirmBookingInput>;
  /** The signed-in patient, or null for a guest. */
  userId: string | null;
  now: Date;
}

/**
 * Turns a hold into a booking: PENDING when the service needs the provider's approval, else
 * CONFIRMED. An expired hold is revived if its time is still free (the exclusion constraint
 * decides). Returns the manage-link secret once.
 */
export async function confirmBooking({ db, input, userId, now }: ConfirmBookingOptions): Promise<ConfirmedBookingDto> {
  const account = userId ? await findUserContact(db, userId) : null;
  if (!userId && !input.contact) {
    throw new AppError("VALIDATION", "Please enter your name, email and phone number.", {
      fieldErrors: {
        "contact.name": ["Please enter your full name."],
        "contact.email": ["Please enter your email address."],
        "contact.phone": ["Please enter your phone number."],
      },
    });
  }
  const manageToken = newSecretToken();
  let holdForAlternatives: { providerId: string; serviceId: string; startsAt: Date } | null = null;
  try {
    const bookingId = await db.transaction(async (tx) => {
      const hold = await lockBookingById(tx, input.holdId);
      if (!hold || !tokenMatches(input.holdToken, hold.holdTokenHash) || !["HELD", "EXPIRED"].includes(hold.status)) {
        throw new AppError("NOT_FOUND", "This reservation is no longer valid. Please choose a time again.");
      }
      holdForAlternatives = hold;
      if (hold.status === "EXPIRED" || (hold.holdExpiresAt && hold.holdExpiresAt <= now)) {
        // Reviving a lapsed hold re-enters the exclusion constraint: free holds first, in order.
        await lockProviderTime(tx, hold.providerId);
        await expireStaleHolds(tx, hold.providerId, now);
      }
      const service = await findServiceForBooking(tx, hold.serviceId);
      const status = service?.requiresApproval ? "PENDING" : "CONFIRMED";
      const contact = input.contact;
      const updated = await updateBooking(tx, hold.id, {
        status,
        holdExpiresAt: null,
        holdTokenHash: null,
        manageTokenHash: hashToken(manageToken),
        patientUserId: userId,
        guestName: contact?.name ?? (userId ? (account?.fullName ?? account?.name ?? null) : null),
        guestEmail: contact?.email ?? (userId ? (account?.email ?? null) : null),
        guestPhone: contact?.phone ?? (userId ? (account?.phone ?? null) : null),
        notes: input.notes,
        patientTimeZone: input.patientTimeZone,
        confirmedAt: status === "CONFIRMED" ? now : null,
      });
      await recordBookingTransition(tx, {
        booking: updated,
        type: status === "PENDING" ? "booking.requested" : "booking.confirmed",
        actor: { userId, role: "PATIENT" },
        from: hold.status,
      });
      return updated.id;
    });
    const booking = await findPatientBooking(db, bookingId, now);
    return { ...booking!, manageToken };
  } catch (error) {
    if (isExclusionViolation(error) && holdForAlternatives) {
      const hold: { providerId: string; serviceId: string; startsAt: Date } = holdForAlternatives;
      throw await slotTakenError(db, {
        providerId: hold.providerId,
        serviceId: hold.serviceId,
        around: hold.startsAt,
        now,
        lead: "Your reservation ran out and someone else took that time.",
      });
    }
    throw error;
  }
}
