import { approvedProviderProcedure, organizationProcedure, providerProcedure, router } from "@/server/trpc";
import { bookingsByClosureInput, bookingsByTimeOffInput, cancelForClosureInput, cancelForTimeOffInput } from "../affected-schemas";
import { cancelCoveredBookings } from "./cancel-covered-bookings";
import { listBookingsCovered } from "./list-bookings-covered";

const withoutRows = <T extends { rows: unknown }>({ rows: _rows, ...dto }: T) => dto;

/** Bookings that a closure or time off covers: list them, cancel and tell the patients, or keep them. */
export const affectedBookingsRouter = router({
  byClosure: organizationProcedure("MANAGER")
    .input(bookingsByClosureInput)
    .query(async ({ ctx, input }) =>
      withoutRows(
        await listBookingsCovered({ db: ctx.db, cover: { kind: "closure", organizationId: ctx.membership.organizationId, closureId: input.closureId }, now: ctx.now() }),
      ),
    ),
  byTimeOff: providerProcedure
    .input(bookingsByTimeOffInput)
    .query(async ({ ctx, input }) =>
      withoutRows(await listBookingsCovered({ db: ctx.db, cover: { kind: "timeOff", providerId: ctx.provider.id, overrideId: input.overrideId }, now: ctx.now() })),
    ),
  cancelForClosure: organizationProcedure("MANAGER")
    .input(cancelForClosureInput)
    .mutation(({ ctx, input }) =>
      cancelCoveredBookings({
        db: ctx.db,
        cover: { kind: "closure", organizationId: ctx.membership.organizationId, closureId: input.closureId },
        actorUserId: ctx.session.user.id,
        bookingIds: input.bookingIds,
        reason: input.reason,
        now: ctx.now(),
      }),
    ),
  cancelForTimeOff: approvedProviderProcedure
    .input(cancelForTimeOffInput)
    .mutation(({ ctx, input }) =>
      cancelCoveredBookings({
        db: ctx.db,
        cover: { kind: "timeOff", providerId: ctx.provider.id, overrideId: input.overrideId },
        actorUserId: ctx.session.user.id,
        bookingIds: input.bookingIds,
        reason: input.reason,
        now: ctx.now(),
      }),
    ),
});
