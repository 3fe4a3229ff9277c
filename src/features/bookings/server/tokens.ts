import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "~/env";

/** 256 random bits, URL-safe: unguessable links and hold tokens. Only the hash is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function tokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashToken(token), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The manage link of a booking: an HMAC of (booking id, salt) under the app secret. The salt is
 * stored beside the link's hash, so the worker can put the same link in every message while the
 * database alone cannot produce it. Same shape as newSecretToken (43 URL-safe characters).
 */
export function manageLinkToken(bookingId: string, salt: string): string {
  return createHmac("sha256", env.NEXTAUTH_SECRET).update(`manage-link:${bookingId}:${salt}`).digest("base64url");
}

export function newManageLinkSalt(): string {
  return randomBytes(16).toString("base64url");
}
