export {
  placeIdSchema,
  searchProvidersInput,
  searchPointSchema,
  SEARCH_DEFAULT_RADIUS_KM,
  SEARCH_DEFAULT_WINDOW_DAYS,
  SEARCH_RADIUS_MAX_KM,
  SEARCH_RADIUS_MIN_KM,
  type SearchPoint,
  type SearchProvidersInput,
  type SearchSort,
} from "./schemas";
export type { ProviderSearchPage, ProviderSearchResult } from "./types";
export { resolvePlaceInput, suggestPlacesInput, type ResolvePlaceInput, type SuggestPlacesInput } from "./place-schemas";
export type { PlaceSuggestionItem, ResolvedPlace } from "./place-types";
export { ProviderSearchResults, formatDistance, type ProviderSearchResultsProps } from "./components/provider-search-results";
export { ProviderSearch, type ProviderSearchProps } from "./components/provider-search";
