import { publicProcedure, router } from "@/server/trpc";
import { listProvidersInput } from "../schemas";
import { listProviders } from "./list-providers";
import { listSpecialties } from "./list-specialties";

export const providersRouter = router({
  list: publicProcedure
    .input(listProvidersInput)
    .query(({ ctx, input }) => listProviders({ db: ctx.db, filter: input })),
  specialties: publicProcedure.query(({ ctx }) => listSpecialties({ db: ctx.db })),
});
