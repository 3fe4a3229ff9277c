import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import { enqueueDomainEvent } from "@/server/outbox/outbox-repository";
import type { z } from "zod";
import { CONTACT_CODE_RESEND_SECONDS, CONTACT_CODES_PER_HOLD, type requestContactCodeInput } from "../schemas";
import type { ContactVerificationDto } from "../types";
import { findBookingProvider, findUserContact, lockBookingById, updateBooking } from "./bookings-repository";
import {
  assertUsableHold,
  CODE_LIFETIME_MS,
  holdNoLongerValid,
  holdPlacedAt,
  missingContactError,
  secondsUntilResend,
  sendsOfHold,
  toContactVerificationDto,
  VERIFYING_HOLD_MINUTES,
  verificationAddress,
} from "./contact-verification-rules";
import { insertVerification, listVerificationsOfBooking, updateVerification } from "./contact-verifications-repository";
import { inProviderTransaction } from "./provider-transaction";

export interface RequestContactVerificationOptions {
  db: Database;
  /** The online form's input; a phone booking's contact may have no phone (its code then goes by email). */
  input: Omit<z.output<typeof requestContactCodeInput>, "contact"> & { contact?: { email: string; phone: string | null } };
  /** The signed-in patient, or null for a guest (and for a phone booking). */
  userId: string | null;
  now: Date;
}

function seconds(n: number): string {
  return `${n} ${n === 1 ? "second" : "seconds"}`;
}

/**
 * Sends a one-time code to the email or phone of a hold's contact details: the same address
 * again is a resend (a new code, the tries reset), another address or channel a new
 * verification. The first code lengthens a live hold to VERIFYING_HOLD_MINUTES from its placing.
 * The message itself is the worker's: the outbox event, written in this transaction, names the
 * verification and its send number, from which the code is derived; it carries no address.
 */
export async function requestContactVerification({ db, input, userId, now }: RequestContactVerificationOptions): Promise<ContactVerificationDto> {
  const account = userId ? await findUserContact(db, userId) : null;
  if (userId && account?.emailVerified) {
    throw new AppError("PRECONDITION_FAILED", "No code is needed: your account's email address is already verified. You can confirm your booking.");
  }
  if (!userId && !input.contact) throw missingContactError();
  const contact = { email: input.contact?.email ?? account?.email ?? null, phone: input.contact?.phone ?? account?.phone ?? null };
  const address = verificationAddress(input.channel, contact);
  if (!address) {
    throw input.channel === "EMAIL"
      ? new AppError("VALIDATION", "Please enter your email address to get the code by email.", {
          fieldErrors: { "contact.email": ["Please enter your email address to get the code by email."] },
        })
      : new AppError("VALIDATION", "Please add a mobile phone number to get the code by text message.", {
          fieldErrors: { "contact.phone": ["Please add a mobile phone number to get the code by text message."] },
        });
  }

  const target = await findBookingProvider(db, input.holdId);
  if (!target) throw holdNoLongerValid();
  return inProviderTransaction(db, target.providerId, async (tx) => {
    const hold = assertUsableHold(await lockBookingById(tx, input.holdId), input.holdToken);
    const all = await listVerificationsOfBooking(tx, hold.id);
    const current = all[0];
    const isSameAddress = current !== undefined && current.channel === input.channel && current.address === address;
    if (isSameAddress && current.verifiedAt) {
      return toContactVerificationDto({ current, all, holdExpiresAt: hold.holdExpiresAt, now });
    }
    if (sendsOfHold(all) >= CONTACT_CODES_PER_HOLD) {
      const message = `We have sent the ${CONTACT_CODES_PER_HOLD} codes a reservation may have. To try again, choose your time again.`;
      throw new AppError("PRECONDITION_FAILED", message, { fieldErrors: { code: [message] } });
    }
    const wait = secondsUntilResend(all, now);
    if (wait > 0) {
      throw new AppError(
        "RATE_LIMITED",
        `We sent a code moments ago. You can ask for another one in ${seconds(wait)} (one code every ${CONTACT_CODE_RESEND_SECONDS} seconds).`,
        { retryable: true, retryAfterSeconds: wait },
      );
    }

    let holdExpiresAt = hold.holdExpiresAt;
    if (hold.status === "HELD" && holdExpiresAt && holdExpiresAt > now && all.length === 0) {
      holdExpiresAt = new Date(holdPlacedAt(holdExpiresAt, false).getTime() + VERIFYING_HOLD_MINUTES * 60_000);
      await updateBooking(tx, hold.id, { holdExpiresAt });
    }

    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS);
    const row = isSameAddress
      ? await updateVerification(tx, current.id, { sendCount: current.sendCount + 1, attempts: 0, expiresAt, lastSentAt: now })
      : await insertVerification(tx, { bookingId: hold.id, channel: input.channel, address, expiresAt, attempts: 0, sendCount: 1, lastSentAt: now });
    await enqueueDomainEvent(tx, {
      type: "contact.verification_requested",
      aggregateType: "contact_verification",
      aggregateId: row.id,
      payload: { verificationId: row.id, bookingId: hold.id, channel: input.channel, sendCount: row.sendCount },
    });
    const rows = isSameAddress ? all.map((r) => (r.id === row.id ? row : r)) : [row, ...all];
    return toContactVerificationDto({ current: row, all: rows, holdExpiresAt, now });
  });
}
