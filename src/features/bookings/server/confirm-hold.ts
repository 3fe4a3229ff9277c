import { AppError } from "@/lib/errors/app-error";
import { recordConsent } from "@/server/consent/consent-repository";
import type { Database } from "@/server/db/client";
import type { ConfirmedBookingDto } from "../types";
import { recordBookingTransition } from "./booking-events";
import { recordWhatsAppOptIn } from "./contact-consent-repository";
import { checkSlotOffered, type SlotRefusal } from "./assert-slot-offered";
import { expireStaleHolds, findBookingProvider, findPatientBooking, lockBookingById, updateBooking } from "./bookings-repository";
import { assertUsableHold, holdNoLongerValid, holdPlacedAt, verificationAddress } from "./contact-verification-rules";
import { listVerificationsOfBooking, type ContactVerificationRow } from "./contact-verifications-repository";
import { inProviderTransaction } from "./provider-transaction";
import { isExclusionViolation, slotTakenError } from "./slot-taken";
import { hashToken, manageLinkToken, newManageLinkSalt } from "./tokens";

/** How a booking came to be: online by the patient, or on the phone by an organization's staff member. */
export type BookingOrigin =
  | { channel: "ONLINE" }
  | {
      channel: "PHONE";
      bookedByUserId: string;
      /** The staff member vouched for the contact details instead of a code the patient read back. */
      contactTakenByStaff: boolean;
    };

/** Everything a hold needs to become a booking, whoever asks for it. */
export interface HoldConfirmation {
  holdId: string;
  holdToken: string;
  /** The signed-in patient the booking belongs to, or null for a guest (and for every phone booking). */
  patientUserId: string | null;
  contact: { name: string | null; email: string | null; phone: string | null };
  /**
   * The contact needs no code: a signed-in patient's verified account email, or a staff member
   * who took the details from the patient and says so (recorded on the booking).
   */
  isContactTrusted: boolean;
  notes: string;
  patientTimeZone: string;
  whatsappOptIn: boolean;
  origin: BookingOrigin;
  actor: { userId: string | null; role: "PATIENT" | "STAFF" };
  /** The patient's client address for the consent records; online only (on the phone it would be the practice's). */
  ipAddress?: string | null;
}

export interface ConfirmHoldOptions {
  db: Database;
  confirmation: HoldConfirmation;
  now: Date;
}

const CONFIRM_LEADS: Record<SlotRefusal, { live: string; lapsed: string }> = {
  past: { live: "The time you reserved has already passed.", lapsed: "The time you reserved has already passed." },
  notice: { live: "That time is now too close to book.", lapsed: "Your reservation ran out and that time is now too close to book." },
  horizon: { live: "That time is no longer open for booking.", lapsed: "Your reservation ran out and that time is no longer open for booking." },
  unavailable: { live: "The provider no longer offers that time.", lapsed: "Your reservation ran out and that time is no longer available." },
};

/**
 * Whether the booking's contact is proven: a verified code for this hold sent to the email
 * (EMAIL) or phone (SMS) the booking will carry. Any verified address of the hold counts, not
 * only the latest, so going back to an address already proven needs no new code.
 */
function assertContactVerified(verifications: readonly ContactVerificationRow[], contact: { email: string | null; phone: string | null }): void {
  const verified = verifications.filter((row) => row.verifiedAt !== null);
  const proven = verified.some((row) => row.channel !== "WHATSAPP" && row.address === verificationAddress(row.channel, contact));
  if (proven) return;
  const message =
    verified.length > 0
      ? "The email address or phone number you confirmed is not the one in your details now. Ask for a code for the new one and enter it."
      : "Please confirm your email address or phone number before booking: ask for a code and enter it.";
  throw new AppError("PRECONDITION_FAILED", message, { fieldErrors: { code: [message] }, verificationRequired: true });
}

