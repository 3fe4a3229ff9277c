import type http from "node:http";
import type { Emulator } from "../lib/http";
import { readBody, sendJson } from "../lib/http";
import { gazetteer, type GazetteerPlace, type LatLng } from "./gazetteer";
import { distanceMeters, rank, SCORE, type Ranked } from "./match";
import {
  applyFieldMask,
  AUTOCOMPLETE_FIELDS,
  FieldMaskError,
  geocodeResult,
  PLACE_FIELDS,
  parseFieldMask,
  placeResource,
  SEARCH_TEXT_FIELDS,
  suggestionResource,
} from "./resources";

export type { GazetteerPlace, LatLng } from "./gazetteer";
export { placeIdFor } from "./gazetteer";

export type PlacesApi = "places" | "geocoding";
export const PLACES_APIS: PlacesApi[] = ["places", "geocoding"];

export interface PlacesEmulatorOptions {
  /** Keys that may call both APIs. */
  apiKeys: string[];
  /** Keys that exist but are not allowed to call these APIs (an API restriction on the key). */
  blockedKeys?: string[];
  /** Requests a minute per API and key (Google's per-minute quotas); unset = unlimited. */
  quota?: Partial<Record<PlacesApi, number>>;
  now?: () => number;
}

export interface PlacesRequestRecord {
  at: string;
  api: PlacesApi;
  method: string;
  /** The path without the query string, e.g. /v1/places:searchText. */
  path: string;
  /** The last four characters of the API key, if any. */
  keySuffix: string | null;
  fieldMask: string | null;
  /** The JSON body (Places) or the query parameters without the key (Geocoding). */
  params: Record<string, unknown>;
  status: number;
  /** Geocoding's `status` field, or Places' error status. */
  outcome: string;
}

export interface PlacesFault {
  api?: PlacesApi;
  /** HTTP status to answer instead (Geocoding: 429 → OVER_QUERY_LIMIT, 500 → UNKNOWN_ERROR, as Google answers them). */
  status: number;
  count?: number;
}

export interface PlacesEmulator extends Emulator {
  setQuota(api: PlacesApi, perMinute: number | undefined): void;
  failNext(fault: PlacesFault): void;
  /** Every request so far, oldest first. */
  requests(): PlacesRequestRecord[];
  reset(): void;
  snapshot(): { requests: PlacesRequestRecord[]; quota: Partial<Record<PlacesApi, number>>; faults: PlacesFault[]; places: number };
  /** The gazetteer (read-only), for tests and the Inbox. */
  places(): readonly GazetteerPlace[];
}

const WINDOW_MS = 60_000;
const GRPC_STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};
const DEFAULT_MESSAGES: Record<number, string> = {
  500: "Internal error encountered.",
  503: "The service is currently unavailable.",
  504: "The request timed out.",
};
const PLACE_ID = /^[A-Za-z0-9_-]{10,}$/;
const MAX_RADIUS_M = 50_000;
/** Google's ccTLD region codes that are not ISO 3166-1 codes. */
const CC_TLD: Record<string, string> = { uk: "GB" };

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Input = Record<string, unknown>;

function asObject(value: unknown, field: string): Input | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw new ApiFailure(400, `Invalid value at '${field}': expected an object.`);
  return value as Input;
}

function point(value: unknown, field: string): LatLng {
  const input = asObject(value, field) ?? {};
  const latitude = Number(input.latitude ?? 0);
  const longitude = Number(input.longitude ?? 0);
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) throw new ApiFailure(400, `Invalid ${field}: latitude must be between -90.0 and 90.0.`);
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) throw new ApiFailure(400, `Invalid ${field}: longitude must be between -180.0 and 180.0.`);
  return { latitude, longitude };
}

interface Circle {
  center: LatLng;
  radius: number;
}

function circle(value: unknown, field: string): Circle | undefined {
  const input = asObject(value, field);
  if (input === undefined) return undefined;
  const radius = Number(input.radius ?? 0);
  if (!Number.isFinite(radius) || radius < 0 || radius > MAX_RADIUS_M) {
    throw new ApiFailure(400, `Invalid ${field}.radius: must be between 0.0 and 50000.0, inclusive.`);
  }
  return { center: point(input.center, `${field}.center`), radius };
}

