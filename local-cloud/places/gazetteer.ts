import { createHash } from "node:crypto";
import tzLookup from "@photostructure/tz-lookup";
import { GAZETTEER_ROWS, type CityKey, type GazetteerRow, type PlaceKind } from "./gazetteer-data";
import { normalize, tokens } from "./match";

export type { CityKey, PlaceKind } from "./gazetteer-data";

export interface LatLng {
  latitude: number;
  longitude: number;
}

export interface AddressComponent {
  longText: string;
  shortText: string;
  types: string[];
}

/** One place of the gazetteer, in the emulator's own shape (rendered per API by resources.ts). */
export interface GazetteerPlace {
  id: string;
  city: CityKey;
  kind: PlaceKind;
  name: string;
  /** Display names in other languages, by BCP-47 code. */
  names: Record<string, string>;
  types: string[];
  primaryType: string;
  primaryTypeDisplayName: string;
  location: LatLng;
  viewport: { low: LatLng; high: LatLng };
  formattedAddress: string;
  shortFormattedAddress: string;
  addressComponents: AddressComponent[];
  regionCode: string;
  postalCode: string | undefined;
  timeZone: string;
  phone: { national: string; international: string } | undefined;
  website: string | undefined;
  hours: GazetteerRow["hours"];
  /** Normalized words of the name and aliases, then of the whole address. */
  search: { names: string[]; nameTokens: string[][]; allTokens: string[] };
}

const KIND_TYPES: Record<PlaceKind, { types: string[]; label: string }> = {
  locality: { types: ["locality", "political"], label: "City" },
  sublocality: { types: ["sublocality_level_1", "sublocality", "political"], label: "Sublocality" },
  neighborhood: { types: ["neighborhood", "political"], label: "Neighborhood" },
  postal_code: { types: ["postal_code"], label: "Postal code" },
  train_station: { types: ["train_station", "transit_station", "point_of_interest", "establishment"], label: "Train station" },
  subway_station: { types: ["subway_station", "transit_station", "point_of_interest", "establishment"], label: "Subway station" },
  light_rail_station: { types: ["light_rail_station", "transit_station", "point_of_interest", "establishment"], label: "Light rail station" },
  bus_station: { types: ["bus_station", "transit_station", "point_of_interest", "establishment"], label: "Bus station" },
  airport: { types: ["airport", "point_of_interest", "establishment"], label: "Airport" },
  hospital: { types: ["hospital", "health", "point_of_interest", "establishment"], label: "Hospital" },
  medical_clinic: { types: ["medical_clinic", "doctor", "health", "point_of_interest", "establishment"], label: "Medical clinic" },
  park: { types: ["park", "tourist_attraction", "point_of_interest", "establishment"], label: "Park" },
  tourist_attraction: { types: ["tourist_attraction", "point_of_interest", "establishment"], label: "Tourist attraction" },
  university: { types: ["university", "school", "point_of_interest", "establishment"], label: "University" },
  shopping_mall: { types: ["shopping_mall", "point_of_interest", "establishment"], label: "Shopping mall" },
};

const AREA_KINDS: ReadonlySet<PlaceKind> = new Set(["locality", "sublocality", "neighborhood"]);

/** Half-size of the viewport in metres, by kind (an area is larger than a station). */
function viewportRadius(row: GazetteerRow, city: CityKey): number {
  if (row.kind === "locality") return city === "adelaide" && row.name !== "Adelaide" ? 1500 : 20_000;
  if (row.kind === "sublocality") return city === "new-york" ? 8000 : 1500;
  if (row.kind === "neighborhood") return 1000;
  if (row.kind === "postal_code") return /\d[A-Z]{2}$/.test(row.postalCode ?? "") ? 100 : 1500;
  if (row.kind === "park" || row.kind === "airport") return 1000;
  return 150;
}

function viewport(lat: number, lng: number, metres: number) {
  const dLat = metres / 111_320;
  const dLng = metres / (111_320 * Math.cos((lat * Math.PI) / 180));
  const round = (value: number) => Math.round(value * 1e7) / 1e7;
  return {
    low: { latitude: round(lat - dLat), longitude: round(lng - dLng) },
    high: { latitude: round(lat + dLat), longitude: round(lng + dLng) },
  };
}

