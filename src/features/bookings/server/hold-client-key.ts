import { createHmac } from "node:crypto";
import { env } from "~/env";

/** Unexpired holds one client may have at once, across all providers. */
export const MAX_HOLDS_PER_CLIENT = 3;
/** Unexpired holds one client may have at once with one provider. */
export const MAX_HOLDS_PER_CLIENT_AT_PROVIDER = 2;

/**
 * The keyed hash that stands for a client (its IP address) on hold rows, so holds can be
 * counted per visitor without storing the address. Requests whose address is unknown share
 * one key: not knowing who is asking must not lift the cap.
 */
export function holdClientKey(ipAddress: string | null): string {
  const client = ipAddress?.trim().toLowerCase() || "unknown";
  return createHmac("sha256", env.NEXTAUTH_SECRET).update(`hold-client:${client}`).digest("hex");
}
