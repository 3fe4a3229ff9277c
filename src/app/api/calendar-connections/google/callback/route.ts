import type { NextRequest } from "next/server";
import { completeCalendarConnection, getCalendarGoogleDeps } from "@/features/calendar-sync/server";
import { errorSummary } from "@/lib/errors/app-error";
import { getSession } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { getLogger } from "@/server/logger";
import { env } from "~/env";
import { backToCalendarPage, clearNonceCookie, readNonceCookie, redirectUri } from "../connect-flow";

/**
 * Google's consent page sends the browser back here. The use case verifies everything before it
 * stores anything; the provider lands on the calendar page with the outcome. The nonce cookie is
 * single-use: it is cleared whatever happened.
 */
export async function GET(request: NextRequest) {
  const query = request.nextUrl.searchParams;
  const log = getLogger();
  try {
    const session = await getSession();
    const deps = await getCalendarGoogleDeps();
    const result = await completeCalendarConnection({
      db: getDatabase().db,
      google: deps.google,
      cipher: deps.cipher,
      secret: env.NEXTAUTH_SECRET,
      redirectUri: redirectUri(),
      userId: session?.user.id ?? null,
      callback: { state: query.get("state"), code: query.get("code"), error: query.get("error") },
      cookieNonce: readNonceCookie(request),
      now: new Date(),
    });
    if (result.outcome === "connected") {
      log.info({ event: "calendar.connected", connectionId: result.connectionId, calendars: result.calendarIds.length, isNew: result.isNew }, "Google calendar connected");
    } else {
      log.warn({ event: "calendar.connect_refused", outcome: result.outcome, reason: result.reason }, "Google calendar not connected");
    }
    return clearNonceCookie(backToCalendarPage(result.outcome));
  } catch (error) {
    log.error({ event: "calendar.connect_failed", error: errorSummary(error), err: error }, "Google calendar connection failed");
    return clearNonceCookie(backToCalendarPage("failed"));
  }
}
