import { router } from "@/server/trpc";

/** Platform review of providers: the queue, per-document decisions, approve/reject/suspend/reinstate. */
export const adminProvidersRouter = router({});
