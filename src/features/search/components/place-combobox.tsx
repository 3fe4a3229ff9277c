"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { Input } from "@/components/ui/input";
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

/**
 * A place box with suggestions, following the ARIA combobox pattern (list autocomplete): the
 * input keeps focus, Up/Down move through the suggestions (aria-activedescendant), Enter picks,
 * Escape closes the list (or clears the text when it is closed).
 */
export function PlaceCombobox({ label, text, onTextChange, onPick, near, sessionToken, problem }: PlaceComboboxProps) {
  const id = useId();
  const ids = { input: `${id}-input`, list: `${id}-list`, hint: `${id}-hint`, problem: `${id}-problem` };
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const suggestions = usePlaceSuggestions(text, { near, sessionToken, enabled: isOpen });
  const options = isOpen && text.trim().length >= 2 ? (suggestions.data ?? []) : [];
  const isExpanded = options.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;
  const serviceProblem = isOpen && suggestions.isError ? suggestions.error.message : null;

  const pick = (suggestion: PlaceSuggestionItem) => {
    setIsOpen(false);
    setActive(-1);
    onTextChange(suggestion.primaryText);
    onPick(suggestion);
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
      // Enter picks the highlighted suggestion, or the first when none is highlighted.
      const chosen = options[active] ?? options[0];
      if (isExpanded && chosen) {
        event.preventDefault();
        pick(chosen);
      }
    } else if (event.key === "Escape") {
      if (isExpanded) {
        event.preventDefault();
        setIsOpen(false);
        setActive(-1);
      } else if (text !== "") {
        event.preventDefault();
        onTextChange("");
      }
    }
  };

  const describedBy = [ids.hint, problem || serviceProblem ? ids.problem : null].filter(Boolean).join(" ");
  return (
    <div className="relative">
      <label htmlFor={ids.input} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <Input
        id={ids.input}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isExpanded}
        aria-controls={ids.list}
        aria-activedescendant={isExpanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={problem ? true : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. King's Cross, SE1 7GP"
        value={text}
        onChange={(event) => {
          onTextChange(event.target.value);
          setIsOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setIsOpen(false)}
      />
      <p id={ids.hint} className="mt-1 text-xs text-slate-600">
        A district, station or postcode. Use the arrow keys to choose a suggestion.
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
            // Keeps focus in the input, so the blur does not close the list before the click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(suggestion)}
          >
            <span className="font-medium">{suggestion.primaryText}</span>
            {suggestion.secondaryText ? <span className="text-slate-600">, {suggestion.secondaryText}</span> : null}
            {suggestion.distanceMeters !== null ? <span className="text-slate-600"> · {formatDistance(suggestion.distanceMeters)}</span> : null}
          </li>
        ))}
      </ul>
      <p aria-live="polite" className="sr-only">
        {isExpanded ? `${options.length} suggestion${options.length === 1 ? "" : "s"}` : ""}
      </p>
      {problem || serviceProblem ? (
        <p id={ids.problem} role="alert" className="mt-1 text-sm text-red-700">
          {problem ?? serviceProblem}
        </p>
      ) : null}
    </div>
  );
}
