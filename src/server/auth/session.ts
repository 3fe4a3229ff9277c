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
 * find, and next-auth's handler (a request object, its cookie parsing and callbacks) is skipped:
 * that was a measurable part of every anonymous public request's CPU in `npm run bench:api`.
 */
export async function getRequestSession(headers: Headers) {
  return hasSessionCookie(headers.get("cookie")) ? getSession() : null;
}
