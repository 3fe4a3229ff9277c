import type { GeocodeResult } from "@googlemaps/google-maps-services-js";
import type { PlacesClient as GooglePlacesClient, protos } from "@googlemaps/places";

import { AppError } from "@/lib/errors/app-error";

import { geocodingErrorToAppError, placesErrorToAppError } from "./errors";
import { timeZoneAt } from "./time-zone";
import type {
  AutocompleteInput,
  GeocodeOptions,
  LatLng,
  OpeningPeriod,
  PlaceDetails,
  PlaceDetailsOptions,
  PlaceSuggestion,
  PlaceSummary,
  SearchPlacesInput,
} from "./types";

export type * from "./types";
export { timeZoneAt } from "./time-zone";

export interface PlacesConfig {
  /** A server key allowed to call the Places API (New) and the Geocoding API. */
  apiKey: string;
  /** Base URL of the Places API (New); unset = https://places.googleapis.com. */
  placesApiUrl?: string;
  /** Base URL of the Geocoding API (the path /maps/api/geocode/json is appended); unset = https://maps.googleapis.com. */
  geocodingApiUrl?: string;
  timeoutMs?: number;
}

export interface PlacesService {
  searchPlaces(input: SearchPlacesInput): Promise<PlaceSummary[]>;
  autocomplete(input: AutocompleteInput): Promise<PlaceSuggestion[]>;
  placeDetails(placeId: string, options?: PlaceDetailsOptions): Promise<PlaceDetails>;
  /** Best matches first; empty when Google finds nothing (ZERO_RESULTS). */
  geocode(address: string, options?: GeocodeOptions): Promise<PlaceSummary[]>;
}

/** Google's largest bias or restriction circle. */
export const MAX_RADIUS_METERS = 50_000;
const DEFAULT_RADIUS_METERS = 20_000;
const MAX_TEXT = 200;
const PLACE_ID = /^[A-Za-z0-9_-]{1,300}$/;
const REGION = /^[A-Za-z]{2}$/;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

// Only what we read is asked for: Places (New) bills by the fields in the mask.
const SUMMARY_FIELDS = ["id", "displayName", "formattedAddress", "location", "types", "addressComponents"];
const SEARCH_MASK = SUMMARY_FIELDS.map((field) => `places.${field}`).join(",");
const DETAILS_MASK = [...SUMMARY_FIELDS, "viewport"].join(",");
// Phone, website and hours move a details call up to the Enterprise SKU: asked for only by the location form.
const CONTACT_DETAILS_MASK = [DETAILS_MASK, "internationalPhoneNumber", "nationalPhoneNumber", "websiteUri", "regularOpeningHours"].join(",");

function invalid(field: string, message: string): AppError {
  return new AppError("VALIDATION", message, { retryable: false, fieldErrors: { [field]: [message] } });
}

function text(value: unknown, field: string, label: string): string {
  const trimmed = typeof value === "string" ? value.trim() : "";
  if (trimmed === "") throw invalid(field, `Enter ${label}.`);
  if (trimmed.length > MAX_TEXT) throw invalid(field, `${label[0]!.toUpperCase()}${label.slice(1)} must be at most ${MAX_TEXT} characters.`);
  return trimmed;
}

function point(value: LatLng, field: string): LatLng {
  const { latitude, longitude } = value;
  if (typeof latitude !== "number" || !Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
    throw invalid(`${field}.latitude`, "Latitude must be a number from -90 to 90.");
  }
  if (typeof longitude !== "number" || !Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
    throw invalid(`${field}.longitude`, "Longitude must be a number from -180 to 180.");
  }
  return { latitude, longitude };
}

function radius(value: number | undefined): number {
  if (value === undefined) return DEFAULT_RADIUS_METERS;
  if (!Number.isFinite(value) || value <= 0 || value > MAX_RADIUS_METERS) {
    throw invalid("radiusMeters", `The radius must be more than 0 and at most ${MAX_RADIUS_METERS / 1000} km.`);
  }
  return value;
}

