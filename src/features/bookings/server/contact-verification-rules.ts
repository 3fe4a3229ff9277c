import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { AppError } from "@/lib/errors/app-error";
import type { ContactChannel, ContactVerificationDto } from "../types";
import {
  CONTACT_CODE_LIFETIME_MINUTES,
  CONTACT_CODE_MAX_ATTEMPTS,
  CONTACT_CODE_RESEND_SECONDS,
  CONTACT_CODES_PER_HOLD,
} from "../schemas";
import type { BookingRow } from "./bookings-repository";
import type { ContactVerificationRow } from "./contact-verifications-repository";
import { HOLD_MINUTES } from "./hold-slot";
import { tokenMatches } from "./tokens";

/**
 * How long a hold lasts, from when it was placed, once a code has been asked for: 10 minutes more
 * than a plain hold, so that a code sent late in the first 10 minutes can still be typed in (a code
 * lives 10 minutes). It is lengthened once, on the first code, and never again: a visitor cannot
 * keep a time off the calendar by asking for code after code. A hold that runs out anyway can still
 * be confirmed if its time is free (confirmBooking revives it).
 */
export const VERIFYING_HOLD_MINUTES = HOLD_MINUTES + 10;

export const CODE_LIFETIME_MS = CONTACT_CODE_LIFETIME_MINUTES * 60_000;
export const RESEND_COOLDOWN_MS = CONTACT_CODE_RESEND_SECONDS * 1000;

/**
 * When a hold was placed. Its expiry is the only record: HOLD_MINUTES after placing, or
 * VERIFYING_HOLD_MINUTES once it has a verification. (A hold that had already run out when its
 * first code was asked for is not lengthened, but it is also never live again, and only live holds
 * are judged as of their placing.)
 */
export function holdPlacedAt(holdExpiresAt: Date, hasVerification: boolean): Date {
  return new Date(holdExpiresAt.getTime() - (hasVerification ? VERIFYING_HOLD_MINUTES : HOLD_MINUTES) * 60_000);
}

export const holdNoLongerValid = () => new AppError("NOT_FOUND", "This reservation is no longer valid. Please choose a time again.");

/** A guest gave no contact details: what to fill in. */
export function missingContactError(): AppError {
  return new AppError("VALIDATION", "Please enter your name, email and phone number.", {
    fieldErrors: {
      "contact.name": ["Please enter your full name."],
      "contact.email": ["Please enter your email address."],
      "contact.phone": ["Please enter your phone number."],
    },
  });
}

/**
 * The hold the caller proves with its token, as long as it can still become a booking: live, or
 * lapsed but not released (a lapsed hold is revived on confirm if its time is still free).
 */
export function assertUsableHold(hold: BookingRow | null, holdToken: string): BookingRow {
  if (!hold || !tokenMatches(holdToken, hold.holdTokenHash) || !["HELD", "EXPIRED"].includes(hold.status)) throw holdNoLongerValid();
  if (hold.status === "EXPIRED" && hold.cancelledAt) {
    // SYSTEM: released because the provider was suspended (cancelProviderFutureBookings).
    if (hold.cancelledBy === "SYSTEM") {
      throw new AppError("NOT_FOUND", "This reservation was released because the provider is no longer taking bookings on MedBookings. Please choose another provider.");
    }
    throw new AppError("NOT_FOUND", "This reservation was released when you chose to pick another time. Please choose a time again.");
  }
  return hold;
}

/** The address a code goes to, in the form contact_verifications and notifications keep. */
export function verificationAddress(channel: ContactChannel, contact: { email: string | null; phone: string | null }): string | null {
  if (channel === "EMAIL") return contact.email ? contact.email.trim().toLowerCase() : null;
  return contact.phone ? contact.phone.trim() : null;
}

/** "a***@example.com": enough for people to recognise their address, not enough to read it off a screen. */
export function maskAddress(channel: ContactChannel, address: string): string {
  if (channel === "EMAIL") {
    const at = address.lastIndexOf("@");
    return `${address.slice(0, Math.min(1, at))}***${address.slice(at)}`;
  }
  const parsed = parsePhoneNumberFromString(address);
  const national = parsed ? parsed.nationalNumber : address.replace(/^\+/, "");
  const prefix = parsed ? `+${parsed.countryCallingCode} ` : "";
  return `${prefix}${"*".repeat(Math.max(0, national.length - 4))}${national.slice(-4)}`;
}

/** Codes sent for this hold so far, over every address and channel tried. */
export function sendsOfHold(verifications: readonly ContactVerificationRow[]): number {
  return verifications.reduce((total, row) => total + row.sendCount, 0);
}

/** Seconds until the hold may be sent another code: one code per 30 s, whichever address. */
export function secondsUntilResend(verifications: readonly ContactVerificationRow[], now: Date): number {
  const last = verifications.reduce<number | null>((latest, row) => Math.max(latest ?? 0, row.lastSentAt.getTime()), null);
  if (last === null) return 0;
  return Math.max(0, Math.ceil((last + RESEND_COOLDOWN_MS - now.getTime()) / 1000));
}

/** Rows are written with EMAIL or SMS only; the column's enum is shared with notifications (WhatsApp). */
export function channelOf(row: ContactVerificationRow): ContactChannel {
  if (row.channel === "WHATSAPP") throw new Error(`Contact verification ${row.id} has channel WHATSAPP, which codes are never sent on`);
  return row.channel;
}

export function toContactVerificationDto(input: {
  current: ContactVerificationRow;
  all: readonly ContactVerificationRow[];
  holdExpiresAt: Date | null;
  now: Date;
}): ContactVerificationDto {
  const { current, all, now } = input;
  const sendsLeft = Math.max(0, CONTACT_CODES_PER_HOLD - sendsOfHold(all));
  return {
    channel: channelOf(current),
    maskedAddress: maskAddress(channelOf(current), current.address),
    isVerified: current.verifiedAt !== null,
    codeExpiresAt: current.expiresAt,
    attemptsLeft: Math.max(0, CONTACT_CODE_MAX_ATTEMPTS - current.attempts),
    sendsLeft,
    resendAfterSeconds: sendsLeft > 0 ? secondsUntilResend(all, now) : 0,
    holdExpiresAt: input.holdExpiresAt,
  };
}
