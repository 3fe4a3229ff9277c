import { organizationProcedure, providerProcedure, router } from "@/server/trpc";
import {
  leaveProviderNetworkInput,
  listNetworkInput,
  networkProviderInput,
  respondToProviderInvitationInput,
  searchNetworkProvidersInput,
  setScheduleEditsInput,
} from "../network-schemas";
import { endProviderLink } from "./end-provider-link";
import { inviteProvider } from "./invite-provider";
import { leaveProviderNetwork } from "./leave-provider-network";
import { listMyProviderLinks } from "./list-my-provider-links";
import { listNetworkProviders } from "./list-network-providers";
import { respondToProviderInvitation } from "./respond-to-provider-invitation";
import { searchNetworkProviders } from "./search-network-providers";
import { setScheduleEdits } from "./set-schedule-edits";

/** The provider network: the organization invites providers and ends links; providers accept or decline. */
export const networkRouter = router({
  list: organizationProcedure("STAFF")
    .input(listNetworkInput)
    .query(({ ctx, input }) => listNetworkProviders({ db: ctx.db, organizationId: ctx.membership.organizationId, input, now: ctx.now() })),
  searchProviders: organizationProcedure("ADMIN")
    .input(searchNetworkProvidersInput)
    .query(({ ctx, input }) => searchNetworkProviders({ db: ctx.db, organizationId: ctx.membership.organizationId, input })),
  invite: organizationProcedure("ADMIN")
    .input(networkProviderInput)
    .mutation(({ ctx, input }) => inviteProvider({ db: ctx.db, membership: ctx.membership, input, now: ctx.now() })),
  end: organizationProcedure("ADMIN")
    .input(networkProviderInput)
    .mutation(({ ctx, input }) => endProviderLink({ db: ctx.db, membership: ctx.membership, input, now: ctx.now() })),

  // The provider's side: each acts only on the caller's own links.
  mine: providerProcedure.query(({ ctx }) => listMyProviderLinks({ db: ctx.db, providerId: ctx.provider.id, now: ctx.now() })),
  respond: providerProcedure
    .input(respondToProviderInvitationInput)
    .mutation(({ ctx, input }) =>
      respondToProviderInvitation({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, input, now: ctx.now() }),
    ),
  leave: providerProcedure
    .input(leaveProviderNetworkInput)
    .mutation(({ ctx, input }) => leaveProviderNetwork({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, input, now: ctx.now() })),
  setScheduleEdits: providerProcedure
    .input(setScheduleEditsInput)
    .mutation(({ ctx, input }) => setScheduleEdits({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, input, now: ctx.now() })),
});