function optionalCode(value: string | undefined, pattern: RegExp, field: string, message: string): string | undefined {
  if (value === undefined) return undefined;
  if (!pattern.test(value)) throw invalid(field, message);
  return value;
}

function placeId(value: string): string {
  if (typeof value !== "string" || !PLACE_ID.test(value)) throw invalid("placeId", "The place id is not valid. Pick the place again.");
  return value;
}

interface Component {
  longText: string;
  shortText: string;
  types: string[];
}

function summary(input: {
  placeId: string;
  name: string;
  formattedAddress: string;
  location: LatLng;
  types: string[];
  components: Component[];
}): PlaceSummary {
  const component = (type: string) => input.components.find((c) => c.types.includes(type));
  return {
    placeId: input.placeId,
    name: input.name,
    formattedAddress: input.formattedAddress,
    location: input.location,
    types: input.types,
    countryCode: component("country")?.shortText ?? null,
    region: component("administrative_area_level_1")?.shortText ?? null,
    locality: (component("locality") ?? component("postal_town"))?.longText ?? null,
    postalCode: component("postal_code")?.longText ?? null,
    timeZone: timeZoneAt(input.location.latitude, input.location.longitude),
  };
}

type GooglePlace = protos.google.maps.places.v1.IPlace;

/** The REST transport decodes into protobuf objects: an absent string is "", an absent message null. */
function fromPlace(place: GooglePlace): PlaceSummary | null {
  const location = place.location;
  if (!place.id || !location || typeof location.latitude !== "number" || typeof location.longitude !== "number") return null;
  const formattedAddress = place.formattedAddress ?? "";
  return summary({
    placeId: place.id,
    name: place.displayName?.text || formattedAddress.split(",")[0] || place.id,
    formattedAddress,
    location: { latitude: location.latitude, longitude: location.longitude },
    types: place.types ?? [],
    components: (place.addressComponents ?? []).map((c) => ({ longText: c.longText ?? "", shortText: c.shortText ?? "", types: c.types ?? [] })),
  });
}

type GoogleHours = protos.google.maps.places.v1.Place.IOpeningHours;

function openingPeriods(hours: GoogleHours | null | undefined): OpeningPeriod[] | null {
  if (!hours?.periods?.length) return null;
  const point = (p: protos.google.maps.places.v1.Place.OpeningHours.Period.IPoint | null | undefined) =>
    p && typeof p.day === "number" ? { day: p.day, hour: p.hour ?? 0, minute: p.minute ?? 0 } : null;
  return hours.periods.flatMap((period) => {
    const open = point(period.open);
    return open ? [{ open, close: point(period.close) }] : [];
  });
}

function fromGeocodeResult(result: GeocodeResult): PlaceSummary {
  const components = result.address_components.map((c) => ({ longText: c.long_name, shortText: c.short_name, types: c.types as string[] }));
  return summary({
    placeId: result.place_id,
    name: components[0]?.longText ?? result.formatted_address.split(",")[0] ?? result.formatted_address,
    formattedAddress: result.formatted_address,
    location: { latitude: result.geometry.location.lat, longitude: result.geometry.location.lng },
    types: result.types as string[],
    components,
  });
}

type ClientOptions = NonNullable<ConstructorParameters<typeof GooglePlacesClient>[0]>;

/** host, port and scheme for google-gax from a base URL such as http://127.0.0.1:4015. */
function endpoint(url: string | undefined): Pick<ClientOptions, "apiEndpoint" | "port"> & { protocol?: "http" | "https" } {
  if (url === undefined) return {};
  const parsed = new URL(url);
  const secure = parsed.protocol === "https:";
  // google-gax's REST transport reads `protocol` (https unless told) though its types omit it.
  return { apiEndpoint: parsed.hostname, port: Number(parsed.port || (secure ? 443 : 80)), protocol: secure ? "https" : "http" };
}