function rectangle(value: unknown, field: string): { low: LatLng; high: LatLng } | undefined {
  const input = asObject(value, field);
  if (input === undefined) return undefined;
  const low = point(input.low, `${field}.low`);
  const high = point(input.high, `${field}.high`);
  if (low.latitude > high.latitude) throw new ApiFailure(400, `Invalid ${field}: low.latitude cannot be greater than high.latitude.`);
  return { low, high };
}

function inside(place: GazetteerPlace, area: { low: LatLng; high: LatLng }): boolean {
  const { latitude, longitude } = place.location;
  return latitude >= area.low.latitude && latitude <= area.high.latitude && longitude >= area.low.longitude && longitude <= area.high.longitude;
}

function regionCodeOf(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length === 0) return undefined;
  return CC_TLD[value.toLowerCase()] ?? value.toUpperCase();
}

/** Places in `regionCode` first (a bias, as regionCode is for Text Search), keeping the rest in order. */
function preferRegion(ranked: Ranked[], regionCode: string | undefined): Ranked[] {
  if (regionCode === undefined) return ranked;
  return [...ranked].sort((a, b) => b.score - a.score || Number(b.place.regionCode === regionCode) - Number(a.place.regionCode === regionCode));
}

export function createPlacesEmulator(options: PlacesEmulatorOptions): PlacesEmulator {
  const now = options.now ?? Date.now;
  const keys = new Set(options.apiKeys);
  const blocked = new Set(options.blockedKeys ?? []);
  let quota: Partial<Record<PlacesApi, number>> = { ...options.quota };
  const calls = new Map<string, number[]>();
  let faults: Required<PlacesFault>[] = [];
  let log: PlacesRequestRecord[] = [];
  const all = gazetteer();
  const byId = new Map(all.map((place) => [place.id, place]));

  /** Records a call and tells whether the key is over its per-minute quota for `api`. */
  function overQuota(api: PlacesApi, key: string): boolean {
    const limit = quota[api];
    if (limit === undefined) return false;
    const at = now();
    const bucket = `${api}|${key}`;
    const recent = (calls.get(bucket) ?? []).filter((t) => t > at - WINDOW_MS);
    recent.push(at);
    calls.set(bucket, recent);
    return recent.length > limit;
  }

  function takeFault(api: PlacesApi): Required<PlacesFault> | undefined {
    const fault = faults.find((f) => f.api === api);
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) faults = faults.filter((f) => f !== fault);
    return fault;
  }

  function record(entry: Omit<PlacesRequestRecord, "at">) {
    log.push({ at: new Date(now()).toISOString(), ...entry });
    if (log.length > 1000) log = log.slice(-1000);
  }

  // ---- Places API (New) ----

  function sendPlacesError(res: http.ServerResponse, status: number, message: string, extra: Record<string, unknown> = {}) {
    sendJson(res, status, { error: { code: status, message, status: GRPC_STATUS[status] ?? "UNKNOWN", ...extra } });
  }

  function errorInfo(reason: string, metadata: Record<string, string> = {}) {
    return {
      details: [
        { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain: "googleapis.com", metadata: { service: "places.googleapis.com", ...metadata } },
      ],
    };
  }

  function checkPlacesKey(req: http.IncomingMessage, url: URL, method: string): string {
    const header = req.headers["x-goog-api-key"];
    const key = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("key") ?? "";
    if (key === "") {
      throw new ApiFailure(
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        errorInfo("CONSUMER_INVALID"),
      );
    }
    if (blocked.has(key)) {
      throw new ApiFailure(
        403,
        `Requests to this API places.googleapis.com method google.maps.places.v1.Places.${method} are blocked.`,
        errorInfo("API_KEY_SERVICE_BLOCKED", { methodName: `google.maps.places.v1.Places.${method}` }),
      );
    }
    if (!keys.has(key)) throw new ApiFailure(400, "API key not valid. Please pass a valid API key.", errorInfo("API_KEY_INVALID"));
    const fault = takeFault("places");
    if (fault) throw new ApiFailure(fault.status, DEFAULT_MESSAGES[fault.status] ?? (fault.status === 429 ? quotaMessage(method) : "Injected failure."));
    if (overQuota("places", key)) {
      throw new ApiFailure(429, quotaMessage(method), errorInfo("RATE_LIMIT_EXCEEDED", { quota_limit: `${method}RequestsPerMinutePerProject` }));
    }
    return key;
  }

  function quotaMessage(method: string) {
    return `Quota exceeded for quota metric '${method} requests' and limit '${method} requests per minute' of service 'places.googleapis.com' for consumer 'project_number:000000000000'.`;
  }

  function fieldMaskOf(req: http.IncomingMessage, url: URL): string | null {
    const header = req.headers["x-goog-fieldmask"];
    const value = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("fields") ?? url.searchParams.get("$fields");
    return value === null || value === undefined || value.trim() === "" ? null : value;
  }

  function requireFieldMask(mask: string | null, example: string): string {
    if (mask === null) {
      throw new ApiFailure(
        400,
        `FieldMask is a required parameter. See https://cloud.google.com/apis/docs/system-parameters on how to provide it. As an example, you can set the header 'X-Goog-FieldMask' to value ${example} to ask for the display name and the place id of a place. You can also set the value to '*' in manual testing to get all the available response fields.`,
      );
    }
    return mask;
  }

  async function readPlacesBody(req: http.IncomingMessage): Promise<Input> {
    const raw = await readBody(req);
    if (raw.length === 0) return {};
    try {
      const parsed: unknown = JSON.parse(raw.toString("utf8"));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
      return parsed as Input;
    } catch {
      throw new ApiFailure(400, "Invalid JSON payload received. Unexpected token.");
    }
  }

  function searchText(body: Input, mask: string): Record<string, unknown> {
    const paths = parseFieldMask(mask, SEARCH_TEXT_FIELDS, "places");
    const text = typeof body.textQuery === "string" ? body.textQuery.trim() : "";
    if (text === "") throw new ApiFailure(400, "Empty text_query.");
    const bias = asObject(body.locationBias, "location_bias");
    const biasCircle = circle(bias?.circle, "location_bias.circle");
    const biasRectangle = rectangle(bias?.rectangle, "location_bias.rectangle");
    const restriction = rectangle(asObject(body.locationRestriction, "location_restriction")?.rectangle, "location_restriction.rectangle");
    const limitInput = body.pageSize ?? body.maxResultCount;
    const limit = limitInput === undefined || Number(limitInput) === 0 ? 20 : Number(limitInput);
    if (!Number.isInteger(limit) || limit < 0) throw new ApiFailure(400, "page_size must be a non-negative integer.");
    const origin =
      biasCircle?.center ??
      (biasRectangle
        ? { latitude: (biasRectangle.low.latitude + biasRectangle.high.latitude) / 2, longitude: (biasRectangle.low.longitude + biasRectangle.high.longitude) / 2 }
        : undefined);
    let ranked = rank(restriction ? all.filter((place) => inside(place, restriction)) : all, text, origin);
    const includedType = typeof body.includedType === "string" && body.includedType !== "" ? body.includedType : undefined;
    if (includedType) {
      ranked = body.strictTypeFiltering === true
        ? ranked.filter((m) => m.place.types.includes(includedType))
        : [...ranked].sort((a, b) => Number(b.place.types.includes(includedType)) - Number(a.place.types.includes(includedType)));
    }
    ranked = preferRegion(ranked, origin ? undefined : regionCodeOf(body.regionCode));
    // rankPreference DISTANCE (2 when the client sends enums as numbers): nearest first.
    if ((body.rankPreference === "DISTANCE" || body.rankPreference === 1) && origin) {
      ranked = [...ranked].sort((a, b) => (a.distanceMeters ?? 0) - (b.distanceMeters ?? 0));
    }
    const languageCode = typeof body.languageCode === "string" ? body.languageCode : undefined;
    const places = ranked.slice(0, Math.min(limit, 20)).map((m) => placeResource(m.place, { languageCode, now: now() }));
    // Google answers `{}` when nothing matches.
    return places.length === 0 ? {} : applyFieldMask({ places }, paths);
  }

  function autocomplete(body: Input, mask: string | null): Record<string, unknown> {
    const paths = mask === null ? "*" : parseFieldMask(mask, AUTOCOMPLETE_FIELDS);
    const input = typeof body.input === "string" ? body.input.trim() : "";
    if (input === "") throw new ApiFailure(400, "Empty input.");
    const bias = circle(asObject(body.locationBias, "location_bias")?.circle, "location_bias.circle");
    const restriction = circle(asObject(body.locationRestriction, "location_restriction")?.circle, "location_restriction.circle");
    const origin = body.origin === undefined ? undefined : point(body.origin, "origin");
    const types = Array.isArray(body.includedPrimaryTypes) ? body.includedPrimaryTypes.map(String) : [];
    if (types.length > 5) throw new ApiFailure(400, "At most 5 included_primary_types can be specified.");
    const regions = Array.isArray(body.includedRegionCodes) ? body.includedRegionCodes.map((code) => regionCodeOf(code)!) : [];
    if (regions.length > 15) throw new ApiFailure(400, "At most 15 included_region_codes can be specified.");
    const typeOk = (place: GazetteerPlace) =>
      types.length === 0 ||
      types.some((type) =>
        type === "(regions)"
          ? !place.types.includes("establishment")
          : type === "(cities)"
            ? place.kind === "locality"
            : place.primaryType === type,
      );
    const candidates = all.filter(
      (place) =>
        typeOk(place) &&
        (regions.length === 0 || regions.includes(place.regionCode)) &&
        (restriction === undefined || distanceMeters(restriction.center, place.location) <= restriction.radius),
    );
    const ranked = preferRegion(rank(candidates, input, bias?.center ?? restriction?.center ?? origin), regionCodeOf(body.regionCode));
    const languageCode = typeof body.languageCode === "string" ? body.languageCode : undefined;
    const suggestions = ranked.slice(0, 5).map((m) =>
      suggestionResource(m.place, {
        input,
        languageCode,
        ...(origin ? { distanceMeters: distanceMeters(origin, m.place.location) } : {}),
      }),
    );
    return suggestions.length === 0 ? {} : applyFieldMask({ suggestions }, paths);
  }

  function getPlace(id: string, url: URL, mask: string): Record<string, unknown> {
    const paths = parseFieldMask(mask, PLACE_FIELDS);
    if (!PLACE_ID.test(id)) throw new ApiFailure(400, `Not a valid Place ID: ${id}`);
    const place = byId.get(id);
    if (!place) throw new ApiFailure(404, "Requested entity was not found.");
    return applyFieldMask(placeResource(place, { languageCode: url.searchParams.get("languageCode") ?? undefined, now: now() }), paths);
  }

  async function handlePlaces(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    let method: string;
    if (req.method === "POST" && path === "/v1/places:searchText") method = "SearchText";
    else if (req.method === "POST" && path === "/v1/places:autocomplete") method = "AutocompletePlaces";
    else if (req.method === "GET" && path.startsWith("/v1/places/")) method = "GetPlace";
    else return false;
    const fieldMask = fieldMaskOf(req, url);
    let body: Input = {};
    let key: string | null = null;
    try {
      body = req.method === "POST" ? await readPlacesBody(req) : {};
      key = checkPlacesKey(req, url, method);
      let answer: Record<string, unknown>;
      if (method === "SearchText") answer = searchText(body, requireFieldMask(fieldMask, "'places.displayName', 'places.id'"));
      else if (method === "AutocompletePlaces") answer = autocomplete(body, fieldMask);
      else {
        const id = decodeURIComponent(path.slice("/v1/places/".length));
        body = { name: `places/${id}` };
        answer = getPlace(id, url, requireFieldMask(fieldMask, "'displayName', 'id'"));
      }
      sendJson(res, 200, answer);
      record({ api: "places", method: req.method!, path, keySuffix: key.slice(-4), fieldMask, params: body, status: 200, outcome: "OK" });
    } catch (error) {
      const failure =
        error instanceof ApiFailure ? error : error instanceof FieldMaskError ? new ApiFailure(400, error.message) : null;
      if (!failure) throw error;
      sendPlacesError(res, failure.status, failure.message, failure.extra);
      record({
        api: "places",
        method: req.method!,
        path,
        keySuffix: key?.slice(-4) ?? null,
        fieldMask,
        params: body,
        status: failure.status,
        outcome: GRPC_STATUS[failure.status] ?? "UNKNOWN",
      });
    }
    return true;
  }

  // ---- Geocoding API ----

  function geocode(params: URLSearchParams): { status: string; results: Record<string, unknown>[]; errorMessage?: string } {
    const address = params.get("address")?.trim() ?? "";
    const placeId = params.get("place_id")?.trim() ?? "";
    const latlng = params.get("latlng")?.trim() ?? "";
    const components = new Map(
      (params.get("components") ?? "")
        .split("|")
        .map((part) => part.split(":"))
        .filter((pair): pair is [string, string] => pair.length === 2 && pair[1] !== "")
        .map(([name, value]) => [name.toLowerCase(), value]),
    );
    if (address === "" && placeId === "" && latlng === "" && components.size === 0) {
      return { status: "INVALID_REQUEST", results: [], errorMessage: "Invalid request. Missing the 'address', 'components', 'latlng' or 'place_id' parameter." };
    }
    const languageCode = params.get("language") ?? undefined;
    if (placeId !== "") {
      const place = byId.get(placeId);
      if (!place) return PLACE_ID.test(placeId) ? { status: "NOT_FOUND", results: [] } : { status: "INVALID_REQUEST", results: [], errorMessage: "Invalid request. Invalid 'place_id' parameter." };
      return { status: "OK", results: [geocodeResult(place, { partialMatch: false, languageCode })] };
    }
    if (latlng !== "") {
      const [lat, lng] = latlng.split(",").map(Number);
      if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat!) > 90 || Math.abs(lng!) > 180) {
        return { status: "INVALID_REQUEST", results: [], errorMessage: "Invalid request. Invalid 'latlng' parameter." };
      }
      const here = { latitude: lat!, longitude: lng! };
      const near = all
        .map((place) => ({ place, d: distanceMeters(here, place.location) }))
        .filter((entry) => entry.d <= 5_000)
        .sort((a, b) => a.d - b.d)
        .slice(0, 5);
      return near.length === 0
        ? { status: "ZERO_RESULTS", results: [] }
        : { status: "OK", results: near.map((entry) => geocodeResult(entry.place, { partialMatch: false, languageCode })) };
    }
    const country = regionCodeOf(components.get("country"));
    const postal = components.get("postal_code");
    const candidates = all.filter(
      (place) =>
        (country === undefined || place.regionCode === country) &&
        (postal === undefined || (place.postalCode ?? "").replace(/\s+/g, "").toUpperCase() === postal.replace(/\s+/g, "").toUpperCase()),
    );
    const bounds = (params.get("bounds") ?? "").split(/[|,]/).map(Number);
    const origin =
      bounds.length === 4 && bounds.every(Number.isFinite)
        ? { latitude: (bounds[0]! + bounds[2]!) / 2, longitude: (bounds[1]! + bounds[3]!) / 2 }
        : undefined;
    let ranked: Ranked[];
    if (address === "") {
      const order = (p: GazetteerPlace) => (p.kind === "postal_code" ? 0 : 1);
      ranked = candidates.sort((a, b) => order(a) - order(b)).slice(0, 1).map((place) => ({ place, score: SCORE.exact, distanceMeters: undefined }));
    } else {
      ranked = preferRegion(rank(candidates, address, origin), origin ? undefined : regionCodeOf(params.get("region")));
    }
    // The geocoder answers its best interpretation, not a list: the top-scoring places only.
    const best = ranked.filter((m) => m.score === ranked[0]?.score).slice(0, 5);
    if (best.length === 0) return { status: "ZERO_RESULTS", results: [] };
    return {
      status: "OK",
      results: best.map((m) => geocodeResult(m.place, { partialMatch: m.score < SCORE.namePrefix || best.length > 1, languageCode })),
    };
  }

  function handleGeocode(req: http.IncomingMessage, res: http.ServerResponse, url: URL): boolean {
    if (url.pathname !== "/maps/api/geocode/json") return false;
    const key = url.searchParams.get("key") ?? "";
    const params: Record<string, unknown> = Object.fromEntries([...url.searchParams].filter(([name]) => name !== "key"));
    const answer = (status: string, results: Record<string, unknown>[], errorMessage?: string, httpStatus = 200) => {
      sendJson(res, httpStatus, { ...(errorMessage ? { error_message: errorMessage } : {}), results, status });
      record({ api: "geocoding", method: req.method ?? "GET", path: url.pathname, keySuffix: key ? key.slice(-4) : null, fieldMask: null, params, status: httpStatus, outcome: status });
    };
    if (key === "") {
      answer("REQUEST_DENIED", [], "You must use an API key to authenticate each request to Google Maps Platform APIs. For additional information, please refer to http://g.co/dev/maps-no-account");
      return true;
    }
    if (blocked.has(key)) {
      answer("REQUEST_DENIED", [], "This API key is not authorized to use this service or API.");
      return true;
    }
    if (!keys.has(key)) {
      answer("REQUEST_DENIED", [], "The provided API key is invalid. ");
      return true;
    }
    const fault = takeFault("geocoding");
    if (fault) {
      if (fault.status === 429) answer("OVER_QUERY_LIMIT", [], "You have exceeded your rate-limit for this API.");
      else if (fault.status === 500) answer("UNKNOWN_ERROR", [], "An unknown error occurred. Please try again.");
      else answer("UNKNOWN_ERROR", [], DEFAULT_MESSAGES[fault.status] ?? "Injected failure.", fault.status);
      return true;
    }
    if (overQuota("geocoding", key)) {
      answer("OVER_QUERY_LIMIT", [], "You have exceeded your rate-limit for this API.");
      return true;
    }
    const result = geocode(url.searchParams);
    answer(result.status, result.results, result.errorMessage);
    return true;
  }

  // ---- control ----

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith("/__control/")) return false;
    const route = `${req.method} ${url.pathname}`;
    try {
      const raw = req.method === "POST" ? await readBody(req) : Buffer.alloc(0);
      const input = (raw.length > 0 ? JSON.parse(raw.toString("utf8")) : {}) as Input;
      const api = (): PlacesApi => {
        if (!PLACES_APIS.includes(input.api as PlacesApi)) throw new Error(`"api" must be one of ${PLACES_APIS.join(", ")}`);
        return input.api as PlacesApi;
      };
      switch (route) {
        case "GET /__control/snapshot":
          return (sendJson(res, 200, emulator.snapshot()), true);
        case "GET /__control/requests":
          return (sendJson(res, 200, { requests: log }), true);
        case "POST /__control/reset":
          emulator.reset();
          return (sendJson(res, 200, {}), true);
        case "POST /__control/quota": {
          const perMinute = input.perMinute;
          if (perMinute !== null && (typeof perMinute !== "number" || !Number.isInteger(perMinute) || perMinute < 0)) {
            throw new Error(`"perMinute" must be a whole number of requests, or null for no quota`);
          }
          emulator.setQuota(api(), perMinute === null ? undefined : perMinute);
          return (sendJson(res, 200, { quota }), true);
        }
        case "POST /__control/fail-next": {
          const status = input.status;
          if (typeof status !== "number" || status < 400 || status > 599) throw new Error(`"status" must be an HTTP error status (400-599)`);
          const count = input.count === undefined ? 1 : Number(input.count);
          if (!Number.isInteger(count) || count < 1) throw new Error(`"count" must be a whole number above 0`);
          emulator.failNext({ api: api(), status, count });
          return (sendJson(res, 200, { faults }), true);
        }
        default:
          sendJson(res, 404, { error: `unknown control endpoint ${route}` });
          return true;
      }
    } catch (error) {
      sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
      return true;
    }
  }

  const emulator: PlacesEmulator = {
    name: "places",
    async handle(req, res, url) {
      if (await handleControl(req, res, url)) return;
      if (await handlePlaces(req, res, url)) return;
      if (handleGeocode(req, res, url)) return;
      if (url.pathname === "/" || url.pathname === "/health") {
        return sendJson(res, 200, { name: "places", places: all.length, now: new Date(now()).toISOString() });
      }
      sendPlacesError(res, 404, `Method not found: ${req.method} ${url.pathname}`);
    },
    setQuota(target, perMinute) {
      quota = { ...quota, [target]: perMinute };
      if (perMinute === undefined) delete quota[target];
      for (const bucket of [...calls.keys()]) if (bucket.startsWith(`${target}|`)) calls.delete(bucket);
    },
    failNext(fault) {
      const count = fault.count ?? 1;
      for (const api of fault.api ? [fault.api] : PLACES_APIS) faults.push({ api, status: fault.status, count });
    },
    requests: () => [...log],
    reset() {
      log = [];
      faults = [];
      calls.clear();
      quota = { ...options.quota };
    },
    snapshot: () => ({ requests: [...log], quota: { ...quota }, faults: faults.map((f) => ({ ...f })), places: all.length }),
    places: () => all,
  };
  return emulator;
}