/**
 * Turns a hold into a booking, for the online confirm and the phone booking alike: PENDING when
 * the service needs the provider's approval, else CONFIRMED. Inside the provider's lock the time
 * is checked again as the slot engine sees it now — hours and overrides, the daily limit, the
 * service and the provider still bookable — so a hold that lapsed is revived only if its time
 * would be offered this minute. A live hold keeps the notice and horizon judgement made when it
 * was placed. Unless the contact is trusted, a verified code for it must exist on the hold.
 * The transition's audit row and outbox event are written in the same transaction. Returns the
 * manage-link secret once.
 */
export async function confirmHold({ db, confirmation, now }: ConfirmHoldOptions): Promise<ConfirmedBookingDto> {
  const { contact, origin } = confirmation;
  const target = await findBookingProvider(db, confirmation.holdId);
  if (!target) throw holdNoLongerValid();
  const manageSalt = newManageLinkSalt();
  const manageToken = manageLinkToken(confirmation.holdId, manageSalt);
  let holdForAlternatives: { providerId: string; serviceId: string; startsAt: Date } | null = null;
  try {
    const outcome = await inProviderTransaction(db, target.providerId, async (tx) => {
      await expireStaleHolds(tx, target.providerId, now);
      const hold = assertUsableHold(await lockBookingById(tx, confirmation.holdId), confirmation.holdToken);
      const verifications = await listVerificationsOfBooking(tx, hold.id);
      if (!confirmation.isContactTrusted) assertContactVerified(verifications, contact);
      holdForAlternatives = hold;
      const lapsed = hold.status === "EXPIRED" || !hold.holdExpiresAt || hold.holdExpiresAt <= now;
      const heldAt = hold.holdExpiresAt ? holdPlacedAt(hold.holdExpiresAt, verifications.length > 0) : now;
      const check = await checkSlotOffered(
        tx,
        { providerId: hold.providerId, serviceId: hold.serviceId, startsAt: hold.startsAt, mode: hold.mode, locationId: hold.locationId },
        now,
        { excludeBookingId: hold.id, judgedAt: lapsed ? now : heldAt },
      );
      if (!check.offered) return { kind: "refused" as const, refused: check.reason, lapsed, hold };
      const status = check.config.service.requiresApproval ? "PENDING" : "CONFIRMED";
      const updated = await updateBooking(tx, hold.id, {
        status,
        holdExpiresAt: null,
        holdTokenHash: null,
        holdClientKey: null,
        manageTokenHash: hashToken(manageToken),
        manageTokenNonce: manageSalt,
        patientUserId: confirmation.patientUserId,
        guestName: contact.name,
        guestEmail: contact.email,
        guestPhone: contact.phone,
        notes: confirmation.notes,
        patientTimeZone: confirmation.patientTimeZone,
        confirmedAt: status === "CONFIRMED" ? now : null,
        channel: origin.channel,
        bookedByUserId: origin.channel === "PHONE" ? origin.bookedByUserId : null,
        contactTakenByStaff: origin.channel === "PHONE" && origin.contactTakenByStaff,
      });
      if (confirmation.whatsappOptIn && updated.guestPhone) await recordWhatsAppOptIn(tx, updated.guestPhone, now);
      // What the patient agreed to on the form (both forms require the consent box), tied to the
      // booking and, when signed in, to the account; and their WhatsApp choice, which the forms
      // offer beside the phone number, so it is recorded only when the booking has one.
      const consent = {
        userId: confirmation.patientUserId,
        bookingId: updated.id,
        source: origin.channel === "PHONE" ? "phone-booking" : "booking",
        ipAddress: origin.channel === "ONLINE" ? (confirmation.ipAddress ?? null) : null,
      };
      await recordConsent(tx, { ...consent, subject: "TERMS", granted: true });
      await recordConsent(tx, { ...consent, subject: "PRIVACY_NOTICE", granted: true });
      if (updated.guestPhone) await recordConsent(tx, { ...consent, subject: "WHATSAPP", granted: confirmation.whatsappOptIn });
      await recordBookingTransition(tx, {
        booking: updated,
        type: status === "PENDING" ? "booking.requested" : "booking.confirmed",
        actor: confirmation.actor,
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
