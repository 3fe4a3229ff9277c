"use client";

import { Autocomplete, GoogleMap, MarkerF, useJsApiLoader } from "@react-google-maps/api";
import { Component, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
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

/** The ARIA combobox pattern (list autocomplete) over places.suggest, as on the search page. */
function ServerPlaceSearch({ sessionToken, onPick, problem }: { sessionToken: string; onPick: (placeId: string, label: string) => void; problem: string | null }) {
  const id = useId();
  const ids = { input: `${id}-input`, list: `${id}-list`, hint: `${id}-hint`, problem: `${id}-problem` };
  const [text, setText] = useState("");
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const suggestions = useLocationPlaceSuggestions(text, { sessionToken, enabled: isOpen });
  const options = isOpen && text.trim().length >= 2 ? (suggestions.data ?? []) : [];
  const isExpanded = options.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;
  const message = problem ?? (isOpen && suggestions.isError ? `${suggestions.error.message} You can type the address and coordinates below.` : null);

  const choose = (index: number) => {
    const chosen = options[index];
    if (!chosen) return;
    setIsOpen(false);
    setActive(-1);
    setText(chosen.primaryText);
    onPick(chosen.placeId, chosen.primaryText);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!isOpen) setIsOpen(true);
      if (options.length > 0) setActive((index) => (index + 1) % options.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (options.length > 0) setActive((index) => (index <= 0 ? options.length - 1 : index - 1));
    } else if (event.key === "Enter") {
      // Enter picks here and never submits the location form around the box.
      if (isExpanded) {
        event.preventDefault();
        choose(active >= 0 ? active : 0);
      }
    } else if (event.key === "Escape" && isExpanded) {
      event.preventDefault();
      setIsOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="relative">
      <label htmlFor={ids.input} className="mb-1 block text-sm font-medium">
        Find the place
      </label>
      <Input
        id={ids.input}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isExpanded}
        aria-controls={ids.list}
        aria-activedescendant={isExpanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby={[ids.hint, message ? ids.problem : null].filter(Boolean).join(" ")}
        aria-invalid={problem ? true : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. Harbour Health King's Cross, 14 Pancras Square"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setIsOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setIsOpen(false)}
      />
      <p id={ids.hint} className="mt-1 text-xs text-slate-600">
        The practice&apos;s name or address. Use the arrow keys to choose a suggestion; its details fill in the form below.
      </p>
      <ul
        id={ids.list}
        role="listbox"
        aria-label={`Places matching ${text.trim() || "what you type"}`}
        hidden={!isExpanded}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
      >
        {options.map((suggestion, index) => (
          <li
            key={suggestion.placeId}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={`cursor-pointer px-3 py-2 ${index === active ? "bg-brand-50 text-brand-900" : "hover:bg-slate-50"}`}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(index)}
          >
            <span className="font-medium">{suggestion.primaryText}</span>
            {suggestion.secondaryText ? <span className="text-slate-600">, {suggestion.secondaryText}</span> : null}
          </li>
        ))}
      </ul>
      <p aria-live="polite" className="sr-only">
        {isExpanded ? `${options.length} suggestion${options.length === 1 ? "" : "s"}` : ""}
      </p>
      {message ? (
        <p id={ids.problem} role="alert" className="mt-1 text-sm text-red-700">
          {message}
        </p>
      ) : null}
    </div>
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
