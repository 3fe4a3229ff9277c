import { approvedProviderProcedure, protectedProcedure, providerProcedure, router } from "@/server/trpc";
import { updateNotificationPreferencesInput, updateProviderNotificationSettingsInput } from "../schemas";
import { getNotificationPreferences } from "./get-notification-preferences";
import { getProviderNotificationSettings } from "./get-provider-notification-settings";
import { updateNotificationPreferences } from "./update-notification-preferences";
import { updateProviderNotificationSettings } from "./update-provider-notification-settings";

/** Mounted as `notificationPreferences`: a person's own channels, and a provider's notices and reminders. */
export const notificationPreferencesRouter = router({
  mine: protectedProcedure.query(({ ctx }) => getNotificationPreferences({ db: ctx.db, userId: ctx.session.user.id })),
  update: protectedProcedure
    .input(updateNotificationPreferencesInput)
    .mutation(({ ctx, input }) =>
      updateNotificationPreferences({ db: ctx.db, userId: ctx.session.user.id, now: ctx.now(), preferences: input, origin: ctx.request }),
    ),

  provider: providerProcedure.query(({ ctx }) => getProviderNotificationSettings({ db: ctx.db, provider: ctx.provider })),
  updateProvider: approvedProviderProcedure
    .input(updateProviderNotificationSettingsInput)
    .mutation(({ ctx, input }) =>
      updateProviderNotificationSettings({
        db: ctx.db,
        provider: ctx.provider,
        actorUserId: ctx.session.user.id,
        now: ctx.now(),
        settings: input,
      }),
    ),
});
