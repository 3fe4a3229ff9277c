import type { GazetteerPlace, LatLng } from "./gazetteer";
import { normalize } from "./match";

/** Top-level fields of the Places API (New) `Place` message (google.maps.places.v1.Place). */
export const PLACE_FIELDS = new Set([
  "name", "id", "displayName", "types", "primaryType", "primaryTypeDisplayName", "googleMapsTypeLabel", "nationalPhoneNumber",
  "internationalPhoneNumber", "formattedAddress", "shortFormattedAddress", "postalAddress", "addressComponents", "plusCode",
  "location", "viewport", "rating", "googleMapsUri", "websiteUri", "reviews", "regularOpeningHours", "utcOffsetMinutes",
  "timeZone", "photos", "adrFormatAddress", "businessStatus", "openingDate", "priceLevel", "attributions", "userRatingCount",
  "iconMaskBaseUri", "iconBackgroundColor", "takeout", "delivery", "dineIn", "curbsidePickup", "reservable", "servesBreakfast",
  "servesLunch", "servesDinner", "servesBeer", "servesWine", "servesBrunch", "servesVegetarianFood", "currentOpeningHours",
  "currentSecondaryOpeningHours", "regularSecondaryOpeningHours", "editorialSummary", "outdoorSeating", "liveMusic",
  "menuForChildren", "servesCocktails", "servesDessert", "servesCoffee", "goodForChildren", "allowsDogs", "restroom",
  "goodForGroups", "goodForWatchingSports", "paymentOptions", "parkingOptions", "subDestinations", "accessibilityOptions",
  "fuelOptions", "evChargeOptions", "generativeSummary", "containingPlaces", "pureServiceAreaBusiness", "addressDescriptor",
  "googleMapsLinks", "priceRange", "reviewSummary", "evChargeAmenitySummary", "neighborhoodSummary", "consumerAlert",
  "movedPlace", "movedPlaceId", "transitStation",
]);

/** Fields of the searchText and autocomplete responses besides the places themselves. */
export const SEARCH_TEXT_FIELDS = new Set(["places", "routingSummaries", "contextualContents", "nextPageToken", "searchUri"]);
export const AUTOCOMPLETE_FIELDS = new Set(["suggestions"]);

/** The display name in `languageCode` when the gazetteer has one (matched on the primary subtag). */
function displayName(place: GazetteerPlace, languageCode: string | undefined) {
  if (languageCode) {
    const primary = languageCode.toLowerCase().split(/[-_]/)[0]!;
    const translated = place.names[languageCode] ?? place.names[primary];
    if (translated) return { text: translated, languageCode: primary };
  }
  return { text: place.name, languageCode: "en" };
}

function utcOffsetMinutes(timeZone: string, at: number): number {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? "");
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

interface Point {
  day: number;
  hour: number;
  minute: number;
}

