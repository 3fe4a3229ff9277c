import type { GazetteerPlace, LatLng } from "./gazetteer";

/**
 * Lower case without accents or apostrophes, every other run of punctuation one space: "King's
 * Cross" and "kings cross", "Bandra-West" and "bandra west", "São" and "sao" compare equal.
 */
export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function tokens(text: string): string[] {
  const value = normalize(text);
  return value.length === 0 ? [] : value.split(" ");
}

const EARTH_RADIUS_M = 6_371_008.8;

export function distanceMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Each query word is the start of a different word of `words`. */
function wordsMatch(query: string[], words: string[]): boolean {
  const used = new Set<number>();
  return query.every((word) => {
    const index = words.findIndex((candidate, i) => !used.has(i) && candidate.startsWith(word));
    if (index < 0) return false;
    used.add(index);
    return true;
  });
}

export const SCORE = { exact: 100, namePrefix: 90, nameWords: 70, addressWords: 40 } as const;

/** How well `query` names the place: 0 (no match) up to 100 (the name itself). */
export function textScore(place: GazetteerPlace, query: string): number {
  const q = normalize(query);
  if (q.length === 0) return 0;
  const words = q.split(" ");
  let best = 0;
  place.search.names.forEach((name, i) => {
    if (name === q) best = Math.max(best, SCORE.exact);
    else if (name.startsWith(q)) best = Math.max(best, SCORE.namePrefix);
    else if (wordsMatch(words, place.search.nameTokens[i]!)) best = Math.max(best, SCORE.nameWords);
  });
  if (best === 0 && wordsMatch(words, place.search.allTokens)) best = SCORE.addressWords;
  return best;
}

const KIND_ORDER = [
  "locality",
  "sublocality",
  "neighborhood",
  "postal_code",
  "train_station",
  "subway_station",
  "light_rail_station",
  "bus_station",
  "airport",
  "hospital",
  "medical_clinic",
  "university",
  "park",
  "tourist_attraction",
  "shopping_mall",
];

export interface Ranked {
  place: GazetteerPlace;
  score: number;
  distanceMeters: number | undefined;
}

/**
 * Places whose text matches, best first: by text score, then by distance to `origin` when
 * given, then areas before establishments, then by name. When some names match, places that
 * only match through their address (every place "in London" for "London") are left out, as
 * Google returns London itself rather than its streets.
 */
export function rank(places: GazetteerPlace[], query: string, origin: LatLng | undefined): Ranked[] {
  const matches: Ranked[] = [];
  for (const place of places) {
    const score = textScore(place, query);
    if (score > 0) matches.push({ place, score, distanceMeters: origin ? distanceMeters(origin, place.location) : undefined });
  }
  const anyNameMatch = matches.some((match) => match.score > SCORE.addressWords);
  const kept = anyNameMatch ? matches.filter((match) => match.score > SCORE.addressWords) : matches;
  return kept.sort(
    (a, b) =>
      b.score - a.score ||
      (a.distanceMeters ?? 0) - (b.distanceMeters ?? 0) ||
      KIND_ORDER.indexOf(a.place.kind) - KIND_ORDER.indexOf(b.place.kind) ||
      a.place.name.localeCompare(b.place.name),
  );
}
