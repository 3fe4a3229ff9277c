import { organizationProcedure, router } from "@/server/trpc";
import { organizationScheduleInput, saveOrganizationScheduleInput } from "../organization-schedule-schemas";
import { getProviderScheduleForOrganization } from "./get-provider-schedule-for-organization";
import { saveProviderScheduleForOrganization } from "./save-provider-schedule-for-organization";

/** Managers edit a provider's schedule at the organization's locations, where the provider allows it. */
export const organizationScheduleRouter = router({
  get: organizationProcedure("MANAGER")
    .input(organizationScheduleInput)
    .query(({ ctx, input }) => getProviderScheduleForOrganization({ db: ctx.db, membership: ctx.membership, providerId: input.providerId })),
  save: organizationProcedure("MANAGER")
    .input(saveOrganizationScheduleInput)
    .mutation(({ ctx, input }) =>
      saveProviderScheduleForOrganization({ db: ctx.db, membership: ctx.membership, actorUserId: ctx.session.user.id, input, now: ctx.now() }),
    ),
});
