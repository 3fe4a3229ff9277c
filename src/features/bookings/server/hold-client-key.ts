import { createHmac } from "node:crypto";
import { env } from "~/env";

/**
 * Unexpired holds one client may have at once: across all providers, and with one provider.
 * Scaled like every rate limit by RATE_LIMIT_MULTIPLIER (the e2e server, whose browsers all
 * share one address, raises it).
 */
export function holdCaps(): { perClient: number; perClientAtProvider: number } {
  const multiplier = Number(env.RATE_LIMIT_MULTIPLIER ?? 1);
  const scaled = (base: number) => Math.max(1, Math.floor(base * multiplier));
  return { perClient: scaled(3), perClientAtProvider: scaled(2) };
}

/**
 * The keyed hash that stands for a client (its IP address) on hold rows, so holds can be
 * counted per visitor without storing the address. Requests whose address is unknown share
 * one key: not knowing who is asking must not lift the cap.
 */
export function holdClientKey(ipAddress: string | null): string {
  const client = ipAddress?.trim().toLowerCase() || "unknown";
  return createHmac("sha256", env.NEXTAUTH_SECRET).update(`hold-client:${client}`).digest("hex");
}
