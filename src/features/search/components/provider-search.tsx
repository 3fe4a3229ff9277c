"use client";

import dynamic from "next/dynamic";
import { useId, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { usePatientTimeZone } from "@/features/availability";
import { LanguageSelect, SpecialtySelect } from "@/features/providers";
import type { PlaceSuggestionItem } from "../place-types";
import { SEARCH_DEFAULT_RADIUS_KM, type SearchPoint, type SearchSort } from "../schemas";
import { useProviderSearch, useResolvePlace } from "../hooks/use-search";
import { PlaceCombobox } from "./place-combobox";
import { ProviderSearchResults } from "./provider-search-results";

// The Maps SDK is only downloaded when a browser key is configured and there is something to show.
const ResultsMap = dynamic(() => import("./results-map").then((m) => m.ResultsMap), { ssr: false });

const RADII_KM = [2, 5, 10, 25, 50] as const;
const WITHIN_DAYS = [1, 3, 7, 14] as const;

/** Where the search is centred: a picked place, or the visitor's own position. */
interface Centre {
  label: string;
  point: SearchPoint;
}

const subscribeNever = () => () => {};

export interface ProviderSearchProps {
  /** A browser Maps JavaScript API key; without one there is no map, only the list. */
  mapsBrowserKey?: string;
  /** This request's CSP nonce, for the scripts and styles the map adds. */
  nonce?: string;
}

/**
 * "Near me, soonest": a place box with suggestions (or the browser's position, with
 * permission), a radius, distance or soonest first, the directory's filters and "free within
 * N days". Results are always an accessible list; a map is added when a browser key is set.
 */
export function ProviderSearch({ mapsBrowserKey, nonce }: ProviderSearchProps) {
  const ids = { q: useId(), specialty: useId(), language: useId(), service: useId(), mode: useId(), radius: useId(), sort: useId(), within: useId() };
  const [placeText, setPlaceText] = useState("");
  const [centre, setCentre] = useState<Centre | null>(null);
  const [placeProblem, setPlaceProblem] = useState<string | null>(null);
  const [sessionToken, setSessionToken] = useState<string | undefined>(undefined);
  const [isLocating, setIsLocating] = useState(false);
  const [radiusKm, setRadiusKm] = useState<number>(SEARCH_DEFAULT_RADIUS_KM);
  const [sortChoice, setSortChoice] = useState<SearchSort>("distance");
  const [query, setQuery] = useState("");
  const [specialty, setSpecialty] = useState("");
  const [language, setLanguage] = useState("");
  const [service, setService] = useState("");
  const [mode, setMode] = useState<"" | "ONLINE" | "IN_PERSON">("");
  const [withinDays, setWithinDays] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const resolvePlace = useResolvePlace();

  const { timeZone: viewerZone } = usePatientTimeZone();
  // The server cannot know whether the browser can locate the visitor: the button comes after hydration.
  const canLocate = useSyncExternalStore(subscribeNever, () => "geolocation" in navigator, () => false);

  // Distance needs a place; online visits have none.
  const canSortByDistance = centre !== null && mode !== "ONLINE";
  const sort: SearchSort = canSortByDistance ? sortChoice : "soonest";
  const search = useProviderSearch({
    near: centre?.point,
    radiusKm,
    sort,
    q: query.trim() || undefined,
    specialty: specialty || undefined,
    service: service.trim() || undefined,
    language: language || undefined,
    mode: mode || undefined,
    availableWithinDays: withinDays ?? undefined,
    page,
  });

  const onPick = async (suggestion: PlaceSuggestionItem) => {
    setPlaceProblem(null);
    try {
      const place = await resolvePlace(suggestion.placeId, sessionToken);
      setCentre({ label: place.label, point: place.point });
      setPage(1);
    } catch (error) {
      setPlaceProblem(error instanceof Error ? error.message : "This place could not be found. Pick it again.");
    } finally {
      // A pick ends the billed autocomplete session; the next typing starts another.
      setSessionToken(undefined);
    }
  };

  const useMyLocation = () => {
    setIsLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setIsLocating(false);
        setPlaceProblem(null);
        setPlaceText("");
        setCentre({ label: "your location", point: { latitude: position.coords.latitude, longitude: position.coords.longitude } });
        setPage(1);
      },
      // Refused or unavailable: the place box is still there; nothing to apologise for.
      () => setIsLocating(false),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    );
  };

  const resetPage = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(1);
  };
  const data = search.data;
  const heading = data
    ? `${data.total} provider${data.total === 1 ? "" : "s"}${centre ? ` within ${radiusKm} km of ${centre.label}` : ""}, ${data.sort === "distance" ? "nearest first" : "soonest first"}`
    : "Searching…";

  return (
    <section aria-labelledby="search-heading" className="space-y-6">
      <h1 id="search-heading" className="text-3xl font-bold tracking-tight">
        Find care near you
      </h1>
      <form role="search" aria-label="Providers near a place" className="space-y-4" onSubmit={(event) => event.preventDefault()}>
        <div className="grid gap-4 md:grid-cols-[2fr_1fr_1fr]">
          <div className="space-y-2">
            <PlaceCombobox
              label="Place or postcode"
              text={placeText}
              onTextChange={(text) => {
                setPlaceText(text);
                if (!sessionToken) setSessionToken(crypto.randomUUID());
                if (text.trim() === "" && centre && centre.label !== "your location") {
                  setCentre(null);
                  setPage(1);
                }
              }}
              onPick={(suggestion) => void onPick(suggestion)}
              near={centre?.point}
              sessionToken={sessionToken}
              problem={placeProblem}
            />
            {canLocate ? (
              <Button type="button" variant="secondary" onClick={useMyLocation} disabled={isLocating}>
                {isLocating ? "Finding your location…" : "Use my location"}
              </Button>
            ) : null}
          </div>
          <div>
            <label htmlFor={ids.radius} className="mb-1 block text-sm font-medium">
              Within
            </label>
            <Select id={ids.radius} value={radiusKm} disabled={!centre} onChange={(event) => resetPage(setRadiusKm)(Number(event.target.value))}>
              {RADII_KM.map((km) => (
                <option key={km} value={km}>
                  {km} km
                </option>
              ))}
            </Select>
          </div>
          <div>
            <label htmlFor={ids.sort} className="mb-1 block text-sm font-medium">
              Sort by
            </label>
            <Select id={ids.sort} value={sort} onChange={(event) => resetPage(setSortChoice)(event.target.value as SearchSort)}>
              <option value="distance" disabled={!canSortByDistance}>
                Distance
              </option>
              <option value="soonest">Soonest free time</option>
            </Select>
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <div>
            <label htmlFor={ids.q} className="mb-1 block text-sm font-medium">
              Name, practice or city
            </label>
            <Input id={ids.q} value={query} placeholder="e.g. Harbour Health, Mumbai" onChange={(event) => resetPage(setQuery)(event.target.value)} />
          </div>
          <div>
            <label htmlFor={ids.specialty} className="mb-1 block text-sm font-medium">
              Specialty
            </label>
            <SpecialtySelect id={ids.specialty} value={specialty} onChange={resetPage(setSpecialty)} />
          </div>
          <div>
            <label htmlFor={ids.service} className="mb-1 block text-sm font-medium">
              Service
            </label>
            <Input id={ids.service} value={service} placeholder="e.g. follow-up" onChange={(event) => resetPage(setService)(event.target.value)} />
          </div>
          <div>
            <label htmlFor={ids.language} className="mb-1 block text-sm font-medium">
              Language
            </label>
            <LanguageSelect id={ids.language} value={language} onChange={resetPage(setLanguage)} />
          </div>
          <div>
            <label htmlFor={ids.mode} className="mb-1 block text-sm font-medium">
              Visit type
            </label>
            <Select id={ids.mode} value={mode} onChange={(event) => resetPage(setMode)(event.target.value as "" | "ONLINE" | "IN_PERSON")}>
              <option value="">Online or in person</option>
              <option value="IN_PERSON">In person</option>
              <option value="ONLINE">Online</option>
            </Select>
          </div>
          <div>
            <label htmlFor={ids.within} className="mb-1 block text-sm font-medium">
              Free within
            </label>
            <Select
              id={ids.within}
              value={withinDays ?? ""}
              onChange={(event) => resetPage(setWithinDays)(event.target.value === "" ? null : Number(event.target.value))}
            >
              <option value="">Any time</option>
              {WITHIN_DAYS.map((days) => (
                <option key={days} value={days}>
                  {days === 1 ? "1 day" : `${days} days`}
                </option>
              ))}
            </Select>
          </div>
        </div>
      </form>

      {search.isError ? (
        <p role="alert" className="text-red-700">
          {search.error.message}
        </p>
      ) : null}

      <h2 id="search-results-heading" aria-live="polite" className="text-xl font-semibold">
        {heading}
      </h2>
      {data?.isRankingCapped ? (
        <p className="text-sm text-slate-600">Only the nearest matches were ranked: narrow the radius or add filters to see the rest.</p>
      ) : null}
      {data && mapsBrowserKey && centre ? <ResultsMap apiKey={mapsBrowserKey} nonce={nonce} centre={centre.point} results={data.items} /> : null}
      {data && viewerZone ? <ProviderSearchResults results={data.items} timeZone={viewerZone} windowDays={data.window.days} labelledBy="search-results-heading" /> : null}

      {data ? <Pagination page={data.page} pageCount={data.pageCount} onPage={setPage} /> : null}
    </section>
  );
}