/** "8:30 AM": Google's en-US clock in weekdayDescriptions. */
function clockText(hour: number, minute: number): string {
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}:${String(minute).padStart(2, "0")}\u202f${hour < 12 || hour === 24 ? "AM" : "PM"}`;
}

/**
 * `regularOpeningHours` as the Places API (New) answers it: periods with `open` and `close`
 * points (day 0 is Sunday; a close at midnight is 00:00 of the next day), a place open all the
 * time as one period opening Sunday 00:00 with no close, and weekdayDescriptions from Monday.
 */
export function openingHoursResource(hours: NonNullable<GazetteerPlace["hours"]>, timeZone: string, now: number): Record<string, unknown> {
  if (hours === "24h") {
    return {
      openNow: true,
      periods: [{ open: { day: 0, hour: 0, minute: 0 } }],
      weekdayDescriptions: [1, 2, 3, 4, 5, 6, 0].map((day) => `${DAY_NAMES[day]}: Open 24 hours`),
    };
  }
  const parse = (text: string) => text.split(":").map(Number) as [number, number];
  const periods = hours
    .map(([day, open, close]) => {
      const [oh, om] = parse(open);
      const [ch, cm] = parse(close);
      const closeDay = ch === 24 || ch * 60 + cm <= oh * 60 + om ? (day + 1) % 7 : day;
      return { open: { day, hour: oh, minute: om }, close: { day: closeDay, hour: ch % 24, minute: cm } };
    })
    .sort((a, b) => a.open.day - b.open.day || a.open.hour * 60 + a.open.minute - (b.open.hour * 60 + b.open.minute));
  const descriptions = [1, 2, 3, 4, 5, 6, 0].map((day) => {
    const today = hours.filter(([d]) => d === day).sort((a, b) => a[1].localeCompare(b[1]));
    if (today.length === 0) return `${DAY_NAMES[day]}: Closed`;
    const spans = today.map(([, open, close]) => `${clockText(...parse(open))}\u2009\u2013\u2009${clockText(...parse(close))}`);
    return `${DAY_NAMES[day]}: ${spans.join(", ")}`;
  });
  const local = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const part = (type: string) => local.find((p) => p.type === type)?.value ?? "";
  const weekMinute = (point: Point) => point.day * 1440 + point.hour * 60 + point.minute;
  const nowMinute = weekMinute({ day: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(part("weekday")), hour: Number(part("hour")), minute: Number(part("minute")) });
  const openNow = periods.some((period) => {
    const start = weekMinute(period.open);
    let end = weekMinute(period.close);
    if (end <= start) end += 7 * 1440;
    return (nowMinute >= start && nowMinute < end) || (nowMinute + 7 * 1440 >= start && nowMinute + 7 * 1440 < end);
  });
  return { openNow, periods, weekdayDescriptions: descriptions };
}

/** A Place (New) resource with every field the gazetteer knows; the field mask then trims it. */
export function placeResource(place: GazetteerPlace, options: { languageCode?: string; now: number }): Record<string, unknown> {
  const component = (type: string) => place.addressComponents.find((c) => c.types.includes(type));
  const locality = component("locality") ?? component("postal_town");
  const lines = place.addressComponents.filter((c) => c.types.includes("street_number") || c.types.includes("route")).map((c) => c.longText);
  return {
    name: `places/${place.id}`,
    id: place.id,
    displayName: displayName(place, options.languageCode),
    types: place.types,
    primaryType: place.primaryType,
    primaryTypeDisplayName: { text: place.primaryTypeDisplayName, languageCode: "en-US" },
    formattedAddress: place.formattedAddress,
    shortFormattedAddress: place.shortFormattedAddress,
    addressComponents: place.addressComponents.map((c) => ({ ...c, languageCode: "en" })),
    postalAddress: {
      regionCode: place.regionCode,
      languageCode: "en",
      ...(place.postalCode ? { postalCode: place.postalCode } : {}),
      ...(component("administrative_area_level_1") ? { administrativeArea: component("administrative_area_level_1")!.shortText } : {}),
      ...(locality ? { locality: locality.longText } : {}),
      ...(lines.length > 0 ? { addressLines: [lines.join(" ")] } : {}),
    },
    location: place.location,
    viewport: place.viewport,
    googleMapsUri: `https://maps.google.com/?q=place_id:${place.id}`,
    utcOffsetMinutes: utcOffsetMinutes(place.timeZone, options.now),
    timeZone: { id: place.timeZone },
    ...(place.phone ? { nationalPhoneNumber: place.phone.national, internationalPhoneNumber: place.phone.international } : {}),
    ...(place.website ? { websiteUri: place.website } : {}),
    ...(place.hours ? { regularOpeningHours: openingHoursResource(place.hours, place.timeZone, options.now) } : {}),
  };
}

export class FieldMaskError extends Error {}

/** Parses `X-Goog-FieldMask`: comma-separated paths, `*` for everything. */
export function parseFieldMask(mask: string, allowed: Set<string>, prefix?: string): string[] | "*" {
  const paths = mask.split(",").map((p) => p.trim()).filter((p) => p.length > 0);
  if (paths.includes("*")) return "*";
  for (const path of paths) {
    const [head, next] = path.split(".");
    const ok = prefix !== undefined && head === prefix ? next === undefined || next === "*" || PLACE_FIELDS.has(next) : allowed.has(head!);
    if (!ok) throw new FieldMaskError(`Error expanding 'fields' parameter. Cannot find matching fields for path '${path}'.`);
  }
  return paths;
}

