import { approvedProviderProcedure, providerProcedure, router } from "@/server/trpc";
import { openingHoursLocationInput } from "../opening-hours-schemas";
import { listOpeningHoursLocations } from "./list-opening-hours-locations";
import { previewScheduleFromOpeningHours } from "./preview-schedule-from-opening-hours";
import { seedScheduleFromOpeningHours } from "./seed-schedule-from-opening-hours";

/** A location's opening hours seed a provider's weekly schedule there. */
export const openingHoursRouter = router({
  // Read access like mySchedule: a provider awaiting approval may look, not change.
  locations: providerProcedure.query(({ ctx }) => listOpeningHoursLocations({ db: ctx.db, provider: ctx.provider })),
  preview: approvedProviderProcedure
    .input(openingHoursLocationInput)
    .query(({ ctx, input }) => previewScheduleFromOpeningHours({ db: ctx.db, provider: ctx.provider, locationId: input.locationId, now: ctx.now() })),
  // Not "apply": tRPC reserves the names of Function.prototype members for its client proxy.
  seedSchedule: approvedProviderProcedure
    .input(openingHoursLocationInput)
    .mutation(({ ctx, input }) =>
      seedScheduleFromOpeningHours({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, locationId: input.locationId, now: ctx.now() }),
    ),
});
