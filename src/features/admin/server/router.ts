import { adminProcedure, router } from "@/server/trpc";
import { getPlatformOverview } from "./get-platform-overview";

export const adminRouter = router({
  overview: adminProcedure.query(({ ctx }) => getPlatformOverview({ db: ctx.db })),
});
