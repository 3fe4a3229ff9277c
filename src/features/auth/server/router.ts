import { publicProcedure, router } from "@/server/trpc";
import { getCurrentUser } from "./get-current-user";

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => getCurrentUser({ db: ctx.db, session: ctx.session })),
});
