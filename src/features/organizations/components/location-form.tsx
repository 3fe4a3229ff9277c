"use client";

import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, FieldErrorText } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { issuesByField, readFormError } from "@/lib/errors/read-form-error";
import { createLocationInput, updateLocationInput } from "../location-schemas";
import type { LocationDto, LocationFromPlaceDto } from "../location-types";
import { clockTime, normalizeOpeningHours, WEEKDAY_NAMES, type OpeningHoursInterval } from "../opening-hours";
import { useCreateLocation, useSuggestTimeZone, useUpdateLocation } from "../hooks/use-locations";
import { LocationPicker } from "./location-picker";
import { dayHoursText } from "./opening-hours-table";

interface Draft {
  name: string;
  formattedAddress: string;
  googlePlaceId: string | null;
  latitude: string;
  longitude: string;
  timeZone: string;
  countryCode: string;
  regionCode: string;
  phone: string;
  website: string;
  openingHours: OpeningHoursInterval[];
}

const EMPTY: Draft = {
  name: "",
  formattedAddress: "",
  googlePlaceId: null,
  latitude: "",
  longitude: "",
  timeZone: "",
  countryCode: "",
  regionCode: "",
  phone: "",
  website: "",
  openingHours: [],
};

function draftFromLocation(location: LocationDto): Draft {
  return {
    name: location.name,
    formattedAddress: location.formattedAddress,
    googlePlaceId: location.googlePlaceId,
    latitude: String(location.latitude),
    longitude: String(location.longitude),
    timeZone: location.timeZone,
    countryCode: location.countryCode ?? "",
    regionCode: location.regionCode ?? "",
    phone: location.phone ?? "",
    website: location.website ?? "",
    openingHours: location.openingHours,
  };
}

/** A number the person typed, or the text itself so the schema names the field ("must be a number"). */
const numberOrText = (value: string): number | string => (value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value);
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

function allTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

