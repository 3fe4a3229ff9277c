import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/server/db/client";
import type { z } from "zod";
import { CONTACT_CODE_LIFETIME_MINUTES, CONTACT_CODE_MAX_ATTEMPTS, type verifyContactCodeInput } from "../schemas";
import type { ContactVerificationDto } from "../types";
import { assertUsableHold, toContactVerificationDto } from "./contact-verification-rules";
import { findBookingForCodeCheck, listVerificationsOfBooking, lockCurrentVerification, updateVerification } from "./contact-verifications-repository";
import { verificationCodeMatches } from "./verification-code";

export interface VerifyContactCodeOptions {
  db: Database;
  input: z.output<typeof verifyContactCodeInput>;
  now: Date;
}

const codeError = (code: "PRECONDITION_FAILED" | "VALIDATION", message: string, details: Record<string, unknown> = {}) =>
  new AppError(code, message, { ...details, fieldErrors: { code: [message] } });

/**
 * Checks the code of the hold's current verification. Each wrong try is counted (and committed)
 * before the answer; after CONTACT_CODE_MAX_ATTEMPTS wrong tries, or once the code has expired,
 * only a new code helps. Checking an already verified contact again changes nothing.
 */
export async function verifyContactCode({ db, input, now }: VerifyContactCodeOptions): Promise<ContactVerificationDto> {
  const outcome = await db.transaction(async (tx) => {
    const hold = assertUsableHold(await findBookingForCodeCheck(tx, input.holdId), input.holdToken);
    const current = await lockCurrentVerification(tx, hold.id);
    if (!current) throw codeError("PRECONDITION_FAILED", "Ask for a code first: we send it to your email or phone.");
    if (current.verifiedAt) return { kind: "verified" as const, hold };
    if (current.attempts >= CONTACT_CODE_MAX_ATTEMPTS) {
      throw codeError("PRECONDITION_FAILED", `This code was entered wrongly ${CONTACT_CODE_MAX_ATTEMPTS} times, so it no longer works. Ask for a new code.`, {
        attemptsLeft: 0,
      });
    }
    if (current.expiresAt <= now) {
      throw codeError("PRECONDITION_FAILED", `This code has expired (a code works for ${CONTACT_CODE_LIFETIME_MINUTES} minutes). Ask for a new code.`);
    }
    if (!verificationCodeMatches(current.id, current.sendCount, input.code)) {
      const counted = await updateVerification(tx, current.id, { attempts: current.attempts + 1 });
      return { kind: "wrong" as const, attemptsLeft: Math.max(0, CONTACT_CODE_MAX_ATTEMPTS - counted.attempts) };
    }
    await updateVerification(tx, current.id, { verifiedAt: now });
    return { kind: "verified" as const, hold };
  });
  if (outcome.kind === "wrong") {
    const { attemptsLeft } = outcome;
    throw codeError(
      "VALIDATION",
      attemptsLeft === 0
        ? "That code is not right, and it cannot be tried again. Ask for a new code."
        : `That code is not right. You can try ${attemptsLeft} more ${attemptsLeft === 1 ? "time" : "times"}.`,
      { attemptsLeft },
    );
  }
  const all = await listVerificationsOfBooking(db, outcome.hold.id);
  return toContactVerificationDto({ current: all[0]!, all, holdExpiresAt: outcome.hold.holdExpiresAt, now });
}
