"use client";

import { Autocomplete, GoogleMap, MarkerF, useJsApiLoader } from "@react-google-maps/api";
import { Component, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Combobox } from "@/components/ui/combobox";
import { Input } from "@/components/ui/input";
import { readFormError } from "@/lib/errors/read-form-error";
import type { LocationFromPlaceDto } from "../location-types";
import { useLocationPlaceDetails, useLocationPlaceSuggestions, useSuggestTimeZone } from "../hooks/use-locations";

export interface LocationPickerProps {
  organizationId: string;
  /** A browser key for the Maps JavaScript API; without one only the server-backed search is offered. */
  mapsBrowserKey?: string;
  /** This page's CSP nonce: Maps puts it on the scripts and styles it adds. */
  nonce?: string;
  /** The location's point as the form holds it (null while the coordinates are not numbers). */
  point: { latitude: number; longitude: number } | null;
  /** A place was picked: its details, for the form to fill in. */
  onPlace: (place: LocationFromPlaceDto) => void;
  /** The pin was dragged: the new point and the zone the server finds there (null if it could not say). */
  onPointMoved: (point: { latitude: number; longitude: number }, suggestedTimeZone: string | null) => void;
}

/**
 * Finds the location's place. The server-backed search is always there (it works with no browser
 * key and with the Maps script blocked); with a browser key, a Google map with a draggable pin and
 * Google's own autocomplete are added on top.
 */
export function LocationPicker(props: LocationPickerProps) {
  const [sessionToken] = useState(() => crypto.randomUUID());
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const details = useLocationPlaceDetails(props.organizationId);
  const { onPlace } = props;

  const pick = async (placeId: string, label: string) => {
    setProblem(null);
    setStatus(`Loading the details of ${label}…`);
    try {
      const place = await details(placeId, sessionToken);
      onPlace(place);
      setStatus(`Filled in the form from ${place.name}. Check the fields, then save.`);
    } catch (error) {
      setStatus("");
      setProblem(readFormError(error).message);
    }
  };

  return (
    <div className="space-y-4">
      <ServerPlaceSearch sessionToken={sessionToken} onPick={(placeId, label) => void pick(placeId, label)} problem={problem} />
      <p role="status" className="text-sm text-slate-700">
        {status}
      </p>
      {props.mapsBrowserKey ? (
        <PlaceMap
          apiKey={props.mapsBrowserKey}
          nonce={props.nonce}
          organizationId={props.organizationId}
          point={props.point}
          onAutocompletePick={(placeId, label) => void pick(placeId, label)}
          onPointMoved={props.onPointMoved}
        />
      ) : (
        <p className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700" data-testid="map-needs-key">
          The map needs a browser Maps key: set GOOGLE_MAPS_BROWSER_KEY to a key for the Maps JavaScript API and restart the app. Search and the
          address and coordinates fields work without it.
        </p>
      )}
    </div>
  );
}

/** places.suggest in the shared combobox, as on the search page; a pick fills in the form below. */
function ServerPlaceSearch({ sessionToken, onPick, problem }: { sessionToken: string; onPick: (placeId: string, label: string) => void; problem: string | null }) {
  const [text, setText] = useState("");
  const [isOpen, setIsOpen] = useState(false);
  const suggestions = useLocationPlaceSuggestions(text, { sessionToken, enabled: isOpen });
  return (
    <Combobox
      label="Find the place"
      hint="The practice's name or address. Use the arrow keys to choose a suggestion; its details fill in the form below."
      placeholder="e.g. Harbour Health King's Cross, 14 Pancras Square"
      listLabel={`Places matching ${text.trim() || "what you type"}`}
      text={text}
      onTextChange={setText}
      isOpen={isOpen}
      onOpenChange={setIsOpen}
      options={suggestions.data ?? []}
      optionKey={(suggestion) => suggestion.placeId}
      onPick={(suggestion) => onPick(suggestion.placeId, suggestion.primaryText)}
      problem={problem}
      loadProblem={suggestions.isError ? `${suggestions.error.message} You can type the address and coordinates below.` : null}
    />
  );
}

/**
 * Google's widgets run their own code in our tree: if one throws (a key not allowed for the
 * Places library, a widget retired for new projects) only that widget is replaced by a note,
 * never the location form around it.
 */
class WidgetBoundary extends Component<{ children: ReactNode; fallback: ReactNode }, { hasFailed: boolean }> {
  state = { hasFailed: false };
  static getDerivedStateFromError() {
    return { hasFailed: true };
  }
  render() {
    return this.state.hasFailed ? this.props.fallback : this.props.children;
  }
}

const MAP_STYLE = { width: "100%", height: "20rem" };
// Where the map opens before the location has a point: the map is only a way to set one.
const WORLD_CENTRE = { lat: 20, lng: 0 };

interface PlaceMapProps {
  apiKey: string;
  nonce?: string;
  organizationId: string;
  point: { latitude: number; longitude: number } | null;
  onAutocompletePick: (placeId: string, label: string) => void;
  onPointMoved: LocationPickerProps["onPointMoved"];
}