export function createPlacesService(config: PlacesConfig): PlacesService {
  const timeout = config.timeoutMs ?? 8_000;
  const geocodeUrl = `${(config.geocodingApiUrl ?? "https://maps.googleapis.com").replace(/\/+$/, "")}/maps/api/geocode/json`;
  let places: Promise<GooglePlacesClient> | undefined;
  let geocoder: Promise<import("@googlemaps/google-maps-services-js").Client> | undefined;

  // The SDKs are loaded on first use: google-gax is large and most requests never search places.
  const placesClient = () => {
    places ??= import("@googlemaps/places").then(
      ({ PlacesClient }) =>
        // REST (HTTP/1.1 + JSON) rather than gRPC: the same transport reaches Google and the local cloud.
        new PlacesClient({ apiKey: config.apiKey, fallback: true, ...endpoint(config.placesApiUrl) } as ClientOptions),
    );
    return places;
  };
  const geocodingClient = () => {
    geocoder ??= import("@googlemaps/google-maps-services-js").then(({ Client }) => new Client({}));
    return geocoder;
  };
  const callOptions = (fieldMask: string | undefined) => ({
    timeout,
    // Search is interactive: no silent retries; a retryable AppError lets the caller decide.
    retry: null,
    ...(fieldMask ? { otherArgs: { headers: { "X-Goog-FieldMask": fieldMask } } } : {}),
  });

  return {
    async searchPlaces(input) {
      const textQuery = text(input.text, "text", "a place, district or postcode");
      const near = input.near === undefined ? undefined : point(input.near, "near");
      const circleRadius = radius(input.radiusMeters);
      const languageCode = optionalCode(input.languageCode, LANGUAGE, "languageCode", "The language must be a code such as en or hi.");
      const regionCode = optionalCode(input.regionCode, REGION, "regionCode", "The country must be a two-letter code such as GB.");
      const maxResults = input.maxResults ?? 10;
      if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 20) throw invalid("maxResults", "Ask for 1 to 20 places.");
      try {
        const client = await placesClient();
        const [response] = await client.searchText(
          {
            textQuery,
            maxResultCount: maxResults,
            ...(near ? { locationBias: { circle: { center: near, radius: circleRadius } } } : {}),
            ...(languageCode ? { languageCode } : {}),
            ...(regionCode ? { regionCode } : {}),
          },
          callOptions(SEARCH_MASK),
        );
        return (response.places ?? []).map(fromPlace).filter((place): place is PlaceSummary => place !== null);
      } catch (error) {
        throw placesErrorToAppError(error);
      }
    },

    async autocomplete(input) {
      const typed = text(input.input, "input", "a place, district or postcode");
      const near = input.near === undefined ? undefined : point(input.near, "near");
      const circleRadius = radius(input.radiusMeters);
      const languageCode = optionalCode(input.languageCode, LANGUAGE, "languageCode", "The language must be a code such as en or hi.");
      const regionCodes = input.regionCodes ?? [];
      if (regionCodes.length > 15 || regionCodes.some((code) => !REGION.test(code))) {
        throw invalid("regionCodes", "Countries must be at most 15 two-letter codes such as GB.");
      }
      try {
        const client = await placesClient();
        const [response] = await client.autocompletePlaces(
          {
            input: typed,
            ...(near ? { locationBias: { circle: { center: near, radius: circleRadius } }, origin: near } : {}),
            ...(languageCode ? { languageCode } : {}),
            ...(regionCodes.length > 0 ? { includedRegionCodes: regionCodes } : {}),
            ...(input.sessionToken ? { sessionToken: input.sessionToken } : {}),
          },
          callOptions(undefined),
        );
        return (response.suggestions ?? []).flatMap((suggestion) => {
          const prediction = suggestion.placePrediction;
          if (!prediction?.placeId) return [];
          const primaryText = prediction.structuredFormat?.mainText?.text || prediction.text?.text || "";
          return [
            {
              placeId: prediction.placeId,
              text: prediction.text?.text || primaryText,
              primaryText,
              secondaryText: prediction.structuredFormat?.secondaryText?.text ?? "",
              types: prediction.types ?? [],
              // Zero is also the protobuf default for "absent": only trust it when we sent an origin.
              distanceMeters: near && typeof prediction.distanceMeters === "number" ? prediction.distanceMeters : null,
            },
          ];
        });
      } catch (error) {
        throw placesErrorToAppError(error);
      }
    },

    async placeDetails(id, options = {}) {
      const name = `places/${placeId(id)}`;
      const languageCode = optionalCode(options.languageCode, LANGUAGE, "languageCode", "The language must be a code such as en or hi.");
      try {
        const client = await placesClient();
        const [place] = await client.getPlace(
          { name, ...(languageCode ? { languageCode } : {}), ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}) },
          callOptions(options.contact ? CONTACT_DETAILS_MASK : DETAILS_MASK),
        );
        const found = fromPlace(place);
        if (!found) throw new AppError("INTEGRATION_UNAVAILABLE", "Google returned this place without a location.", { vendor: "google-maps", retryable: false });
        const viewport = place.viewport;
        return {
          ...found,
          viewport:
            viewport?.low && viewport.high
              ? {
                  low: { latitude: viewport.low.latitude ?? 0, longitude: viewport.low.longitude ?? 0 },
                  high: { latitude: viewport.high.latitude ?? 0, longitude: viewport.high.longitude ?? 0 },
                }
              : null,
          phone: place.internationalPhoneNumber || place.nationalPhoneNumber || null,
          website: place.websiteUri || null,
          openingPeriods: openingPeriods(place.regularOpeningHours),
        };
      } catch (error) {
        throw placesErrorToAppError(error);
      }
    },

    async geocode(address, options = {}) {
      const query = text(address, "address", "an address or postcode");
      const region = optionalCode(options.regionCode, REGION, "regionCode", "The country must be a two-letter code such as GB.");
      const language = optionalCode(options.languageCode, LANGUAGE, "languageCode", "The language must be a code such as en or hi.");
      try {
        const client = await geocodingClient();
        const response = await client.geocode({
          url: geocodeUrl,
          timeout,
          // retry-axios would retry OVER_QUERY_LIMIT and 5xx for seconds; see callOptions above.
          raxConfig: { retry: 0, noResponseRetries: 0 },
          params: {
            address: query,
            key: config.apiKey,
            // Google's region is a ccTLD: the United Kingdom is "uk", not "gb".
            ...(region ? { region: region.toLowerCase() === "gb" ? "uk" : region.toLowerCase() } : {}),
            ...(language ? { language: language as never } : {}),
          },
        });
        return response.data.results.map(fromGeocodeResult);
      } catch (error) {
        throw geocodingErrorToAppError(error);
      }
    },
  };
}

