import type { z } from "zod";
import type { PlacesService } from "@/server/integrations/places/client";
import type { resolvePlaceInput } from "../place-schemas";
import type { ResolvedPlace } from "../place-types";
import { forVisitor } from "./place-search-errors";

export interface ResolvePlaceOptions {
  input: z.output<typeof resolvePlaceInput>;
  places: Pick<PlacesService, "placeDetails">;
}

/** A picked suggestion as a point to search around, its name and its time zone. */
export async function resolvePlace({ input, places }: ResolvePlaceOptions): Promise<ResolvedPlace> {
  try {
    const place = await places.placeDetails(input.placeId, input.sessionToken ? { sessionToken: input.sessionToken } : {});
    return {
      placeId: place.placeId,
      label: place.name,
      formattedAddress: place.formattedAddress,
      point: { latitude: place.location.latitude, longitude: place.location.longitude },
      timeZone: place.timeZone,
    };
  } catch (error) {
    throw forVisitor(error);
  }
}