function PlaceMap({ apiKey, nonce, organizationId, point, onAutocompletePick, onPointMoved }: PlaceMapProps) {
  const id = useId();
  // The same loader options as the search page's map: the Maps script is loaded once per page
  // and the loader refuses a second call with other options, so Places is imported on demand.
  const { isLoaded, loadError } = useJsApiLoader({ id: "medbookings-maps", googleMapsApiKey: apiKey, nonce, preventGoogleFontsLoading: true });
  const [placesReady, setPlacesReady] = useState(false);
  const [placesProblem, setPlacesProblem] = useState<string | null>(null);
  const [isKeyRefused, setIsKeyRefused] = useState(false);
  const autocomplete = useRef<google.maps.places.Autocomplete | null>(null);
  const suggestTimeZone = useSuggestTimeZone(organizationId);

  // A refused key (wrong key, referrer not allowed, API not enabled) loads the script anyway and
  // tells only this global callback; the map would be left grey with Google's own error in it.
  useEffect(() => {
    const holder = window as unknown as { gm_authFailure?: () => void };
    const previous = holder.gm_authFailure;
    holder.gm_authFailure = () => setIsKeyRefused(true);
    return () => {
      holder.gm_authFailure = previous;
    };
  }, []);

  useEffect(() => {
    if (!isLoaded) return;
    let isCurrent = true;
    google.maps
      .importLibrary("places")
      .then(() => isCurrent && setPlacesReady(true))
      .catch((error: unknown) => isCurrent && setPlacesProblem(error instanceof Error ? error.message : "Google's place library did not load."));
    return () => {
      isCurrent = false;
    };
  }, [isLoaded]);

  if (loadError || isKeyRefused) {
    const reason = isKeyRefused
      ? "Google refused the browser key (check GOOGLE_MAPS_BROWSER_KEY, the Maps JavaScript API and the key's allowed websites)"
      : loadError?.message || "the Maps script was blocked or could not be reached";
    return (
      <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="map-load-error">
        The map could not load: {reason}. You can still find the place by search or type the address and coordinates.
      </p>
    );
  }
  if (!isLoaded) return <p role="status" className="text-sm text-slate-700">Loading the map…</p>;

  const position = point ? { lat: point.latitude, lng: point.longitude } : null;
  const onDragEnd = async (event: google.maps.MapMouseEvent) => {
    const latLng = event.latLng;
    if (!latLng) return;
    // Six decimals are about 10 cm: more would only be noise from the drag.
    const moved = { latitude: Math.round(latLng.lat() * 1e6) / 1e6, longitude: Math.round(latLng.lng() * 1e6) / 1e6 };
    try {
      onPointMoved(moved, (await suggestTimeZone(moved.latitude, moved.longitude)).timeZone);
    } catch {
      onPointMoved(moved, null);
    }
  };

  return (
    <div className="space-y-3">
      {placesReady ? (
        <WidgetBoundary
          fallback={
            <p role="alert" className="text-sm text-amber-900">
              Google&apos;s place suggestions stopped working on this page. The search above still works.
            </p>
          }
        >
          <div>
            <label htmlFor={`${id}-autocomplete`} className="mb-1 block text-sm font-medium">
              Or search on Google Maps
            </label>
            <Autocomplete
              onLoad={(instance) => {
                autocomplete.current = instance;
              }}
              // Only the id: the details (phone, hours) come through our server like the search above.
              fields={["place_id", "name"]}
              onPlaceChanged={() => {
                const place = autocomplete.current?.getPlace();
                if (place?.place_id) onAutocompletePick(place.place_id, place.name ?? "the place");
              }}
            >
              <Input id={`${id}-autocomplete`} type="text" autoComplete="off" placeholder="Start typing a place on Google Maps" />
            </Autocomplete>
          </div>
        </WidgetBoundary>
      ) : placesProblem ? (
        <p role="alert" className="text-sm text-amber-900">
          Google&apos;s place suggestions could not load ({placesProblem}). The search above still works.
        </p>
      ) : null}
      <p id={`${id}-map-hint`} className="text-sm text-slate-700">
        {position ? "Drag the pin to the entrance; the coordinates and the suggested time zone follow it." : "Pick a place or type coordinates to put a pin on the map."}
      </p>
      <div role="region" aria-label="Map of the location" aria-describedby={`${id}-map-hint`} className="overflow-hidden rounded-md border border-slate-200">
        <WidgetBoundary
          fallback={
            <p role="alert" className="p-3 text-sm text-amber-900">
              The map stopped working on this page. You can still find the place by search or type the address and coordinates.
            </p>
          }
        >
          <GoogleMap
            mapContainerStyle={MAP_STYLE}
            center={position ?? WORLD_CENTRE}
            zoom={position ? 17 : 2}
            options={{ clickableIcons: false, streetViewControl: false }}
          >
            {position ? <MarkerF position={position} draggable title="The location (drag to move)" onDragEnd={(event) => void onDragEnd(event)} /> : null}
          </GoogleMap>
        </WidgetBoundary>
      </div>
    </div>
  );
}
