import { organizationProcedure, protectedProcedure, publicProcedure, rateLimited, router } from "@/server/trpc";
import { invitationIdInput, invitationTokenInput, inviteMemberInput } from "../invitation-schemas";
import { acceptInvitation } from "./accept-invitation";
import { getInvitationByToken } from "./get-invitation-by-token";
import { inviteMember } from "./invite-member";
import { listInvitations } from "./list-invitations";
import { resendInvitation } from "./resend-invitation";
import { revokeInvitation } from "./revoke-invitation";

/** Member invitations by email: invite, resend, revoke, list; accept by token. */
export const invitationsRouter = router({
  list: organizationProcedure("ADMIN").query(({ ctx }) => listInvitations({ db: ctx.db, organizationId: ctx.membership.organizationId, now: ctx.now() })),
  invite: organizationProcedure("ADMIN")
    .input(inviteMemberInput)
    .mutation(({ ctx, input }) => inviteMember({ db: ctx.db, membership: ctx.membership, input, now: ctx.now() })),
  resend: organizationProcedure("ADMIN")
    .input(invitationIdInput)
    .mutation(({ ctx, input }) => resendInvitation({ db: ctx.db, membership: ctx.membership, input, now: ctx.now() })),
  revoke: organizationProcedure("ADMIN")
    .input(invitationIdInput)
    .mutation(({ ctx, input }) => revokeInvitation({ db: ctx.db, membership: ctx.membership, input, now: ctx.now() })),
  // Counted per client address: a link's token cannot be found by trying many.
  byToken: publicProcedure
    .use(rateLimited("invitation:client"))
    .input(invitationTokenInput)
    .query(({ ctx, input }) => getInvitationByToken({ db: ctx.db, userId: ctx.session?.user.id ?? null, input, now: ctx.now() })),
  accept: protectedProcedure
    .use(rateLimited("invitation:client"))
    .input(invitationTokenInput)
    .mutation(({ ctx, input }) => acceptInvitation({ db: ctx.db, userId: ctx.session.user.id, input, now: ctx.now() })),
});
