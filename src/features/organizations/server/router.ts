import { adminProcedure, organizationProcedure, protectedProcedure, router } from "@/server/trpc";
import { changeMemberRoleInput, createOrganizationInput, removeMemberInput, reviewOrganizationInput, updateOrganizationInput } from "../schemas";
import { changeMemberRole } from "./change-member-role";
import { closuresRouter } from "./closures-router";
import { createOrganization } from "./create-organization";
import { getOrganization } from "./get-organization";
import { invitationsRouter } from "./invitations-router";
import { leaveOrganization } from "./leave-organization";
import { listMyOrganizations } from "./list-my-organizations";
import { listPendingOrganizations } from "./list-pending-organizations";
import { locationsRouter } from "./locations-router";
import { networkRouter } from "./network-router";
import { removeMember } from "./remove-member";
import { reviewOrganization } from "./review-organization";
import { updateOrganization } from "./update-organization";

export const organizationsRouter = router({
  create: protectedProcedure
    .input(createOrganizationInput)
    .mutation(({ ctx, input }) => createOrganization({ db: ctx.db, userId: ctx.session.user.id, input })),
  mine: protectedProcedure.query(({ ctx }) => listMyOrganizations({ db: ctx.db, userId: ctx.session.user.id })),
  get: organizationProcedure("STAFF").query(({ ctx }) => getOrganization({ db: ctx.db, membership: ctx.membership })),
  update: organizationProcedure("ADMIN")
    .input(updateOrganizationInput)
    .mutation(({ ctx, input }) =>
      updateOrganization({ db: ctx.db, organizationId: ctx.membership.organizationId, actorUserId: ctx.session.user.id, input }),
    ),
  changeRole: organizationProcedure("ADMIN")
    .input(changeMemberRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole({ db: ctx.db, membership: ctx.membership, input })),
  removeMember: organizationProcedure("ADMIN")
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => removeMember({ db: ctx.db, membership: ctx.membership, input })),
  leave: organizationProcedure("STAFF").mutation(({ ctx }) => leaveOrganization({ db: ctx.db, membership: ctx.membership })),
  pending: adminProcedure.query(({ ctx }) => listPendingOrganizations({ db: ctx.db })),
  review: adminProcedure
    .input(reviewOrganizationInput)
    .mutation(({ ctx, input }) => reviewOrganization({ db: ctx.db, actorUserId: ctx.session.user.id, input })),
  invitations: invitationsRouter,
  network: networkRouter,
  locations: locationsRouter,
  closures: closuresRouter,
});
