import { createHash, timingSafeEqual } from "node:crypto";

export type CalendarResourceState = "sync" | "exists" | "not_exists";

export interface CalendarNotification {
  channelId: string;
  resourceId: string;
  resourceState: CalendarResourceState;
  /** Increasing per channel but not sequential. */
  messageNumber: number;
  resourceUri: string | null;
  expiresAt: Date | null;
}

export type VerifiedNotification =
  | { ok: true; notification: CalendarNotification }
  | { ok: false; reason: "MALFORMED" | "TOKEN_MISMATCH" };

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** Equal-length digests, so the comparison takes the same time whatever the token length. */
function sameToken(received: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(received), digest(expected));
}

const STATES = new Set<CalendarResourceState>(["sync", "exists", "not_exists"]);

export type ReadNotification = { ok: true; notification: CalendarNotification; token: string | null } | { ok: false; reason: "MALFORMED" };

/** Reads a push notification's headers (Google sends no body); the token is checked by the caller. */
export function readCalendarNotification(headers: HeaderSource): ReadNotification {
  const channelId = header(headers, "x-goog-channel-id");
  const resourceId = header(headers, "x-goog-resource-id");
  const state = header(headers, "x-goog-resource-state");
  const rawNumber = header(headers, "x-goog-message-number");
  const messageNumber = Number(rawNumber);
  if (!channelId || !resourceId || !state || !STATES.has(state as CalendarResourceState) || !rawNumber || !Number.isSafeInteger(messageNumber) || messageNumber < 0) {
    return { ok: false, reason: "MALFORMED" };
  }
  const expiration = header(headers, "x-goog-channel-expiration");
  const expiresAt = expiration ? new Date(expiration) : null;
  return {
    ok: true,
    token: header(headers, "x-goog-channel-token"),
    notification: {
      channelId,
      resourceId,
      resourceState: state as CalendarResourceState,
      messageNumber,
      resourceUri: header(headers, "x-goog-resource-uri"),
      expiresAt: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : null,
    },
  };
}

/** How a channel token is stored: only its SHA-256 (base64url), so a database leak cannot forge notifications. */
export function hashChannelToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** Compares a received token with a stored hash in constant time (both sides are 32-byte digests). */
export function channelTokenMatches(received: string | null, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, "base64url");
  const actual = createHash("sha256")
    .update(received ?? "")
    .digest();
  return received !== null && expected.length === actual.length && timingSafeEqual(actual, expected);
}

/**
 * Checks a Google Calendar push notification. Google signs nothing: the channel token we chose at
 * watch time is the only proof, and the body is empty, so changes are read with events.list.
 */
export function verifyCalendarNotification(headers: HeaderSource, expectedToken: string): VerifiedNotification {
  const read = readCalendarNotification(headers);
  if (!read.ok) return read;
  if (read.token === null || !sameToken(read.token, expectedToken)) return { ok: false, reason: "TOKEN_MISMATCH" };
  return { ok: true, notification: read.notification };
}
