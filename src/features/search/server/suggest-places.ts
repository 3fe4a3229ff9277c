import type { z } from "zod";
import type { PlacesService } from "@/server/integrations/places/client";
import type { suggestPlacesInput } from "../place-schemas";
import type { PlaceSuggestionItem } from "../place-types";
import { forVisitor } from "./place-search-errors";

export interface SuggestPlacesOptions {
  input: z.output<typeof suggestPlacesInput>;
  places: Pick<PlacesService, "autocomplete">;
}

/** Autocomplete for the place box: districts, stations, streets and postcodes, nearest first when a point is known. */
export async function suggestPlaces({ input, places }: SuggestPlacesOptions): Promise<PlaceSuggestionItem[]> {
  try {
    const suggestions = await places.autocomplete({
      input: input.input,
      ...(input.near ? { near: input.near } : {}),
      ...(input.sessionToken ? { sessionToken: input.sessionToken } : {}),
    });
    return suggestions.map((s) => ({
      placeId: s.placeId,
      primaryText: s.primaryText || s.text,
      secondaryText: s.secondaryText,
      distanceMeters: s.distanceMeters,
    }));
  } catch (error) {
    throw forVisitor(error);
  }
}
