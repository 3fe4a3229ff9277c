import { z } from "zod";
import { approvedProviderProcedure, providerProcedure, publicProcedure, router } from "@/server/trpc";
import { createOverrideInput, publicSlotsInput, saveWeeklyScheduleInput } from "../schemas";
import { addOverride } from "./add-override";
import { getMySchedule } from "./get-my-schedule";
import { getCompactSlots } from "./get-compact-slots";
import { openingHoursRouter } from "./opening-hours-router";
import { organizationScheduleRouter } from "./organization-schedule-router";
import { removeOverride } from "./remove-override";
import { saveWeeklySchedule } from "./save-weekly-schedule";

export const availabilityRouter = router({
  slots: publicProcedure
    .input(publicSlotsInput)
    .query(({ ctx, input }) => getCompactSlots({ db: ctx.db, input, now: ctx.now() })),
  mySchedule: providerProcedure.query(({ ctx }) => getMySchedule({ db: ctx.db, provider: ctx.provider, now: ctx.now() })),
  saveWeeklySchedule: approvedProviderProcedure
    .input(saveWeeklyScheduleInput)
    .mutation(({ ctx, input }) =>
      saveWeeklySchedule({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, input, now: ctx.now() }),
    ),
  addOverride: approvedProviderProcedure
    .input(createOverrideInput)
    .mutation(({ ctx, input }) => addOverride({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, input })),
  removeOverride: approvedProviderProcedure
    .input(z.object({ overrideId: z.uuid("overrideId must be an override id") }))
    .mutation(({ ctx, input }) =>
      removeOverride({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, overrideId: input.overrideId }),
    ),
  organizationSchedule: organizationScheduleRouter,
  openingHours: openingHoursRouter,
});
