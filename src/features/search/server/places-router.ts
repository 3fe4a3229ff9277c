import { autocomplete, placeDetails } from "@/server/integrations/places/client";
import { publicProcedure, rateLimited, router } from "@/server/trpc";
import { resolvePlaceInput, suggestPlacesInput } from "../place-schemas";
import { resolvePlace } from "./resolve-place";
import { suggestPlaces } from "./suggest-places";

const places = { autocomplete, placeDetails };

export const placesRouter = router({
  suggest: publicProcedure
    .use(rateLimited("places:client"))
    .input(suggestPlacesInput)
    .query(({ input }) => suggestPlaces({ input, places })),
  resolve: publicProcedure
    .use(rateLimited("places:client"))
    .input(resolvePlaceInput)
    .query(({ input }) => resolvePlace({ input, places })),
});