/** A stable, Google-looking place id ("ChIJ" and 23 URL-safe characters) from the row's identity. */
export function placeIdFor(city: CityKey, kind: PlaceKind, name: string): string {
  const digest = createHash("sha256").update(`${city}|${kind}|${name}`).digest("base64url");
  return `ChIJ${digest.slice(0, 23)}`;
}

const c = (longText: string, shortText: string, ...types: string[]): AddressComponent => ({ longText, shortText, types });

function streetComponents(street: string | undefined): AddressComponent[] {
  if (street === undefined) return [];
  const numbered = /^(\d[\w-]*),?\s+(.+)$/.exec(street);
  if (numbered) return [c(numbered[1]!, numbered[1]!, "street_number"), c(numbered[2]!, numbered[2]!, "route")];
  return [c(street, street, "route")];
}

function postalComponent(code: string | undefined, prefix: boolean): AddressComponent[] {
  if (code === undefined) return [];
  return [prefix ? c(code, code, "postal_code", "postal_code_prefix") : c(code, code, "postal_code")];
}

const NYC_COUNTIES: Record<string, string> = {
  Manhattan: "New York County",
  Brooklyn: "Kings County",
  Queens: "Queens County",
  "The Bronx": "Bronx County",
  "Staten Island": "Richmond County",
};

interface Address {
  components: AddressComponent[];
  formatted: string;
  short: string;
  regionCode: string;
}

function londonAddress(row: GazetteerRow): Address {
  const isArea = AREA_KINDS.has(row.kind);
  const isDistrict = row.postalCode !== undefined && !/\d[A-Z]{2}$/.test(row.postalCode);
  const neighbourhood = row.kind === "neighborhood" ? row.name : row.in;
  const components = [
    ...streetComponents(row.street),
    ...(neighbourhood ? [c(neighbourhood, neighbourhood, "neighborhood", "political")] : []),
    c("London", "London", row.kind === "locality" ? "locality" : "postal_town", ...(row.kind === "locality" ? ["political"] : [])),
    c("Greater London", "Greater London", "administrative_area_level_2", "political"),
    c("England", "England", "administrative_area_level_1", "political"),
    c("United Kingdom", "GB", "country", "political"),
    ...postalComponent(row.postalCode, isDistrict),
  ];
  const town = isArea || row.postalCode === undefined ? "London" : `London ${row.postalCode}`;
  const head = row.kind === "locality" ? [] : isArea ? [row.name] : row.street ? [row.street] : [];
  return { components, formatted: [...head, town, "UK"].join(", "), short: [...head, "London"].join(", "), regionCode: "GB" };
}

function newYorkAddress(row: GazetteerRow): Address {
  const borough = row.kind === "sublocality" ? row.name : row.in;
  const town = borough === undefined || borough === "Manhattan" ? "New York" : borough;
  const components = [
    ...streetComponents(row.street),
    ...(row.kind === "neighborhood" ? [c(row.name, row.name, "neighborhood", "political")] : []),
    ...(borough ? [c(borough, borough, "political", "sublocality", "sublocality_level_1")] : []),
    c("New York", "New York", "locality", "political"),
    ...(borough ? [c(NYC_COUNTIES[borough]!, NYC_COUNTIES[borough]!, "administrative_area_level_2", "political")] : []),
    c("New York", "NY", "administrative_area_level_1", "political"),
    c("United States", "US", "country", "political"),
    ...postalComponent(row.postalCode, false),
  ];
  const state = row.postalCode && !AREA_KINDS.has(row.kind) ? `NY ${row.postalCode}` : "NY";
  let head: string[];
  if (row.kind === "locality") head = [];
  else if (row.kind === "sublocality") head = row.name === "Manhattan" ? ["Manhattan", "New York"] : [row.name];
  else if (row.kind === "neighborhood") head = [row.name, town];
  else head = [...(row.street ? [row.street] : []), town];
  const formatted = row.kind === "locality" ? "New York, NY, USA" : [...head, state, "USA"].join(", ");
  return { components, formatted, short: head.length > 0 ? head.join(", ") : "New York", regionCode: "US" };
}

