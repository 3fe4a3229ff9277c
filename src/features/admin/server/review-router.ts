import { adminProcedure, router } from "@/server/trpc";
import { decideProviderInput, providerReviewIdInput, reviewDocumentInput, reviewQueueInput } from "../review-schemas";
import { decideProvider } from "./review/decide-provider";
import { getProviderForReview } from "./review/get-provider-for-review";
import { getSuspensionImpact } from "./review/get-suspension-impact";
import { listReviewQueue } from "./review/list-review-queue";
import { reviewDocument } from "./review/review-document";

/** Platform review of providers: the queue, per-document decisions, approve/reject/suspend/reinstate. */
export const adminProvidersRouter = router({
  queue: adminProcedure.input(reviewQueueInput).query(({ ctx, input }) => listReviewQueue({ db: ctx.db, input })),
  get: adminProcedure.input(providerReviewIdInput).query(({ ctx, input }) => getProviderForReview({ db: ctx.db, providerId: input.providerId })),
  suspensionImpact: adminProcedure
    .input(providerReviewIdInput)
    .query(({ ctx, input }) => getSuspensionImpact({ db: ctx.db, providerId: input.providerId, now: ctx.now() })),
  reviewDocument: adminProcedure
    .input(reviewDocumentInput)
    .mutation(({ ctx, input }) => reviewDocument({ db: ctx.db, actorUserId: ctx.session.user.id, origin: ctx.request, input, now: ctx.now() })),
  decide: adminProcedure
    .input(decideProviderInput)
    .mutation(({ ctx, input }) => decideProvider({ db: ctx.db, actorUserId: ctx.session.user.id, origin: ctx.request, input, now: ctx.now() })),
});