const CLOCK = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const parseClock = (text: string): number | null => {
  const value = text.trim();
  if (!CLOCK.test(value)) return null;
  if (value === "24:00") return 1440;
  const [h, m] = value.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

export interface LocationFormProps {
  organizationId: string;
  /** The location being edited; absent to add one. */
  location?: LocationDto;
  mapsBrowserKey?: string;
  nonce?: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/**
 * A location's details, filled from a Google place or typed. Checked with the procedure's own
 * schema first; the server's field errors are then shown next to their fields. Editing keeps the
 * location's id, so its bookings and schedules stay attached.
 */
export function LocationForm({ organizationId, location, mapsBrowserKey, nonce, onDone, onCancel }: LocationFormProps) {
  const id = useId();
  const field = (name: string) => `${id}-${name}`;
  const errorId = (name: string) => `${id}-${name}-error`;
  const [draft, setDraft] = useState<Draft>(location ? draftFromLocation(location) : EMPTY);
  const [suggestedZone, setSuggestedZone] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [generalError, setGeneralError] = useState("");
  const [failedAttempts, setFailedAttempts] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);
  const create = useCreateLocation(organizationId);
  const update = useUpdateLocation(organizationId);
  const suggestTimeZone = useSuggestTimeZone(organizationId);
  const zones = useMemo(() => {
    const known = allTimeZones();
    return [...new Set([draft.timeZone, suggestedZone, ...known].filter((zone): zone is string => Boolean(zone)))];
  }, [draft.timeZone, suggestedZone]);

  useEffect(() => {
    if (failedAttempts > 0) alertRef.current?.focus();
  }, [failedAttempts]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const latitude = Number(draft.latitude);
  const longitude = Number(draft.longitude);
  const point =
    draft.latitude.trim() !== "" && draft.longitude.trim() !== "" && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? { latitude, longitude } : null;

  const fromPlace = (place: LocationFromPlaceDto) => {
    setSuggestedZone(place.suggestedTimeZone);
    setDraft((current) => ({
      ...current,
      name: place.name,
      formattedAddress: place.formattedAddress,
      googlePlaceId: place.googlePlaceId,
      latitude: String(place.latitude),
      longitude: String(place.longitude),
      timeZone: place.suggestedTimeZone,
      countryCode: place.countryCode ?? current.countryCode,
      regionCode: place.regionCode ?? "",
      phone: place.phone ?? "",
      website: place.website ?? "",
      openingHours: place.openingHours,
    }));
    setFieldErrors({});
  };

  const suggestFromTypedPoint = async () => {
    if (!point) return;
    try {
      setSuggestedZone((await suggestTimeZone(point.latitude, point.longitude)).timeZone);
    } catch {
      setSuggestedZone(null);
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneralError("");
    const values = {
      name: draft.name,
      formattedAddress: draft.formattedAddress,
      googlePlaceId: draft.googlePlaceId,
      latitude: numberOrText(draft.latitude),
      longitude: numberOrText(draft.longitude),
      timeZone: draft.timeZone,
      countryCode: draft.countryCode.trim(),
      regionCode: orNull(draft.regionCode),
      phone: orNull(draft.phone),
      website: orNull(draft.website),
      openingHours: draft.openingHours,
    };
    const refuse = (issues: Parameters<typeof issuesByField>[0]) => {
      setFieldErrors(issuesByField(issues));
      setFailedAttempts((count) => count + 1);
    };
    setFieldErrors({});
    try {
      if (location) {
        const checked = updateLocationInput.safeParse({ ...values, locationId: location.id });
        if (!checked.success) return refuse(checked.error.issues);
        const saved = await update.mutateAsync({ organizationId, ...checked.data });
        onDone(`Saved the changes to ${saved.name}.`);
      } else {
        const checked = createLocationInput.safeParse(values);
        if (!checked.success) return refuse(checked.error.issues);
        const saved = await create.mutateAsync({ organizationId, ...checked.data });
        onDone(`Added ${saved.name}.`);
      }
    } catch (error) {
      const refused = readFormError(error);
      setFieldErrors(refused.fieldErrors);
      setGeneralError(refused.message);
      setFailedAttempts((count) => count + 1);
    }
  };

  const errorsOf = (name: string) => fieldErrors[name];
  const openingErrors = Object.entries(fieldErrors)
    .filter(([path]) => path === "openingHours" || path.startsWith("openingHours."))
    .flatMap(([path, messages]) => {
      const index = Number(path.split(".")[1]);
      const interval = Number.isInteger(index) ? draft.openingHours[index] : undefined;
      const where = interval ? `${WEEKDAY_NAMES[interval.weekday]} ${clockTime(interval.startMinute)}–${clockTime(interval.endMinute)}: ` : "";
      return messages.map((message) => `${where}${message}`);
    });
  const hasProblem = Boolean(generalError) || Object.keys(fieldErrors).length > 0;
  const isPending = create.isPending || update.isPending;

  const text = (name: keyof Draft & string, label: string, options: { hint?: string; required?: boolean; inputMode?: "decimal" | "tel" | "url"; autoComplete?: string } = {}) => (
    <div className="space-y-1">
      <label htmlFor={field(name)} className="block text-sm font-medium">
        {label}
        {options.required ? "" : " (optional)"}
      </label>
      <Input
        id={field(name)}
        value={draft[name] as string}
        onChange={(event) => set(name, event.target.value as never)}
        inputMode={options.inputMode}
        autoComplete={options.autoComplete ?? "off"}
        aria-required={options.required || undefined}
        aria-invalid={errorsOf(name) ? true : undefined}
        aria-describedby={describedBy(options.hint && `${field(name)}-hint`, errorsOf(name) && errorId(name))}
      />
      {options.hint ? (
        <p id={`${field(name)}-hint`} className="text-xs text-slate-600">
          {options.hint}
        </p>
      ) : null}
      <FieldErrorText id={errorId(name)} messages={errorsOf(name)} />
    </div>
  );

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-6" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        {location ? `Edit ${location.name}` : "Add a location"}
      </h2>
      {hasProblem ? (
        <div ref={alertRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {generalError || "The location was not saved: check the fields marked below."}
        </div>
      ) : null}

      <LocationPicker
        organizationId={organizationId}
        mapsBrowserKey={mapsBrowserKey}
        nonce={nonce}
        point={point}
        onPlace={fromPlace}
        onPointMoved={(moved, zone) => {
          setDraft((current) => ({ ...current, latitude: String(moved.latitude), longitude: String(moved.longitude) }));
          setSuggestedZone(zone);
        }}
      />

      <div className="grid gap-4 sm:grid-cols-2">
        {text("name", "Name", { required: true })}
        {text("formattedAddress", "Address", { required: true, autoComplete: "street-address" })}
        {text("latitude", "Latitude", { required: true, inputMode: "decimal", hint: "Degrees, -90 to 90 (north is positive)." })}
        {text("longitude", "Longitude", { required: true, inputMode: "decimal", hint: "Degrees, -180 to 180 (east is positive)." })}
      </div>
      {draft.googlePlaceId ? (
        <div className="space-y-1 text-sm text-slate-700">
          <p>
            Linked to a Google place.{" "}
            <Button variant="ghost" aria-describedby={describedBy(errorsOf("googlePlaceId") && errorId("googlePlaceId"))} onClick={() => set("googlePlaceId", null)}>
              Unlink the Google place
            </Button>
          </p>
          <FieldErrorText id={errorId("googlePlaceId")} messages={errorsOf("googlePlaceId")} />
        </div>
      ) : null}

      <div className="space-y-1">
        <label htmlFor={field("timeZone")} className="block text-sm font-medium">
          Time zone
        </label>
        <Select
          id={field("timeZone")}
          value={draft.timeZone}
          onChange={(event) => set("timeZone", event.target.value)}
          aria-required
          aria-invalid={errorsOf("timeZone") ? true : undefined}
          aria-describedby={describedBy(`${field("timeZone")}-hint`, errorsOf("timeZone") && errorId("timeZone"))}
          className="sm:w-auto"
        >
          <option value="">Choose the zone</option>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </Select>
        <p id={`${field("timeZone")}-hint`} className="text-xs text-slate-600">
          {suggestedZone ? `Suggested from the coordinates: ${suggestedZone}. ` : ""}
          Every time at this location (opening hours, appointments) is in this zone.
        </p>
        <div className="flex flex-wrap gap-2">
          {suggestedZone && suggestedZone !== draft.timeZone ? (
            <Button variant="secondary" onClick={() => set("timeZone", suggestedZone)}>
              Use {suggestedZone}
            </Button>
          ) : null}
          <Button variant="secondary" disabled={!point} onClick={() => void suggestFromTypedPoint()}>
            Suggest the zone from the coordinates
          </Button>
        </div>
        <FieldErrorText id={errorId("timeZone")} messages={errorsOf("timeZone")} />
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        {text("countryCode", "Country code", { required: true, hint: "Two letters, such as GB, PT or IN: which public holidays apply." })}
        {text("regionCode", "Region code", { hint: "ISO 3166-2, such as PT-11 or US-NY, for regional holidays." })}
        {text("phone", "Phone", { inputMode: "tel", hint: "With the country code, such as +44 20 7946 0101." })}
        {text("website", "Website", { inputMode: "url", hint: "Starting https://." })}
      </div>

      <OpeningHoursEditor
        idPrefix={`${id}-hours`}
        intervals={draft.openingHours}
        timeZone={draft.timeZone}
        errors={openingErrors}
        onChange={(intervals) => set("openingHours", intervals)}
      />

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : location ? "Save changes" : "Add the location"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The week's opening hours as a table, with a row to add hours, a remove button per interval and clear all. */
function OpeningHoursEditor({
  idPrefix,
  intervals,
  timeZone,
  errors,
  onChange,
}: {
  idPrefix: string;
  intervals: OpeningHoursInterval[];
  timeZone: string;
  errors: string[];
  onChange: (intervals: OpeningHoursInterval[]) => void;
}) {
  const [weekday, setWeekday] = useState("1");
  const [opens, setOpens] = useState("09:00");
  const [closes, setCloses] = useState("17:00");
  const [addProblem, setAddProblem] = useState<string | null>(null);
  const errorsId = `${idPrefix}-errors`;
  const addErrorId = `${idPrefix}-add-error`;
  const zoneText = timeZone ? `local time in ${timeZone}` : "local time at the location (choose its time zone above)";

  const add = () => {
    const start = parseClock(opens);
    const end = parseClock(closes);
    if (start === null || end === null) {
      setAddProblem("Write the times as HH:MM on a 24-hour clock, such as 08:30 or 24:00 for midnight.");
      return;
    }
    if (end <= start) {
      setAddProblem("The closing time must be after the opening time. For hours past midnight, add the rest on the next day.");
      return;
    }
    setAddProblem(null);
    onChange(normalizeOpeningHours([...intervals, { weekday: Number(weekday), startMinute: start, endMinute: end }]));
  };

  return (
    <fieldset className="space-y-3" aria-describedby={describedBy(errors.length > 0 && errorsId)}>
      <legend className="text-sm font-medium">Opening hours ({zoneText})</legend>
      <table className="text-sm">
        <caption className="sr-only">Opening hours, {zoneText}</caption>
        <tbody>
          {[1, 2, 3, 4, 5, 6, 7].map((day) => {
            const today = intervals.map((interval, index) => ({ interval, index })).filter(({ interval }) => interval.weekday === day);
            return (
              <tr key={day}>
                <th scope="row" className="py-1 pr-4 text-left font-normal text-slate-700">
                  {WEEKDAY_NAMES[day]}
                </th>
                <td className="py-1">
                  {today.length === 0 ? (
                    "Closed"
                  ) : (
                    <ul className="flex flex-wrap gap-2">
                      {today.map(({ interval, index }) => (
                        <li key={`${interval.startMinute}-${interval.endMinute}`} className="flex items-center gap-1">
                          <span>{dayHoursText([interval], day)}</span>
                          <Button
                            variant="ghost"
                            aria-label={`Remove ${WEEKDAY_NAMES[day]} ${clockTime(interval.startMinute)}–${clockTime(interval.endMinute)}`}
                            onClick={() => onChange(intervals.filter((_, i) => i !== index))}
                          >
                            Remove
                          </Button>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {errors.length > 0 ? (
        <ul id={errorsId} className="text-sm text-red-700">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`${idPrefix}-day`} className="block text-xs font-medium">
            Day
          </label>
          <Select id={`${idPrefix}-day`} value={weekday} onChange={(event) => setWeekday(event.target.value)} className="w-auto">
            {[1, 2, 3, 4, 5, 6, 7].map((day) => (
              <option key={day} value={String(day)}>
                {WEEKDAY_NAMES[day]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor={`${idPrefix}-opens`} className="block text-xs font-medium">
            Opens
          </label>
          <Input id={`${idPrefix}-opens`} value={opens} onChange={(event) => setOpens(event.target.value)} inputMode="numeric" className="w-24" aria-describedby={describedBy(addProblem && addErrorId)} />
        </div>
        <div>
          <label htmlFor={`${idPrefix}-closes`} className="block text-xs font-medium">
            Closes
          </label>
          <Input id={`${idPrefix}-closes`} value={closes} onChange={(event) => setCloses(event.target.value)} inputMode="numeric" className="w-24" aria-describedby={describedBy(addProblem && addErrorId)} />
        </div>
        <Button variant="secondary" onClick={add}>
          Add these hours
        </Button>
        <Button variant="ghost" disabled={intervals.length === 0} onClick={() => onChange([])}>
          Clear all opening hours
        </Button>
      </div>
      {addProblem ? (
        <p id={addErrorId} role="alert" className="text-sm text-red-700">
          {addProblem}
        </p>
      ) : null}
    </fieldset>
  );
}
