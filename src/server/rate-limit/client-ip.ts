import { isIP } from "node:net";

/** One reverse proxy in front of the app, or none but Next's own server: see the README. */
export const DEFAULT_TRUSTED_PROXY_HOPS = 1;

/**
 * The client's address from `x-forwarded-for`, trusting only the last `trustedProxyHops`
 * entries, which our own proxies appended; anything before them came from the client and may
 * be forged. With N trusted proxies the client is the entry at position length − N: the
 * address the outermost trusted proxy saw.
 *
 * - Fewer entries than hops: the request did not pass through every proxy (direct access or a
 *   misconfigured count), so the client is unknown (null).
 * - hops = 0: no proxy is trusted and the header is ignored; the client is unknown (null) and
 *   per-client limits put every such request in one shared bucket.
 * - An entry that is not an IP address (garbage, "unknown", an obfuscated node name) gives
 *   null rather than a key a client can vary at will.
 *
 * Next's own server writes the socket address into `x-forwarded-for` only when the request
 * has none, so an app reached directly (no proxy) with hops = 1 sees the real address from
 * honest clients but a forged one from a client that sends the header itself.
 */
export function clientIpFromForwardedFor(header: string | null | undefined, trustedProxyHops: number): string | null {
  if (!Number.isInteger(trustedProxyHops) || trustedProxyHops < 1 || !header) return null;
  const entries = header.split(",").map((entry) => entry.trim());
  if (entries.length < trustedProxyHops) return null;
  return normalizeIp(entries[entries.length - trustedProxyHops]!);
}

/** A bare, canonical-looking IP from one forwarded entry, or null when it is not an address. */
export function normalizeIp(entry: string): string | null {
  let value = entry.trim();
  if (value.length === 0 || value.length > 64) return null;
  // "[2001:db8::1]:443" and "203.0.113.7:51234" carry a port some proxies append.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  // Drop an IPv6 zone index ("fe80::1%eth0"): local detail, and a free-text field.
  const zone = value.indexOf("%");
  if (zone !== -1) value = value.slice(0, zone);
  const version = isIP(value);
  if (version === 0) return null;
  value = value.toLowerCase();
  // An IPv4 client seen through a dual-stack socket ("::ffff:203.0.113.7") is that IPv4 client.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  return mapped ? mapped[1]! : value;
}
