import { organizationProcedure, router } from "@/server/trpc";
import { organizationWeekInput } from "../organization-calendar-schemas";
import { getOrganizationWeek } from "./get-organization-week";

/** The organization's week view across its providers and locations. */
export const organizationCalendarRouter = router({
  week: organizationProcedure("STAFF")
    .input(organizationWeekInput)
    .query(({ ctx, input }) => getOrganizationWeek({ db: ctx.db, membership: ctx.membership, actorUserId: ctx.session.user.id, origin: ctx.request, input })),
});
