import { protectedProcedure, router } from "@/server/trpc";
import { eraseAccountInput } from "../schemas";
import { eraseAccount } from "./erase-account";
import { getExportSummary } from "./get-export-summary";
import { listMyConsents } from "./list-my-consents";
import { previewErasure } from "./preview-erasure";

/**
 * A person's data rights: their consent records, what the export holds (the file itself is
 * GET /api/account/export), and erasure. Every procedure acts on the caller's own account only.
 */
export const privacyRouter = router({
  consents: protectedProcedure.query(({ ctx }) => listMyConsents({ db: ctx.db, userId: ctx.session.user.id })),
  exportSummary: protectedProcedure.query(({ ctx }) => getExportSummary({ db: ctx.db, userId: ctx.session.user.id, now: ctx.now() })),
  erasurePreview: protectedProcedure.query(({ ctx }) => previewErasure({ db: ctx.db, userId: ctx.session.user.id, now: ctx.now() })),
  erase: protectedProcedure
    .input(eraseAccountInput)
    .mutation(({ ctx }) => eraseAccount({ db: ctx.db, userId: ctx.session.user.id, now: ctx.now(), origin: ctx.request })),
});
