import { approvedProviderProcedure, providerProcedure, router } from "@/server/trpc";
import { resolveGoogleConflictInput } from "../google-edits-schemas";
import { listGoogleConflicts } from "./list-google-conflicts";
import { resolveGoogleConflict } from "./resolve-google-conflict";

/** Bookings whose Google event the provider changed in a way MedBookings did not follow, and what to do about them. */
export const calendarEditsRouter = router({
  conflicts: providerProcedure.query(({ ctx }) => listGoogleConflicts({ db: ctx.db, provider: ctx.provider, now: ctx.now() })),
  resolve: approvedProviderProcedure.input(resolveGoogleConflictInput).mutation(({ ctx, input }) =>
    resolveGoogleConflict({ db: ctx.db, provider: ctx.provider, actorUserId: ctx.session.user.id, bookingId: input.bookingId, action: input.action, now: ctx.now() }),
  ),
});
