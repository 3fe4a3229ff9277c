import { organizationProcedure, router } from "@/server/trpc";
import { addClosureInput, decideHolidaysInput, listClosuresInput, locationHolidaysInput, removeClosureInput } from "../closure-schemas";
import { addClosure } from "./add-closure";
import { decideHolidays } from "./decide-holidays";
import { listClosures } from "./list-closures";
import { listLocationHolidays } from "./list-location-holidays";
import { removeClosure } from "./remove-closure";

/** Closures and public holidays of the organization's locations. */
export const closuresRouter = router({
  holidays: organizationProcedure("STAFF")
    .input(locationHolidaysInput)
    .query(({ ctx, input }) => listLocationHolidays({ db: ctx.db, organizationId: ctx.membership.organizationId, input })),
  decideHolidays: organizationProcedure("MANAGER")
    .input(decideHolidaysInput)
    .mutation(({ ctx, input }) =>
      decideHolidays({ db: ctx.db, organizationId: ctx.membership.organizationId, actorUserId: ctx.session.user.id, input, now: ctx.now() }),
    ),
  list: organizationProcedure("STAFF")
    .input(listClosuresInput)
    .query(({ ctx, input }) => listClosures({ db: ctx.db, organizationId: ctx.membership.organizationId, input })),
  addClosure: organizationProcedure("MANAGER")
    .input(addClosureInput)
    .mutation(({ ctx, input }) =>
      addClosure({ db: ctx.db, organizationId: ctx.membership.organizationId, actorUserId: ctx.session.user.id, input, now: ctx.now() }),
    ),
  removeClosure: organizationProcedure("MANAGER")
    .input(removeClosureInput)
    .mutation(({ ctx, input }) =>
      removeClosure({ db: ctx.db, organizationId: ctx.membership.organizationId, actorUserId: ctx.session.user.id, closureId: input.closureId }),
    ),
});
