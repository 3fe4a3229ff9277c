import { createHmac } from "node:crypto";
import { clientKeyFromIp, rateLimitMultiplier } from "@/server/rate-limit";
import { env } from "~/env";

/** Unexpired holds one client may have at once: across all providers, and with one provider. */
export function holdCaps(): { perClient: number; perClientAtProvider: number } {
  const scaled = (base: number) => Math.max(1, Math.floor(base * rateLimitMultiplier()));
  return { perClient: scaled(3), perClientAtProvider: scaled(2) };
}

/**
 * The keyed hash that stands for a client on hold rows, so holds can be counted per visitor
 * without storing the address. The client is the rate limits' client key: an IPv6 visitor by
 * its /64, and unknown addresses share one key (not knowing who asks must not lift the cap).
 */
export function holdClientKey(ipAddress: string | null): string {
  return createHmac("sha256", env.NEXTAUTH_SECRET).update(`hold-client:${clientKeyFromIp(ipAddress)}`).digest("hex");
}

/**
 * The hold key of a staff member booking for patients on the phone: a practice's staff share one
 * office address, so their holds are counted per person rather than per address.
 */
export function holdStaffKey(userId: string): string {
  return createHmac("sha256", env.NEXTAUTH_SECRET).update(`hold-staff:${userId}`).digest("hex");
}
