"use client";

import { useId, useState, type KeyboardEvent, type ReactNode } from "react";
import { Input } from "./input";

/** What the list shows of an option: a bold first part and an optional rest after a comma. */
export interface ComboboxOption {
  primaryText: string;
  secondaryText?: string | null;
}

export interface ComboboxProps<T extends ComboboxOption> {
  label: string;
  /** Tells how to use the box; always announced with it. */
  hint: ReactNode;
  placeholder: string;
  /** The list's accessible name, e.g. what the options match. */
  listLabel: string;
  text: string;
  onTextChange: (text: string) => void;
  /**
   * Whether the visitor is choosing. The caller owns it so that it fetches options only while the
   * list can show them.
   */
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  /** The fetched options; shown only while open and once the text has `minLength` characters. */
  options: readonly T[];
  optionKey: (option: T) => string;
  /** A short extra after the option's text (e.g. a distance). */
  optionDetail?: (option: T) => string | null;
  onPick: (option: T) => void;
  minLength?: number;
  /** A problem with the picked option: shown under the box and marks it invalid. */
  problem?: string | null;
  /** Fetching the options failed: shown under the box while the list is open. */
  loadProblem?: string | null;
  /** Escape with the list closed empties the box (for a box that is the whole query). */
  escapeClears?: boolean;
}

/**
 * A text box with suggestions, following the ARIA combobox pattern (list autocomplete): the input
 * keeps focus, Up/Down move through the options (aria-activedescendant), Enter picks, Escape
 * closes the list.
 */
export function Combobox<T extends ComboboxOption>(props: ComboboxProps<T>) {
  const { text, onTextChange, isOpen, onOpenChange, onPick, problem, minLength = 2 } = props;
  const id = useId();
  const ids = { input: `${id}-input`, list: `${id}-list`, hint: `${id}-hint`, problem: `${id}-problem` };
  const [active, setActive] = useState(-1);
  const options = isOpen && text.trim().length >= minLength ? props.options : [];
  const isExpanded = options.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;
  const message = problem || (isOpen ? props.loadProblem : null) || null;

  const close = () => {
    onOpenChange(false);
    setActive(-1);
  };

  const pick = (option: T) => {
    close();
    onTextChange(option.primaryText);
    onPick(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!isOpen) onOpenChange(true);
      if (options.length > 0) setActive((index) => (index + 1) % options.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (options.length > 0) setActive((index) => (index <= 0 ? options.length - 1 : index - 1));
    } else if (event.key === "Enter") {
      // Enter picks the highlighted option, or the first when none is; it never submits a form
      // around the box while the list is open.
      const chosen = options[active] ?? options[0];
      if (isExpanded && chosen) {
        event.preventDefault();
        pick(chosen);
      }
    } else if (event.key === "Escape") {
      if (isExpanded) {
        event.preventDefault();
        close();
      } else if (props.escapeClears && text !== "") {
        event.preventDefault();
        onTextChange("");
      }
    }
  };

  return (
    <div className="relative">
      <label htmlFor={ids.input} className="mb-1 block text-sm font-medium">
        {props.label}
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
        placeholder={props.placeholder}
        value={text}
        onChange={(event) => {
          onTextChange(event.target.value);
          onOpenChange(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => onOpenChange(false)}
      />
      <p id={ids.hint} className="mt-1 text-xs text-slate-600">
        {props.hint}
      </p>
      <ul
        id={ids.list}
        role="listbox"
        aria-label={props.listLabel}
        hidden={!isExpanded}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
      >
        {options.map((option, index) => {
          const detail = props.optionDetail?.(option) ?? null;
          return (
            <li
              key={props.optionKey(option)}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={`cursor-pointer px-3 py-2 ${index === active ? "bg-brand-50 text-brand-900" : "hover:bg-slate-50"}`}
              // Keeps focus in the input, so the blur does not close the list before the click.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(option)}
            >
              <span className="font-medium">{option.primaryText}</span>
              {option.secondaryText ? <span className="text-slate-600">, {option.secondaryText}</span> : null}
              {detail !== null ? <span className="text-slate-600"> · {detail}</span> : null}
            </li>
          );
        })}
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
