import { adminProcedure, router } from "@/server/trpc";
import { adminAuditRouter } from "./audit-router";
import { adminDirectoryRouter } from "./directory-router";
import { getPlatformOverview } from "./get-platform-overview";
import { adminProvidersRouter } from "./review-router";

export const adminRouter = router({
  overview: adminProcedure.query(({ ctx }) => getPlatformOverview({ db: ctx.db })),
  providers: adminProvidersRouter,
  directory: adminDirectoryRouter,
  audit: adminAuditRouter,
});
