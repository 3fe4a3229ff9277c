"use client";

import { Fragment, useEffect, useRef, useState, type ReactNode } from "react";
import { clockTime, OpeningHoursTable, WEEKDAY_NAMES } from "@/features/organizations";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { readFormError } from "@/lib/errors/read-form-error";
import { useOpeningHoursLocations, useOpeningHoursPreview, useSeedScheduleFromOpeningHours } from "../hooks/use-opening-hours";

/**
 * "Use <location>'s opening hours" for each location the provider works at that has them: a
 * preview of what changes, then a confirm. The weekly editor (`children`) is shown again from
 * the saved week afterwards, so it never saves the old week over the seeded one.
 */
export function SeedFromOpeningHours({ children }: { children: ReactNode }) {
  const locations = useOpeningHoursLocations();
  const [chosen, setChosen] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [generation, setGeneration] = useState(0);
  const preview = useOpeningHoursPreview(chosen);
  const seed = useSeedScheduleFromOpeningHours();
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const sectionHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (preview.data) previewHeading.current?.focus();
  }, [preview.data]);

  const usable = locations.data ?? [];
  const confirm = async () => {
    if (!preview.data) return;
    setError("");
    try {
      await seed.mutateAsync({ locationId: preview.data.location.id });
      setStatus(`Your in-person hours at ${preview.data.location.name} now follow its opening hours.`);
      setChosen(null);
      setGeneration((count) => count + 1);
      sectionHeading.current?.focus();
    } catch (caught) {
      setError(readFormError(caught).message);
    }
  };

  return (
    <>
      {usable.length > 0 ? (
        <section aria-labelledby="seed-opening-hours-heading" className="space-y-3">
          <h2 id="seed-opening-hours-heading" ref={sectionHeading} tabIndex={-1} className="text-xl font-semibold">
            Start from a location&apos;s opening hours
          </h2>
          <p className="text-sm text-slate-700">Replace your in-person hours at a location with the hours it is open. Your other hours stay.</p>
          <ul className="flex flex-wrap gap-2">
            {usable.map((location) => (
              <li key={location.id}>
                <Button
                  variant="secondary"
                  onClick={() => {
                    setError("");
                    setStatus("");
                    setChosen(location.id);
                  }}
                >
                  Use {location.name}&apos;s opening hours
                </Button>
              </li>
            ))}
          </ul>
          {chosen && preview.isPending ? <p role="status">Loading the preview…</p> : null}
          {chosen && preview.isError ? (
            <p role="alert" className="text-sm text-red-700">
              {preview.error.message}
            </p>
          ) : null}
          {chosen && preview.data ? (
            <Card className="space-y-3">
              <h3 ref={previewHeading} tabIndex={-1} className="text-lg font-semibold">
                Use {preview.data.location.name}&apos;s opening hours?
              </h3>
              <OpeningHoursTable intervals={preview.data.seeded} timeZone={preview.data.location.timeZone} caption="Your new in-person hours there" />
              <p className="text-sm">
                {preview.data.replaced.length === 0
                  ? `You have no in-person hours at ${preview.data.location.name} yet.`
                  : `This replaces your ${preview.data.replaced.length} in-person interval${preview.data.replaced.length === 1 ? "" : "s"} there: ${preview.data.replaced
                      .map((rule) => `${WEEKDAY_NAMES[rule.weekday]} ${clockTime(rule.startMinute)}–${clockTime(rule.endMinute)}`)
                      .join(", ")} (${preview.data.location.timeZone}).`}{" "}
                Your {preview.data.keptCount} other interval{preview.data.keptCount === 1 ? "" : "s"} stay. Unsaved changes in the weekly schedule below are
                discarded. Booked appointments are not changed.
              </p>
              {preview.data.overlap ? (
                <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="opening-hours-overlap">
                  {preview.data.overlap}
                </p>
              ) : null}
              <div className="flex flex-wrap gap-2">
                <Button disabled={seed.isPending} onClick={() => void confirm()}>
                  {seed.isPending ? "Replacing…" : `Replace my hours at ${preview.data.location.name}`}
                </Button>
                <Button variant="secondary" onClick={() => setChosen(null)}>
                  Cancel
                </Button>
              </div>
            </Card>
          ) : null}
          {error ? (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
              {error}
            </p>
          ) : null}
        </section>
      ) : null}
      <p role="status" className="text-sm text-green-800">
        {status}
      </p>
      <Fragment key={generation}>{children}</Fragment>
    </>
  );
}
