import { publicProcedure, router } from "@/server/trpc";
import { searchProvidersInput } from "../schemas";
import { searchProviders } from "./search-providers";

export const searchRouter = router({
  providers: publicProcedure
    .input(searchProvidersInput)
    .query(({ ctx, input }) => searchProviders({ db: ctx.db, input, now: ctx.now() })),
});