function mumbaiAddress(row: GazetteerRow): Address {
  const area = row.kind === "sublocality" ? row.name : row.in;
  const components = [
    ...streetComponents(row.street),
    ...(area ? [c(area, area, "political", "sublocality", "sublocality_level_1")] : []),
    c("Mumbai", "Mumbai", "locality", "political"),
    c("Maharashtra", "MH", "administrative_area_level_1", "political"),
    c("India", "IN", "country", "political"),
    ...postalComponent(row.postalCode, false),
  ];
  const state = row.postalCode ? `Maharashtra ${row.postalCode}` : "Maharashtra";
  const head =
    row.kind === "locality" ? [] : row.kind === "postal_code" ? [] : [...(row.street ? [row.street] : []), ...(area ? [area] : [])];
  return {
    components,
    formatted: [...head, "Mumbai", state, "India"].join(", "),
    short: [...head, "Mumbai"].join(", "),
    regionCode: "IN",
  };
}

function adelaideAddress(row: GazetteerRow): Address {
  const suburb = row.kind === "locality" ? row.name : (row.in ?? "Adelaide");
  const components = [
    ...streetComponents(row.street),
    c(suburb, suburb, "locality", "political"),
    c("South Australia", "SA", "administrative_area_level_1", "political"),
    c("Australia", "AU", "country", "political"),
    ...postalComponent(row.postalCode, false),
  ];
  const state = row.postalCode ? `${suburb} SA ${row.postalCode}` : `${suburb} SA`;
  const head = row.street ? [row.street] : [];
  return { components, formatted: [...head, state, "Australia"].join(", "), short: [...head, suburb].join(", "), regionCode: "AU" };
}

const ADDRESS: Record<CityKey, (row: GazetteerRow) => Address> = {
  london: londonAddress,
  "new-york": newYorkAddress,
  mumbai: mumbaiAddress,
  adelaide: adelaideAddress,
};

function build(city: CityKey, row: GazetteerRow): GazetteerPlace {
  const address = ADDRESS[city](row);
  const kind = KIND_TYPES[row.kind];
  const names = [row.name, ...(row.aliases ?? [])];
  if (row.postalCode !== undefined && row.kind === "postal_code") names.push(row.postalCode.replace(/\s+/g, ""));
  return {
    id: row.id ?? placeIdFor(city, row.kind, row.name),
    city,
    kind: row.kind,
    name: row.name,
    names: row.names ?? {},
    types: kind.types,
    primaryType: row.kind,
    primaryTypeDisplayName: kind.label,
    location: { latitude: row.lat, longitude: row.lng },
    viewport: viewport(row.lat, row.lng, viewportRadius(row, city)),
    formattedAddress: address.formatted,
    shortFormattedAddress: address.short,
    addressComponents: address.components,
    regionCode: address.regionCode,
    postalCode: row.postalCode,
    timeZone: tzLookup(row.lat, row.lng),
    phone: row.phone,
    website: row.website,
    hours: row.hours,
    search: {
      names: names.map(normalize),
      nameTokens: names.map(tokens),
      allTokens: [...new Set([...names.flatMap(tokens), ...tokens(address.formatted), ...Object.values(row.names ?? {}).flatMap(tokens)])],
    },
  };
}

let cached: GazetteerPlace[] | undefined;

/** Every place of the gazetteer (built once; ids are stable across runs). */
export function gazetteer(): GazetteerPlace[] {
  if (cached === undefined) {
    cached = (Object.keys(GAZETTEER_ROWS) as CityKey[]).flatMap((city) => GAZETTEER_ROWS[city].map((row) => build(city, row)));
    const seen = new Set<string>();
    for (const place of cached) {
      if (seen.has(place.id)) throw new Error(`local cloud places: duplicate place id ${place.id} (${place.name})`);
      seen.add(place.id);
    }
  }
  return cached;
}
