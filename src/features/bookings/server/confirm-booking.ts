import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { z } from "zod";
import type { confirmBookingInput } from "../schemas";
import type { ConfirmedBookingDto } from "../types";
import { recordBookingTransition } from "./booking-events";
import { checkSlotOffered, type SlotRefusal } from "./assert-slot-offered";
import { expireStaleHolds, findBookingProvider, findPatientBooking, findUserContact, lockBookingById, updateBooking } from "./bookings-repository";
import { HOLD_MINUTES } from "./hold-slot";
import { inProviderTransaction } from "./provider-transaction";
import { isExclusionViolation, slotTakenError } from "./slot-taken";
import { hashToken, manageLinkToken, newManageLinkSalt, tokenMatches } from "./tokens";

export interface ConfirmBookingOptions {
  db: Database;
  input: z.output<typeof confirmBookingInput>;
  /** The signed-in patient, or null for a guest. */
  userId: string | null;
  now: Date;
}

const noLongerValid = () => new AppError("NOT_FOUND", "This reservation is no longer valid. Please choose a time again.");

const CONFIRM_LEADS: Record<SlotRefusal, { live: string; lapsed: string }> = {
  past: { live: "The time you reserved has already passed.", lapsed: "The time you reserved has already passed." },
  notice: { live: "That time is now too close to book.", lapsed: "Your reservation ran out and that time is now too close to book." },
  horizon: { live: "That time is no longer open for booking.", lapsed: "Your reservation ran out and that time is no longer open for booking." },
  unavailable: { live: "The provider no longer offers that time.", lapsed: "Your reservation ran out and that time is no longer available." },
};

/**
 * Turns a hold into a booking: PENDING when the service needs the provider's approval, else
 * CONFIRMED. Inside the provider's lock the time is checked again as the slot engine sees it
 * now — hours and overrides, the daily limit, the service and the provider still bookable —
 * so a hold that lapsed is revived only if its time would be offered this minute. A live hold
 * keeps the notice and horizon judgement made when it was placed. Returns the manage-link
 * secret once.
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
  const target = await findBookingProvider(db, input.holdId);
  if (!target) throw noLongerValid();
  const manageSalt = newManageLinkSalt();
  const manageToken = manageLinkToken(input.holdId, manageSalt);
  let holdForAlternatives: { providerId: string; serviceId: string; startsAt: Date } | null = null;
  try {
    const outcome = await inProviderTransaction(db, target.providerId, async (tx) => {
      await expireStaleHolds(tx, target.providerId, now);
      const hold = await lockBookingById(tx, input.holdId);
      if (!hold || !tokenMatches(input.holdToken, hold.holdTokenHash) || !["HELD", "EXPIRED"].includes(hold.status)) {
        throw noLongerValid();
      }
      if (hold.status === "EXPIRED" && hold.cancelledAt) {
        throw new AppError("NOT_FOUND", "This reservation was released when you chose to pick another time. Please choose a time again.");
      }
      holdForAlternatives = hold;
      const lapsed = hold.status === "EXPIRED" || !hold.holdExpiresAt || hold.holdExpiresAt <= now;
      const heldAt = hold.holdExpiresAt ? new Date(hold.holdExpiresAt.getTime() - HOLD_MINUTES * 60_000) : now;
      const check = await checkSlotOffered(
        tx,
        { providerId: hold.providerId, serviceId: hold.serviceId, startsAt: hold.startsAt, mode: hold.mode, locationId: hold.locationId },
        now,
        { excludeBookingId: hold.id, judgedAt: lapsed ? now : heldAt },
      );
      if (!check.offered) return { kind: "refused" as const, refused: check.reason, lapsed, hold };
      const status = check.config.service.requiresApproval ? "PENDING" : "CONFIRMED";
      const contact = input.contact;
      const updated = await updateBooking(tx, hold.id, {
        status,
        holdExpiresAt: null,
        holdTokenHash: null,
        holdClientKey: null,
        manageTokenHash: hashToken(manageToken),
        manageTokenNonce: manageSalt,
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
      return { kind: "confirmed" as const, bookingId: updated.id };
    });
    if (outcome.kind === "refused") {
      const { hold } = outcome;
      throw await slotTakenError(db, {
        providerId: hold.providerId,
        serviceId: hold.serviceId,
        around: hold.startsAt,
        now,
        lead: CONFIRM_LEADS[outcome.refused][outcome.lapsed ? "lapsed" : "live"],
      });
    }
    const booking = await findPatientBooking(db, outcome.bookingId, now);
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
