import { NextResponse } from "next/server";
import { CONNECT_OUTCOME_QUERY, type ConnectOutcome } from "@/features/calendar-sync";
import { env } from "~/env";

/** Where the provider chooses and reviews calendars; every round trip ends there. */
export const CALENDAR_PAGE_PATH = "/provider/calendar-sync";
const FLOW_PATH = "/api/calendar-connections/google";
/** Registered as a redirect URI of the OAuth client (Google Cloud console; the local cloud registers it itself). */
export const CALLBACK_PATH = `${FLOW_PATH}/callback`;

/**
 * Holds the state's nonce in this browser: httpOnly (scripts cannot read it), SameSite=Lax (sent
 * when Google's page navigates back, never on cross-site subrequests), only for this flow's paths.
 */
const NONCE_COOKIE = "mb_calendar_connect";

const NO_STORE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

/** The app's public origin: behind a proxy the request's own URL is an internal one. */
export const appUrl = (path: string) => new URL(path, env.NEXTAUTH_URL).toString();
export const redirectUri = () => appUrl(CALLBACK_PATH);
const isHttps = () => new URL(env.NEXTAUTH_URL).protocol === "https:";

export function redirectTo(url: string): NextResponse {
  // 303: the browser follows with a GET, whatever method brought it here.
  return NextResponse.redirect(url, { status: 303, headers: NO_STORE });
}

export function backToCalendarPage(outcome: ConnectOutcome): NextResponse {
  const url = new URL(appUrl(CALENDAR_PAGE_PATH));
  url.searchParams.set(CONNECT_OUTCOME_QUERY, outcome);
  return redirectTo(url.toString());
}

export function setNonceCookie(response: NextResponse, nonce: string, expiresAt: Date): NextResponse {
  response.cookies.set(NONCE_COOKIE, nonce, { httpOnly: true, sameSite: "lax", secure: isHttps(), path: FLOW_PATH, expires: expiresAt });
  return response;
}

export function clearNonceCookie(response: NextResponse): NextResponse {
  response.cookies.set(NONCE_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: isHttps(), path: FLOW_PATH, maxAge: 0 });
  return response;
}

export function readNonceCookie(request: { cookies: { get(name: string): { value: string } | undefined } }): string | null {
  return request.cookies.get(NONCE_COOKIE)?.value || null;
}
