import { createHash } from "node:crypto";
import { isIP } from "node:net";

/** The key of requests whose address is unknown: they share one bucket rather than none. */
export const UNKNOWN_CLIENT_KEY = "unknown";

/**
 * The per-client key of an address: an IPv4 address as is, an IPv6 address by its /64 prefix
 * (one subscriber usually holds a whole /64 and could otherwise rotate through it).
 */
export function clientKeyFromIp(ipAddress: string | null): string {
  if (!ipAddress) return UNKNOWN_CLIENT_KEY;
  if (isIP(ipAddress) !== 6) return ipAddress;
  return `${expandIpv6(ipAddress).slice(0, 4).join(":")}::/64`;
}

function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  // An embedded IPv4 tail ("::ffff:1.2.3.4", "64:ff9b::1.2.3.4") becomes two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
  return [...headGroups, ...zeros, ...tailGroups].map((group) => group.replace(/^0+(?=.)/, ""));
}

/** Contact keys: one email however it is cased, one phone number as given (trimmed). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function phoneKey(phone: string): string {
  return phone.trim();
}

/**
 * What is stored in the shared table: a hash, so the table holds no contact details or
 * addresses and every key fits its 255-character column.
 */
export function storedKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}