function pick(value: unknown, path: string[]): unknown {
  if (path.length === 0 || path[0] === "*") return value;
  if (Array.isArray(value)) return value.map((item) => pick(item, path));
  if (typeof value !== "object" || value === null) return undefined;
  const [head, ...rest] = path;
  const child = (value as Record<string, unknown>)[head!];
  if (child === undefined) return undefined;
  const picked = pick(child, rest);
  return picked === undefined ? undefined : { [head!]: picked };
}

function merge(target: Record<string, unknown>, source: unknown): Record<string, unknown> {
  if (typeof source !== "object" || source === null) return target;
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (Array.isArray(value) && Array.isArray(existing)) {
      target[key] = value.map((item, i) => merge({ ...(existing[i] as Record<string, unknown>) }, item));
    } else if (typeof value === "object" && value !== null && !Array.isArray(value) && typeof existing === "object" && existing !== null) {
      target[key] = merge({ ...(existing as Record<string, unknown>) }, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

/** Only the masked fields of `resource` (Google returns nothing else). */
export function applyFieldMask(resource: Record<string, unknown>, paths: string[] | "*"): Record<string, unknown> {
  if (paths === "*") return resource;
  return paths.reduce<Record<string, unknown>>((out, path) => merge(out, pick(resource, path.split("."))), {});
}

/**
 * Where each query word starts a word of `text`: Google's `matches` offsets, in characters of
 * the original text. Compared as `normalize` does (case, accents, apostrophes ignored).
 */
function matches(text: string, query: string): { startOffset?: number; endOffset: number }[] {
  let folded = "";
  const origin: number[] = [];
  Array.from(text).forEach((char, i) => {
    if (/['’`]/.test(char)) return;
    const plain = char.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase() || char;
    for (const unit of plain) {
      folded += unit;
      origin.push(i);
    }
  });
  origin.push(Array.from(text).length);
  const out: { startOffset?: number; endOffset: number }[] = [];
  for (const word of normalize(query).split(" ").filter(Boolean)) {
    let at = folded.indexOf(word);
    while (at > 0 && /[\p{L}\p{N}]/u.test(folded[at - 1]!)) at = folded.indexOf(word, at + 1);
    if (at < 0) continue;
    const start = origin[at]!;
    const end = (origin[at + word.length - 1] ?? start) + 1;
    if (out.some((m) => (m.startOffset ?? 0) === start)) continue;
    out.push({ ...(start > 0 ? { startOffset: start } : {}), endOffset: end });
  }
  return out.sort((a, b) => (a.startOffset ?? 0) - (b.startOffset ?? 0));
}

export function suggestionResource(
  place: GazetteerPlace,
  options: { input: string; languageCode?: string; distanceMeters?: number },
): Record<string, unknown> {
  const main = displayName(place, options.languageCode).text;
  const secondary = place.formattedAddress.startsWith(`${place.name}, `)
    ? place.formattedAddress.slice(place.name.length + 2)
    : place.formattedAddress;
  const full = `${main}, ${secondary}`;
  return {
    placePrediction: {
      place: `places/${place.id}`,
      placeId: place.id,
      text: { text: full, matches: matches(full, options.input) },
      structuredFormat: { mainText: { text: main, matches: matches(main, options.input) }, secondaryText: { text: secondary } },
      types: place.types,
      ...(options.distanceMeters === undefined ? {} : { distanceMeters: Math.round(options.distanceMeters) }),
    },
  };
}

const latLng = (point: LatLng) => ({ lat: point.latitude, lng: point.longitude });

/** A Geocoding API result (snake_case, as the web service answers). */
export function geocodeResult(place: GazetteerPlace, options: { partialMatch: boolean; languageCode?: string }): Record<string, unknown> {
  const isArea = !place.types.includes("establishment");
  const viewport = { northeast: latLng(place.viewport.high), southwest: latLng(place.viewport.low) };
  const name = displayName(place, options.languageCode).text;
  return {
    address_components: place.addressComponents.map((c) => ({
      long_name: c.types.includes("political") && c.longText === place.name ? name : c.longText,
      short_name: c.shortText,
      types: c.types,
    })),
    formatted_address: place.formattedAddress,
    geometry: {
      ...(isArea ? { bounds: viewport } : {}),
      location: latLng(place.location),
      location_type: isArea ? "APPROXIMATE" : "GEOMETRIC_CENTER",
      viewport,
    },
    ...(options.partialMatch ? { partial_match: true } : {}),
    place_id: place.id,
    types: place.types,
  };
}
