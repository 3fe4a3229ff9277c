"use client";

import { GoogleMap, MarkerF, useJsApiLoader } from "@react-google-maps/api";
import { useMemo } from "react";
import type { SearchPoint } from "../schemas";
import type { ProviderSearchResult } from "../types";

export interface ResultsMapProps {
  /** A browser key for the Maps JavaScript API (restricted to this site's referrer). */
  apiKey: string;
  /** The CSP nonce of this page: Maps puts it on the scripts and styles it adds. */
  nonce?: string;
  centre: SearchPoint;
  results: readonly ProviderSearchResult[];
}

const MAP_STYLE = { width: "100%", height: "20rem" };

/**
 * The in-person results on a Google map around the searched place. It repeats the list (which
 * is always shown and is the accessible way through the results), so it is hidden from
 * assistive technology; if the Maps script cannot load, the map is left out, never half drawn.
 */
export function ResultsMap({ apiKey, nonce, centre, results }: ResultsMapProps) {
  const { isLoaded, loadError } = useJsApiLoader({ id: "medbookings-maps", googleMapsApiKey: apiKey, nonce, preventGoogleFontsLoading: true });
  const markers = useMemo(
    () =>
      results.flatMap((result) =>
        result.location ? [{ id: result.provider.id, title: `${result.provider.displayName}, ${result.location.name}`, position: { lat: result.location.latitude, lng: result.location.longitude } }] : [],
      ),
    [results],
  );
  if (loadError || !isLoaded) return null;
  return (
    <div aria-hidden="true" data-testid="results-map" className="overflow-hidden rounded-md border border-slate-200">
      <GoogleMap mapContainerStyle={MAP_STYLE} center={{ lat: centre.latitude, lng: centre.longitude }} zoom={13} options={{ clickableIcons: false, streetViewControl: false }}>
        {markers.map((marker) => (
          <MarkerF key={marker.id} position={marker.position} title={marker.title} />
        ))}
      </GoogleMap>
    </div>
  );
}
