"use client";

import { useState } from "react";
import { Combobox } from "@/components/ui/combobox";
import type { PlaceSuggestionItem } from "../place-types";
import type { SearchPoint } from "../schemas";
import { usePlaceSuggestions } from "../hooks/use-search";
import { formatDistance } from "./provider-search-results";

export interface PlaceComboboxProps {
  label: string;
  text: string;
  onTextChange: (text: string) => void;
  onPick: (suggestion: PlaceSuggestionItem) => void;
  /** Ranks suggestions near the visitor first when they shared their position. */
  near?: SearchPoint;
  sessionToken?: string;
  /** A message about the picked place (e.g. it could not be resolved), shown under the box. */
  problem?: string | null;
}

/** The search page's place box: places.suggest in the shared combobox, with distances when the visitor shared a position. */
export function PlaceCombobox({ label, text, onTextChange, onPick, near, sessionToken, problem }: PlaceComboboxProps) {
  const [isOpen, setIsOpen] = useState(false);
  const suggestions = usePlaceSuggestions(text, { near, sessionToken, enabled: isOpen });
  return (
    <Combobox
      label={label}
      hint="A district, station or postcode. Use the arrow keys to choose a suggestion."
      placeholder="e.g. King's Cross, SE1 7GP"
      listLabel={`Places matching ${text.trim() || "what you type"}`}
      text={text}
      onTextChange={onTextChange}
      isOpen={isOpen}
      onOpenChange={setIsOpen}
      options={suggestions.data ?? []}
      optionKey={(suggestion) => suggestion.placeId}
      optionDetail={(suggestion) => (suggestion.distanceMeters !== null ? formatDistance(suggestion.distanceMeters) : null)}
      onPick={onPick}
      problem={problem}
      loadProblem={suggestions.isError ? suggestions.error.message : null}
      // Escape on a closed list empties the box, and an empty box lets go of the picked centre.
      escapeClears
    />
  );
}
