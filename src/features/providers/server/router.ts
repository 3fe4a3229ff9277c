import { approvedProviderProcedure, providerProcedure, publicProcedure, router } from "@/server/trpc";
import { listProvidersInput, providerBySlugInput, providerSettingsInput, saveServiceInput, setServiceActiveInput } from "../schemas";
import { getProviderProfile } from "./get-provider-profile";
import { listProviders } from "./list-providers";
import { listSpecialties } from "./list-specialties";
import { getMyProviderProfile, saveProviderSettings } from "./manage-provider-settings";
import { listMyServices, saveService, setServiceActive } from "./manage-services";

export const providersRouter = router({
  list: publicProcedure
    .input(listProvidersInput)
    .query(({ ctx, input }) => listProviders({ db: ctx.db, filter: input })),
  specialties: publicProcedure.query(({ ctx }) => listSpecialties({ db: ctx.db })),
  bySlug: publicProcedure.input(providerBySlugInput).query(({ ctx, input }) => getProviderProfile({ db: ctx.db, slug: input.slug })),

  me: providerProcedure.query(({ ctx }) => getMyProviderProfile({ db: ctx.db, provider: ctx.provider })),
  saveSettings: approvedProviderProcedure
    .input(providerSettingsInput)
    .mutation(({ ctx, input }) =>
      saveProviderSettings({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, settings: input }),
    ),
  myServices: providerProcedure.query(({ ctx }) => listMyServices({ db: ctx.db, provider: ctx.provider })),
  saveService: approvedProviderProcedure
    .input(saveServiceInput)
    .mutation(({ ctx, input }) => saveService({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, input })),
  setServiceActive: approvedProviderProcedure.input(setServiceActiveInput).mutation(({ ctx, input }) =>
    setServiceActive({
      db: ctx.db,
      provider: ctx.provider,
      actorUserId: ctx.session.user.id,
      serviceId: input.serviceId,
      isActive: input.isActive,
    }),
  ),
});
