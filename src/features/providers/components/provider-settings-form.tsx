"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { providerSettingsInput } from "../schemas";
import type { MyProviderProfileDto } from "../types";
import { useMyProvider, useSaveProviderSettings } from "../hooks/use-my-provider";

export const COMMON_TIME_ZONES = [
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Europe/Athens",
  "Africa/Johannesburg",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Perth",
  "Australia/Adelaide",
  "Australia/Sydney",
  "Pacific/Auckland",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "UTC",
] as const;

const OTHER = "__other__";

export function ProviderSettingsForm() {
  const me = useMyProvider();
  if (me.isPending) return <p role="status">Loading your settings…</p>;
  if (me.isError) {
    return (
      <p role="alert" className="text-red-700">
        We could not load your settings: {me.error.message}
      </p>
    );
  }
  return <SettingsForm profile={me.data} />;
}

function SettingsForm({ profile }: { profile: MyProviderProfileDto }) {
  const isCommon = (COMMON_TIME_ZONES as readonly string[]).includes(profile.timeZone);
  const [zoneChoice, setZoneChoice] = useState(isCommon ? profile.timeZone : OTHER);
  const [customZone, setCustomZone] = useState(isCommon ? "" : profile.timeZone);
  const [cutoffHours, setCutoffHours] = useState(String(profile.cancellationCutoffMinutes / 60));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [generalError, setGeneralError] = useState("");
  const [status, setStatus] = useState("");
  const save = useSaveProviderSettings();
  const id = useId();
  const ids = { zone: `${id}-zone`, custom: `${id}-custom`, cutoff: `${id}-cutoff` };
  const describe = (field: string, hintId: string) => [fieldErrors[field]?.length ? `${id}-${field}-error` : null, hintId].filter(Boolean).join(" ");

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    setGeneralError("");
    const hours = cutoffHours.trim() === "" ? Number.NaN : Number(cutoffHours);
    const candidate = {
      timeZone: (zoneChoice === OTHER ? customZone : zoneChoice).trim(),
      cancellationCutoffMinutes: Math.round(hours * 60),
    };
    const checked = providerSettingsInput.safeParse(candidate);
    if (!checked.success) {
      const errors: Record<string, string[]> = {};
      for (const issue of checked.error.issues) (errors[issue.path.map(String).join(".")] ??= []).push(issue.message);
      if (!Number.isFinite(hours)) errors.cancellationCutoffMinutes = ["Enter the cutoff as a number of hours, e.g. 24."];
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    save.mutate(checked.data, {
      onSuccess: (saved) => setStatus(`Settings saved. Your time zone is ${saved.timeZone}.`),
      onError: (error) => {
        if (error.data?.appCode === "VALIDATION" && error.data.fieldErrors) setFieldErrors(error.data.fieldErrors);
        else setGeneralError(error.message);
      },
    });
  };

  const zoneErrors = fieldErrors.timeZone;
  const cutoffErrors = fieldErrors.cancellationCutoffMinutes;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-5" aria-label="Provider settings">
      {generalError || zoneErrors || cutoffErrors ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {generalError || "The settings were not saved. Please check the highlighted fields."}
        </div>
      ) : null}
      <div>
        <label htmlFor={ids.zone} className="mb-1 block text-sm font-medium">
          Time zone
        </label>
        <Select
          id={ids.zone}
          value={zoneChoice}
          aria-invalid={zoneChoice !== OTHER && Boolean(zoneErrors?.length)}
          aria-describedby={describe("timeZone", `${id}-zone-hint`)}
          onChange={(e) => setZoneChoice(e.target.value)}
        >
          {COMMON_TIME_ZONES.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
          <option value={OTHER}>Another zone…</option>
        </Select>
        <p id={`${id}-zone-hint`} className="mt-1 text-xs text-slate-600">
          Online hours and exceptions follow this zone; in-person hours follow each location&apos;s zone.
        </p>
        {zoneChoice === OTHER ? (
          <div className="mt-3">
            <label htmlFor={ids.custom} className="mb-1 block text-sm font-medium">
              IANA time zone name
            </label>
            <Input
              id={ids.custom}
              value={customZone}
              aria-invalid={Boolean(zoneErrors?.length)}
              aria-describedby={[zoneErrors?.length ? `${id}-timeZone-error` : null, `${id}-custom-hint`].filter(Boolean).join(" ")}
              onChange={(e) => setCustomZone(e.target.value)}
            />
            <p id={`${id}-custom-hint`} className="mt-1 text-xs text-slate-600">
              Written Region/City, e.g. America/Toronto or Asia/Kathmandu.
            </p>
          </div>
        ) : null}
        {zoneErrors?.length ? (
          <p id={`${id}-timeZone-error`} className="mt-1 text-xs text-red-700">
            {zoneErrors.join(" ")}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor={ids.cutoff} className="mb-1 block text-sm font-medium">
          Cancellation cutoff (hours)
        </label>
        <Input
          id={ids.cutoff}
          type="number"
          inputMode="decimal"
          min={0}
          max={720}
          step={0.5}
          value={cutoffHours}
          aria-invalid={Boolean(cutoffErrors?.length)}
          aria-describedby={describe("cancellationCutoffMinutes", `${id}-cutoff-hint`)}
          onChange={(e) => setCutoffHours(e.target.value)}
        />
        <p id={`${id}-cutoff-hint`} className="mt-1 text-xs text-slate-600">
          Patients may cancel or reschedule online until this many hours before the start.
        </p>
        {cutoffErrors?.length ? (
          <p id={`${id}-cancellationCutoffMinutes-error`} className="mt-1 text-xs text-red-700">
            {cutoffErrors.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save settings"}
        </Button>
        <p role="status" className="text-sm text-green-800">
          {status}
        </p>
      </div>
    </form>
  );
}
