import { AppError, errorSummary } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/audit-repository";
import type { Database } from "@/server/db/client";
import { removeJob } from "@/server/jobs/job-repository";
import type { Logger } from "@/server/logger/logger";
import type { UpdateConnectedCalendarInput } from "../schemas";
import {
  clearOtherReceivingCalendars,
  findOpenChannels,
  findOwnedCalendar,
  lockCalendar,
  markChannelsStopped,
  saveCalendarChoices,
  type OpenChannel,
} from "./calendar-connection-repository";
import { enqueueCalendarSync, enqueueCalendarWatch } from "./calendar-jobs";
import { findCalendarForSync, lockCalendarSync, removeBusy, saveSyncToken } from "./calendar-sync-repository";
import { accessTokenFor } from "./connection-tokens";
import type { CalendarGoogleDeps } from "./google-deps";
import { calendarSyncJobKey, calendarWatchJobKey } from "./job-keys";
import { requeueBookingExports } from "./requeue-booking-exports";
import { stopChannelsAtGoogle } from "./stop-channels";

export interface UpdateConnectedCalendarOptions {
  db: Database;
  deps: CalendarGoogleDeps;
  provider: { id: string };
  actorUserId: string;
  input: UpdateConnectedCalendarInput;
  now: Date;
  logger: Pick<Logger, "warn">;
}

export interface ConnectedCalendarChoicesDto {
  calendarId: string;
  blocksAvailability: boolean;
  receivesBookings: boolean;
}

/** A calendar is read from Google (synced, pushed) while it blocks availability or receives bookings (edits made in Google flow back). */
const isWatched = (choices: { blocksAvailability: boolean; receivesBookings: boolean }) => choices.blocksAvailability || choices.receivesBookings;

/**
 * Sets what a connected calendar is used for, in one transaction:
 * - receiving bookings needs a calendar Google lets us write to, and is exclusive: choosing one
 *   clears the provider's other receiving calendar, and the provider's bookings still to come are
 *   queued for export (those already in another calendar stay there);
 * - blocking turned on imports its busy time (a full sync); turned off, its imported busy time
 *   and sync token are dropped at once (a later switch back starts with a full sync);
 * - a calendar that starts being read gets a sync and a push channel; one that no longer blocks
 *   or receives has its channels stopped (marked here, then Google is told after the commit).
 */
export async function updateConnectedCalendar({ db, deps, provider, actorUserId, input, now, logger }: UpdateConnectedCalendarOptions): Promise<ConnectedCalendarChoicesDto> {
  const calendar = await findOwnedCalendar(db, provider.id, input.calendarId);
  if (!calendar) throw new AppError("NOT_FOUND", "This calendar is not one of your connected calendars.");
  if (input.receivesBookings && !calendar.canWrite) {
    throw new AppError("VALIDATION", "Google lets MedBookings only read this calendar, so bookings cannot be added to it.", {
      fieldErrors: { receivesBookings: ["receivesBookings needs a calendar you can edit in Google: choose another calendar to receive bookings."] },
    });
  }
  const next = { blocksAvailability: input.blocksAvailability, receivesBookings: input.receivesBookings };

  const stops = await db.transaction(async (tx) => {
    const before = await lockCalendar(tx, calendar.id);
    if (!before) throw new AppError("NOT_FOUND", "This calendar is not one of your connected calendars.");
    await saveCalendarChoices(tx, calendar.id, next);
    const unwatched: Array<{ id: string; connectionId: string }> = [];
    if (next.receivesBookings) {
      for (const other of await clearOtherReceivingCalendars(tx, provider.id, calendar.id)) {
        if (!other.blocksAvailability) unwatched.push(other);
      }
      // Bookings confirmed while no calendar received them are written to this one now.
      if (!before.receivesBookings) await requeueBookingExports({ db: tx, providerId: provider.id, now });
    }
    if (before.blocksAvailability && !next.blocksAvailability) {
      // Under the sync lock, so a sync running now cannot write busy time back after this.
      await lockCalendarSync(tx, calendar.id);
      const forSync = await findCalendarForSync(tx, calendar.id);
      if (forSync) await removeBusy(tx, forSync);
      await saveSyncToken(tx, calendar.id, null, now);
    }
    if (isWatched(next) && !isWatched(before)) {
      await enqueueCalendarSync(tx, calendar.id);
      await enqueueCalendarWatch(tx, calendar.id);
    } else if (isWatched(next) && next.blocksAvailability !== before.blocksAvailability) {
      await enqueueCalendarSync(tx, calendar.id);
    } else if (!isWatched(next) && isWatched(before)) {
      unwatched.push({ id: calendar.id, connectionId: calendar.connectionId });
    }
    const channels = await findOpenChannels(tx, unwatched.map((row) => row.id));
    await markChannelsStopped(tx, channels.map((channel) => channel.id), now);
    for (const row of unwatched) {
      await removeJob(tx, calendarSyncJobKey(row.id));
      await removeJob(tx, calendarWatchJobKey(row.id));
    }
    await recordAudit(tx, {
      actorUserId,
      action: "calendar.choices_updated",
      subjectType: "provider",
      subjectId: provider.id,
      details: { calendarId: calendar.id, before, after: next },
    });
    const byConnection = new Map<string, OpenChannel[]>();
    for (const channel of channels) {
      const connectionId = unwatched.find((row) => row.id === channel.calendarId)!.connectionId;
      byConnection.set(connectionId, [...(byConnection.get(connectionId) ?? []), channel]);
    }
    return byConnection;
  });

  for (const [connectionId, channels] of stops) {
    let accessToken: string | null = null;
    try {
      accessToken = await accessTokenFor({ db, cipher: deps.cipher, google: deps.google, connectionId, now });
    } catch (error) {
      logger.warn({ event: "calendar.channel_stop_token_failed", connectionId, error: errorSummary(error) }, "no Google token to stop push channels");
    }
    await stopChannelsAtGoogle({ google: deps.google, accessToken, channels, logger });
  }
  return { calendarId: calendar.id, ...next };
}
