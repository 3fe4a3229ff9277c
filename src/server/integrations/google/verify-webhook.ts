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

/**
 * Checks a Google Calendar push notification. Google signs nothing: the channel token we chose at
 * watch time is the only proof, and the body is empty, so changes are read with events.list.
 */
export function verifyCalendarNotification(headers: HeaderSource, expectedToken: string): VerifiedNotification {
  const channelId = header(headers, "x-goog-channel-id");
  const resourceId = header(headers, "x-goog-resource-id");
  const state = header(headers, "x-goog-resource-state");
  const messageNumber = Number(header(headers, "x-goog-message-number"));
  if (!channelId || !resourceId || !state || !STATES.has(state as CalendarResourceState) || !Number.isSafeInteger(messageNumber)) {
    return { ok: false, reason: "MALFORMED" };
  }
  const token = header(headers, "x-goog-channel-token");
  if (token === null || !sameToken(token, expectedToken)) return { ok: false, reason: "TOKEN_MISMATCH" };
  const expiration = header(headers, "x-goog-channel-expiration");
  const expiresAt = expiration ? new Date(expiration) : null;
  return {
    ok: true,
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
