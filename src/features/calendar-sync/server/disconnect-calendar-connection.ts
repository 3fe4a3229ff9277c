import { AppError, errorSummary } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import { calendarConnectionTokenContext } from "@/server/auth/token-crypto";
import type { Database } from "@/server/db/client";
import { removeJob } from "@/server/jobs/job-repository";
import type { Logger } from "@/server/logger/logger";
import type { DisconnectResultDto } from "../types";
import { deleteConnection, findOpenChannels, findOwnedConnection, listCalendarsOfConnections, lockConnection } from "./calendar-connection-repository";
import { findCalendarForSync, lockCalendarSync, removeBusy } from "./calendar-sync-repository";
import { accessTokenFor } from "./connection-tokens";
import type { CalendarGoogleDeps } from "./google-deps";
import { calendarSyncJobKey, calendarWatchJobKey } from "./job-keys";
import { stopChannelsAtGoogle } from "./stop-channels";

export interface DisconnectCalendarConnectionOptions {
  db: Database;
  deps: CalendarGoogleDeps;
  provider: { id: string };
  actorUserId: string;
  connectionId: string;
  now: Date;
  logger: Pick<Logger, "warn">;
}

/**
 * Removes a Google connection. Locally, in one transaction: the busy time imported from its
 * calendars, their pending sync and watch jobs, and the connection with its calendars, runs and
 * channels. Then Google is told, best effort: its push channels are stopped and the grant is
 * revoked. The local removal never waits on Google: if Google cannot be reached, the connection
 * is still gone here (nothing of it is used again), the failure is logged, and the result says
 * so, so that the provider can remove MedBookings' access in their Google account. A revoke
 * revokes the whole grant, including the sign-in scopes: the next Google sign-in asks for consent again.
 */
export async function disconnectCalendarConnection({ db, deps, provider, actorUserId, connectionId, now, logger }: DisconnectCalendarConnectionOptions): Promise<DisconnectResultDto> {
  const connection = await findOwnedConnection(db, provider.id, connectionId);
  if (!connection) throw new AppError("NOT_FOUND", "This Google connection is not one of yours.");
  const calendars = await listCalendarsOfConnections(db, [connection.id]);
  const channels = await findOpenChannels(db, calendars.map((calendar) => calendar.id));

  // Read before the rows go: the access token (refreshed if need be) stops channels, the refresh token revokes the grant.
  let accessToken: string | null = null;
  if (connection.status === "ACTIVE" && channels.length > 0) {
    try {
      accessToken = await accessTokenFor({ db, cipher: deps.cipher, google: deps.google, connectionId: connection.id, now });
    } catch (error) {
      logger.warn({ event: "calendar.disconnect_token_failed", connectionId: connection.id, error: errorSummary(error) }, "no Google token to stop push channels");
    }
  }
  let grantToken: string | null = null;
  try {
    if (connection.refreshToken) grantToken = deps.cipher.decrypt(connection.refreshToken, calendarConnectionTokenContext(connection.id, "refresh_token"));
    else if (connection.accessToken) grantToken = deps.cipher.decrypt(connection.accessToken, calendarConnectionTokenContext(connection.id, "access_token"));
  } catch (error) {
    logger.warn({ event: "calendar.disconnect_token_unreadable", connectionId: connection.id, error: error instanceof Error ? error.name : "unknown" }, "stored Google token could not be decrypted");
  }

  await db.transaction(async (tx) => {
    if (!(await lockConnection(tx, connection.id))) throw new AppError("NOT_FOUND", "This Google connection is not one of yours.");
    for (const calendar of calendars) {
      // Under each calendar's sync lock: a sync running now cannot write busy time back afterwards.
      await lockCalendarSync(tx, calendar.id);
      const forSync = await findCalendarForSync(tx, calendar.id);
      if (forSync) await removeBusy(tx, forSync);
      await removeJob(tx, calendarSyncJobKey(calendar.id));
      await removeJob(tx, calendarWatchJobKey(calendar.id));
    }
    await deleteConnection(tx, connection.id);
    await recordAudit(tx, {
      actorUserId,
      action: "calendar.disconnected",
      subjectType: "provider",
      subjectId: provider.id,
      details: { connectionId: connection.id, calendars: calendars.length, channels: channels.length },
    });
  });

  // Stop channels before revoking: the revoke also kills the access token that stops them.
  await stopChannelsAtGoogle({ google: deps.google, accessToken, channels, logger });
  let revokedAtGoogle = false;
  if (grantToken) {
    try {
      await deps.google.revokeToken({ token: grantToken });
      revokedAtGoogle = true;
    } catch (error) {
      logger.warn({ event: "calendar.revoke_failed", connectionId: connection.id, error: errorSummary(error) }, "Google access could not be revoked; the connection was removed here");
    }
  }
  return { connectionId: connection.id, revokedAtGoogle };
}
