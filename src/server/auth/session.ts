import "server-only";
import { getServerSession } from "next-auth";
import { getAuthOptions } from "./options";
import { hasSessionCookie } from "./session-cookie";

/** The signed-in user's session in a Server Component, route handler or tRPC context. */
export function getSession() {
  return getServerSession(getAuthOptions());
}

/**
 * The session of a request by its headers. Without the session cookie there is no session to
 * find, so next-auth's handler (a request object, its cookie parsing and callbacks) is skipped:
 * work every anonymous public read would otherwise do for nothing.
 */
export async function getRequestSession(headers: Headers) {
  return hasSessionCookie(headers.get("cookie")) ? getSession() : null;
}
