"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { COMMON_TIME_ZONES } from "@/features/providers";

const OTHER = "__other__";

/** The zone's common choices, or any IANA name typed in; `value` is what will be sent. */
export function TimeZoneField({
  id,
  value,
  onChange,
  errors,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  errors: string[] | undefined;
}) {
  const isCommon = (COMMON_TIME_ZONES as readonly string[]).includes(value);
  const [choice, setChoice] = useState(isCommon ? value : OTHER);
  const errorId = errors?.length ? `${id}-error` : null;
  return (
    <div className="space-y-1">
      <label htmlFor={choice === OTHER ? `${id}-select` : id} className="block text-sm font-medium">
        Time zone
      </label>
      <Select
        id={choice === OTHER ? `${id}-select` : id}
        value={choice}
        aria-invalid={choice !== OTHER && Boolean(errors?.length)}
        aria-describedby={describedBy(choice === OTHER ? null : errorId, `${id}-hint`)}
        onChange={(event) => {
          setChoice(event.target.value);
          onChange(event.target.value === OTHER ? "" : event.target.value);
        }}
      >
        {COMMON_TIME_ZONES.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
        <option value={OTHER}>Another zone…</option>
      </Select>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        Your online hours and the times patients see follow this zone.
      </p>
      {choice === OTHER ? (
        <div className="space-y-1 pt-2">
          <label htmlFor={id} className="block text-sm font-medium">
            IANA time zone name
          </label>
          <Input
            id={id}
            value={value}
            aria-invalid={Boolean(errors?.length)}
            aria-describedby={describedBy(errorId, `${id}-other-hint`)}
            onChange={(event) => onChange(event.target.value)}
          />
          <p id={`${id}-other-hint`} className="text-xs text-slate-600">
            Written Region/City, e.g. America/Toronto or Asia/Kathmandu.
          </p>
        </div>
      ) : null}
      <FieldErrorText id={`${id}-error`} messages={errors} />
    </div>
  );
}
