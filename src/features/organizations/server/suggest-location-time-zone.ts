import { timeZoneAt } from "@/server/integrations/places/client";

export interface SuggestLocationTimeZoneOptions {
  latitude: number;
  longitude: number;
}

/** The IANA zone at a point (a dragged map pin, typed coordinates), from the bundled lookup: no network. */
export function suggestLocationTimeZone({ latitude, longitude }: SuggestLocationTimeZoneOptions): { timeZone: string } {
  return { timeZone: timeZoneAt(latitude, longitude) };
}
