import type { NextRequest } from "next/server";
import { getCalendarGoogleDeps, startCalendarConnection } from "@/features/calendar-sync/server";
import { errorSummary, isAppError } from "@/lib/errors/app-error";
import { getSession } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { getLogger } from "@/server/logger";
import { findProviderForUser } from "@/server/trpc/access-repository";
import { env } from "~/env";
import { appUrl, backToCalendarPage, CALENDAR_PAGE_PATH, redirectTo, redirectUri, setNonceCookie } from "../connect-flow";

/**
 * "Connect Google Calendar" (and "Reconnect"): a link on the calendar page, so a GET. A form POST
 * cannot be used: the CSP's form-action 'self' would block its redirect to Google. A start
 * requested from another site is sent to the calendar page instead, so no other site can walk a
 * signed-in provider into Google's consent page.
 */
export async function GET(request: NextRequest) {
  if (request.headers.get("sec-fetch-site") === "cross-site") return redirectTo(appUrl(CALENDAR_PAGE_PATH));
  const session = await getSession();
  if (!session) return redirectTo(appUrl(`/sign-in?callbackUrl=${encodeURIComponent(CALENDAR_PAGE_PATH)}`));
  const db = getDatabase().db;
  try {
    const provider = await findProviderForUser(db, session.user.id);
    // The calendar page tells a signed-in person without a provider profile what to do.
    if (!provider) return redirectTo(appUrl(CALENDAR_PAGE_PATH));
    const { google } = await getCalendarGoogleDeps();
    const started = await startCalendarConnection({
      db,
      google,
      secret: env.NEXTAUTH_SECRET,
      redirectUri: redirectUri(),
      user: { id: session.user.id, email: session.user.email ?? null },
      owner: { kind: "provider", providerId: provider.id },
      now: new Date(),
    });
    return setNonceCookie(redirectTo(started.authorizationUrl), started.nonce, started.expiresAt);
  } catch (error) {
    getLogger().warn({ event: "calendar.connect_start_failed", error: errorSummary(error) }, "calendar connection could not start");
    if (isAppError(error) && error.code === "FORBIDDEN") return backToCalendarPage("not-approved");
    if (isAppError(error) && error.code === "INTEGRATION_UNAVAILABLE") return backToCalendarPage("google-unavailable");
    return backToCalendarPage("failed");
  }
}
