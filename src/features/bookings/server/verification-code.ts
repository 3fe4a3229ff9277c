import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/env";

const CODE_SPACE = 1_000_000n;

/**
 * The one-time code of a contact verification's `sendCount`-th send: 6 digits of
 * HMAC-SHA256(app secret, "contact-code:<id>:<sendCount>"). Nothing stores it: the sender and the
 * checker both recompute it, so a copy of the database does not reveal live codes, and a new send
 * (a higher count) is a new code.
 *
 * The first 8 bytes of the MAC, read as an unsigned 64-bit number, modulo 10^6. Reducing 2^64
 * values onto 10^6 codes favours the lowest 2^64 mod 10^6 codes by one extra preimage in about
 * 1.8 * 10^13, a bias no attacker can measure; 4 bytes would give some codes 4,295 preimages and
 * others 4,294 (0.02%), which is small but needless.
 */
export function verificationCode(verificationId: string, sendCount: number): string {
  const mac = createHmac("sha256", env.NEXTAUTH_SECRET).update(`contact-code:${verificationId}:${sendCount}`).digest();
  return (mac.readBigUInt64BE(0) % CODE_SPACE).toString().padStart(6, "0");
}

/** Whether `code` is the code of that send, compared in constant time. */
export function verificationCodeMatches(verificationId: string, sendCount: number, code: string): boolean {
  const expected = Buffer.from(verificationCode(verificationId, sendCount));
  const given = Buffer.from(code);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