let defaultService: Promise<PlacesService> | undefined;

async function buildDefaultService(): Promise<PlacesService> {
  // Imported lazily so modules (and their tests) that never search places need no env.
  const { env } = await import("~/env");
  if (env.GOOGLE_MAPS_SERVER_KEY === undefined) {
    throw new AppError("INTEGRATION_UNAVAILABLE", "Place search is not configured: set GOOGLE_MAPS_SERVER_KEY.", {
      vendor: "google-maps",
      reason: "not_configured",
      retryable: false,
    });
  }
  return createPlacesService({
    apiKey: env.GOOGLE_MAPS_SERVER_KEY,
    placesApiUrl: env.GOOGLE_PLACES_API_URL,
    geocodingApiUrl: env.GOOGLE_GEOCODING_API_URL,
  });
}

function getDefaultService(): Promise<PlacesService> {
  defaultService ??= buildDefaultService().catch((error: unknown) => {
    defaultService = undefined;
    throw error;
  });
  return defaultService;
}

export async function searchPlaces(input: SearchPlacesInput): Promise<PlaceSummary[]> {
  return (await getDefaultService()).searchPlaces(input);
}

export async function autocomplete(input: AutocompleteInput): Promise<PlaceSuggestion[]> {
  return (await getDefaultService()).autocomplete(input);
}

export async function placeDetails(placeId: string, options?: PlaceDetailsOptions): Promise<PlaceDetails> {
  return (await getDefaultService()).placeDetails(placeId, options);
}

export async function geocode(address: string, options?: GeocodeOptions): Promise<PlaceSummary[]> {
  return (await getDefaultService()).geocode(address, options);
}
