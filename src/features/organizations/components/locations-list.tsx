"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ROLE_RANK } from "../permissions";
import type { OrganizationRole } from "../schemas";
import type { LocationDto } from "../location-types";
import { useLocations } from "../hooks/use-locations";
import { LocationForm } from "./location-form";
import { OrganizationNav } from "./organization-nav";
import { OpeningHoursTable } from "./opening-hours-table";

export interface LocationsListProps {
  organizationId: string;
  organizationName: string;
  myRole: OrganizationRole;
  mapsBrowserKey?: string;
  nonce?: string;
}

type Editing = { kind: "none" } | { kind: "new" } | { kind: "edit"; location: LocationDto };

/** /organizations/[id]/locations: every member sees the locations; admins and owners add and edit them. */
export function LocationsList({ organizationId, organizationName, myRole, mapsBrowserKey, nonce }: LocationsListProps) {
  const locations = useLocations(organizationId);
  const canEdit = ROLE_RANK[myRole] >= ROLE_RANK.ADMIN;
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [status, setStatus] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [closedCount, setClosedCount] = useState(0);
  // After a save or a cancel the form is gone: focus returns to the list's heading.
  useEffect(() => {
    if (closedCount > 0) headingRef.current?.focus();
  }, [closedCount]);

  const close = (message: string) => {
    setEditing({ kind: "none" });
    setStatus(message);
    setClosedCount((count) => count + 1);
  };

  return (
    <div className="space-y-8">
      <OrganizationNav organizationId={organizationId} />
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Locations of {organizationName}</h1>
        <p className="text-slate-700">
          Where patients see providers in person. Each location has its own time zone; its opening hours can seed its providers&apos; weekly
          schedules.
          {canEdit ? "" : " Admins and owners can add and edit locations."}
        </p>
      </header>
      <p role="status" className="text-sm text-green-800">
        {status}
      </p>

      {editing.kind !== "none" ? (
        <Card className="p-4">
          <LocationForm
            key={editing.kind === "edit" ? editing.location.id : "new"}
            organizationId={organizationId}
            location={editing.kind === "edit" ? editing.location : undefined}
            mapsBrowserKey={mapsBrowserKey}
            nonce={nonce}
            onDone={close}
            onCancel={() => close("")}
          />
        </Card>
      ) : null}

      <section aria-labelledby="locations-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="locations-heading" ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
            Locations
          </h2>
          {canEdit && editing.kind === "none" ? <Button onClick={() => setEditing({ kind: "new" })}>Add a location</Button> : null}
        </div>
        {locations.isPending ? <p role="status">Loading the locations…</p> : null}
        {locations.isError ? (
          <p role="alert" className="text-red-700">
            We could not load the locations: {locations.error.message}
          </p>
        ) : null}
        {locations.data?.length === 0 ? <p className="text-slate-700">No locations yet.{canEdit ? " Add the first one to offer in-person visits." : ""}</p> : null}
        <ul className="space-y-4">
          {locations.data?.map((location) => (
            <li key={location.id}>
              <Card className="space-y-3 p-4">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div>
                    <h3 className="text-lg font-semibold">{location.name}</h3>
                    <p className="text-slate-700">{location.formattedAddress}</p>
                  </div>
                  {canEdit ? (
                    <Button variant="secondary" aria-label={`Edit ${location.name}`} onClick={() => setEditing({ kind: "edit", location })}>
                      Edit
                    </Button>
                  ) : null}
                </div>
                <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                  <dt className="text-slate-600">Time zone</dt>
                  <dd>{location.timeZone}</dd>
                  <dt className="text-slate-600">Coordinates</dt>
                  <dd>
                    {location.latitude}, {location.longitude}
                  </dd>
                  <dt className="text-slate-600">Country and region</dt>
                  <dd>{[location.countryCode, location.regionCode].filter(Boolean).join(", ") || "Not set"}</dd>
                  <dt className="text-slate-600">Phone</dt>
                  <dd>{location.phone ?? "Not set"}</dd>
                  <dt className="text-slate-600">Website</dt>
                  <dd>
                    {location.website ? (
                      <a href={location.website} className="text-brand-700 underline" rel="noopener noreferrer nofollow" target="_blank">
                        {location.website}
                        <span className="sr-only"> (opens in a new tab)</span>
                      </a>
                    ) : (
                      "Not set"
                    )}
                  </dd>
                </dl>
                {location.openingHours.length > 0 ? (
                  <OpeningHoursTable intervals={location.openingHours} timeZone={location.timeZone} />
                ) : (
                  <p className="text-sm text-slate-700">No opening hours set.</p>
                )}
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
