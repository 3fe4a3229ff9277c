"use client";

import { useId, useMemo } from "react";
import { Select } from "@/components/ui/select";
import { zoneLabel } from "@/lib/time";

/** Zones most patients pick from; the browser's own and the current choice are always added. */
const COMMON_TIME_ZONES = [
  "Pacific/Honolulu",
  "America/Anchorage",
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "UTC",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Europe/Athens",
  "Africa/Lagos",
  "Africa/Johannesburg",
  "Asia/Dubai",
  "Asia/Karachi",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Dhaka",
  "Asia/Singapore",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Australia/Perth",
  "Australia/Adelaide",
  "Australia/Sydney",
  "Pacific/Auckland",
] as const;

export interface TimeZoneSelectProps {
  value: string;
  onChange: (zone: string) => void;
  detectedTimeZone?: string | null;
  /** The instant whose offsets are shown next to each zone. */
  at: Date;
  label?: string;
}

export function TimeZoneSelect({ value, onChange, detectedTimeZone, at, label = "Time zone" }: TimeZoneSelectProps) {
  const id = useId();
  const zones = useMemo(() => {
    const extra = [value, detectedTimeZone].filter((zone): zone is string => Boolean(zone) && !(COMMON_TIME_ZONES as readonly string[]).includes(zone as string));
    return [...new Set([...extra, ...COMMON_TIME_ZONES])];
  }, [value, detectedTimeZone]);
  return (
    // On a phone the label sits above a full-width select: zone names with offsets are wider than the screen.
    <div className="flex w-full min-w-0 flex-wrap items-center gap-x-2 gap-y-1 sm:w-auto">
      <label htmlFor={id} className="text-sm font-medium whitespace-nowrap">
        {label}
      </label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)} className="w-full min-w-0 sm:w-auto">
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zoneLabel(at, zone)}
            {zone === detectedTimeZone ? " — this device" : ""}
          </option>
        ))}
      </Select>
    </div>
  );
}
