import { approvedProviderProcedure, providerProcedure, router } from "@/server/trpc";
import { disconnectCalendarConnectionInput, syncCalendarNowInput, updateCalendarSettingsInput, updateConnectedCalendarInput } from "../schemas";
import { disconnectCalendarConnection } from "./disconnect-calendar-connection";
import { getCalendarSettings } from "./get-calendar-settings";
import { getCalendarSyncOverview } from "./get-calendar-sync-overview";
import { getCalendarGoogleDeps } from "./google-deps";
import { syncCalendarNow } from "./sync-calendar-now";
import { updateCalendarSettings } from "./update-calendar-settings";
import { updateConnectedCalendar } from "./update-connected-calendar";

/**
 * Mounted as `calendarSync`: the signed-in provider's Google connections. Reading and
 * disconnecting are open to every provider (a suspended one can still take back access);
 * changing choices and syncing need an approved profile. Ids that are not the provider's own
 * answer NOT_FOUND, whoever owns them.
 */
export const calendarSyncRouter = router({
  overview: providerProcedure.query(({ ctx }) => getCalendarSyncOverview({ db: ctx.db, provider: ctx.provider })),

  updateCalendar: approvedProviderProcedure.input(updateConnectedCalendarInput).mutation(async ({ ctx, input }) =>
    updateConnectedCalendar({
      db: ctx.db,
      deps: await getCalendarGoogleDeps(),
      provider: ctx.provider,
      actorUserId: ctx.session.user.id,
      input,
      now: ctx.now(),
      logger: ctx.logger,
    }),
  ),

  syncNow: approvedProviderProcedure
    .input(syncCalendarNowInput)
    .mutation(({ ctx, input }) => syncCalendarNow({ db: ctx.db, provider: ctx.provider, calendarId: input.calendarId, now: ctx.now() })),

  settings: providerProcedure.query(({ ctx }) => getCalendarSettings({ db: ctx.db, provider: ctx.provider })),

  updateSettings: approvedProviderProcedure
    .input(updateCalendarSettingsInput)
    .mutation(({ ctx, input }) => updateCalendarSettings({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, settings: input })),

  disconnect: providerProcedure.input(disconnectCalendarConnectionInput).mutation(async ({ ctx, input }) =>
    disconnectCalendarConnection({
      db: ctx.db,
      deps: await getCalendarGoogleDeps(),
      provider: ctx.provider,
      actorUserId: ctx.session.user.id,
      connectionId: input.connectionId,
      now: ctx.now(),
      logger: ctx.logger,
    }),
  ),
});
