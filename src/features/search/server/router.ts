import { byClientWhen, publicProcedure, rateLimited, router } from "@/server/trpc";
import { searchProvidersInput, type SearchProvidersInput } from "../schemas";
import { searchProviders } from "./search-providers";

export const searchRouter = router({
  providers: publicProcedure
    .input(searchProvidersInput)
    // A place id is looked up at Google's Places API (unless its point is cached): such calls
    // count against the place box's own allowance, so search cannot be used to spend the quota.
    .use(rateLimited("places:client", byClientWhen<SearchProvidersInput>((input) => input.placeId !== undefined)))
    .query(({ ctx, input }) => searchProviders({ db: ctx.db, input, now: ctx.now() })),
});
