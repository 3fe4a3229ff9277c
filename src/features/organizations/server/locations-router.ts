import { placeDetails } from "@/server/integrations/places/client";
import { organizationProcedure, rateLimited, router } from "@/server/trpc";
import { createLocationInput, getLocationInput, locationPlaceDetailsInput, suggestTimeZoneInput, updateLocationInput } from "../location-schemas";
import { createLocation } from "./create-location";
import { getLocation } from "./get-location";
import { getLocationPlaceDetails } from "./get-location-place-details";
import { listLocations } from "./list-locations";
import { suggestLocationTimeZone } from "./suggest-location-time-zone";
import { updateLocation } from "./update-location";

const places = { placeDetails };

/** The organization's locations: create and edit (stable ids), place details, time zone. */
export const locationsRouter = router({
  list: organizationProcedure("STAFF").query(({ ctx }) => listLocations({ db: ctx.db, organizationId: ctx.membership.organizationId })),
  get: organizationProcedure("STAFF")
    .input(getLocationInput)
    .query(({ ctx, input }) => getLocation({ db: ctx.db, organizationId: ctx.membership.organizationId, locationId: input.locationId })),
  // Counted with the place box of the search page: the same Google quota and the same vendor bill.
  placeDetails: organizationProcedure("ADMIN")
    .use(rateLimited("places:client"))
    .input(locationPlaceDetailsInput)
    .query(({ input }) => getLocationPlaceDetails({ input, places })),
  suggestTimeZone: organizationProcedure("ADMIN")
    .input(suggestTimeZoneInput)
    .query(({ input }) => suggestLocationTimeZone(input)),
  create: organizationProcedure("ADMIN")
    .input(createLocationInput)
    .mutation(({ ctx, input }) => createLocation({ db: ctx.db, organizationId: ctx.membership.organizationId, actorUserId: ctx.session.user.id, input })),
  update: organizationProcedure("ADMIN")
    .input(updateLocationInput)
    .mutation(({ ctx, input }) => updateLocation({ db: ctx.db, organizationId: ctx.membership.organizationId, actorUserId: ctx.session.user.id, input })),
});
