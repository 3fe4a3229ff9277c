import { AppError, errorSummary } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { TokenCipher } from "@/server/auth/token-crypto";
import type { Database } from "@/server/db/client";
import type { AuthorizationGrant, GoogleCalendarIntegration } from "@/server/integrations/google/client";
import type { CalendarSummary } from "@/server/integrations/google/types";
import { addJobs } from "@/server/jobs/job-repository";
import type { ConnectOutcome } from "../connect-outcomes";
import { calendarSyncJob, calendarWatchJob } from "./calendar-jobs";
import { findProviderOwnedBy, providerHasReceivingCalendar, upsertCalendars, upsertConnection, type CalendarListing } from "./calendar-connection-repository";
import { grantCoversCalendar } from "./connect-scopes";
import { idTokenNonce, pkceVerifier, verifyConnectState, type CalendarOwner } from "./connect-state";
import { storeConnectionTokens } from "./connection-tokens";
import { requeueBookingExports } from "./requeue-booking-exports";

export interface CompleteCalendarConnectionOptions {
  db: Database;
  google: Pick<GoogleCalendarIntegration, "exchangeCode" | "listCalendars">;
  cipher: TokenCipher;
  secret: string;
  redirectUri: string;
  /** The signed-in user now; null when the session is gone. */
  userId: string | null;
  /** What Google put in the callback's query string. */
  callback: { state: string | null; code: string | null; error: string | null };
  /** The nonce cookie set when the connection was started in this browser. */
  cookieNonce: string | null;
  now: Date;
}

export type CompleteCalendarConnectionResult =
  | { outcome: "connected"; connectionId: string; owner: CalendarOwner; calendarIds: string[]; isNew: boolean }
  /** Nothing was stored. `reason` is a short code for the log (never a token or an address). */
  | { outcome: Exclude<ConnectOutcome, "connected">; reason: string };

function refused(outcome: Exclude<ConnectOutcome, "connected">, reason: string): CompleteCalendarConnectionResult {
  return { outcome, reason };
}

/** A Google failure: an outage is worth retrying later; anything else means start again. */
function googleFailure(error: unknown): CompleteCalendarConnectionResult {
  if (error instanceof AppError && (error.code === "INTEGRATION_UNAVAILABLE" || error.code === "RATE_LIMITED") && error.isRetryable) {
    return refused("google-unavailable", errorSummary(error));
  }
  if (error instanceof AppError) return refused("google-refused", errorSummary(error));
  throw error;
}

/** First connection: the account's primary calendar blocks availability, and receives bookings unless another calendar does. */
function listingsFor(calendars: CalendarSummary[], fallbackTimeZone: string, isFirstConnection: boolean, hasReceiving: boolean): CalendarListing[] {
  return calendars
    .filter((calendar) => calendar.id !== "")
    .map((calendar) => {
      const isDefault = isFirstConnection && calendar.isPrimary;
      return {
        googleCalendarId: calendar.id,
        name: calendar.name,
        timeZone: calendar.timeZone ?? fallbackTimeZone,
        canWrite: calendar.canWrite,
        blocksAvailability: isDefault,
        receivesBookings: isDefault && calendar.canWrite && !hasReceiving,
      };
    });
}

/**
 * The callback half of connecting a Google account. Every check comes before anything is stored:
 * the signed state (signature, expiry, this browser's cookie, the same user), that the user still
 * owns the owner it names, Google's answer, the code exchange with the PKCE verifier and the ID
 * token (signature, audience, issuer, nonce), and that the calendar scopes were granted (the
 * consent page lets the person untick them; such a grant is not revoked, as that would revoke
 * their sign-in too). Then, in one transaction: the connection (a reconnect makes it ACTIVE
 * again), its tokens encrypted (an earlier refresh token is kept when Google sends none), its
 * calendars (known ones keep their choices), a sync and a push channel for each calendar
 * that blocks availability or receives bookings, and an export of each booking still to come.
 */
export async function completeCalendarConnection(options: CompleteCalendarConnectionOptions): Promise<CompleteCalendarConnectionResult> {
  const { db, google, cipher, secret, now, callback } = options;
  if (!options.userId) return refused("wrong-account", "signed out");
  const check = verifyConnectState({ secret, state: callback.state, cookieNonce: options.cookieNonce, userId: options.userId, now });
  if (!check.ok) return refused(check.reason, `state ${check.reason}`);
  const { owner, nonce } = check;
  const provider = await findProviderOwnedBy(db, options.userId, owner.providerId);
  if (!provider) return refused("wrong-account", "not the owner");
  if (provider.status !== "APPROVED") return refused("not-approved", "provider not approved");
  if (callback.error) return callback.error === "access_denied" ? refused("denied", "access_denied") : refused("google-refused", "oauth error");
  if (!callback.code) return refused("invalid-request", "no code");

  let grant: AuthorizationGrant;
  try {
    grant = await google.exchangeCode({ code: callback.code, redirectUri: options.redirectUri, codeVerifier: pkceVerifier(secret, nonce), nonce: idTokenNonce(nonce) });
  } catch (error) {
    return googleFailure(error);
  }
  if (!grantCoversCalendar(grant.scopes)) return refused("scopes-missing", "calendar scopes not granted");

  let calendars: CalendarSummary[];
  try {
    calendars = await google.listCalendars({ accessToken: grant.accessToken });
  } catch (error) {
    return googleFailure(error);
  }

  return db.transaction(async (tx) => {
    const hasReceiving = await providerHasReceivingCalendar(tx, provider.id);
    const connection = await upsertConnection(tx, { providerId: provider.id, googleSubject: grant.account.subject, googleEmail: grant.account.email });
    await storeConnectionTokens(tx, cipher, connection.id, {
      accessToken: grant.accessToken,
      expiresAt: grant.expiresAt,
      refreshToken: grant.refreshToken,
      scopes: grant.scopes,
    });
    const rows = await upsertCalendars(tx, connection.id, listingsFor(calendars, provider.timeZone, connection.isNew, hasReceiving));
    // A calendar that only receives bookings is read too: edits made in Google to our events flow back.
    const watched = rows.filter((row) => row.blocksAvailability || row.receivesBookings);
    await addJobs(tx, watched.flatMap((row) => [calendarSyncJob(row.id), calendarWatchJob(row.id)]));
    // Bookings confirmed before this connection, or while it needed reconnecting (their exports
    // were skipped then), reach the calendar now; a cancellation that could not reach it too.
    if (!connection.isNew || (await providerHasReceivingCalendar(tx, provider.id))) await requeueBookingExports({ db: tx, providerId: provider.id, now });
    await recordAudit(tx, {
      actorUserId: options.userId,
      action: connection.isNew ? "calendar.connected" : "calendar.reconnected",
      subjectType: "provider",
      subjectId: provider.id,
      details: { connectionId: connection.id, calendars: rows.length, watched: watched.length },
    });
    return { outcome: "connected" as const, connectionId: connection.id, owner, calendarIds: rows.map((row) => row.id), isNew: connection.isNew };
  });
}
