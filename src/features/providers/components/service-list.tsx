"use client";

import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatMoney } from "@/lib/money";
import type { ServiceDto } from "../types";
import { useMyServices, useSetServiceActive } from "../hooks/use-my-services";
import { ServiceForm } from "./service-form";

type Editing = { kind: "none" } | { kind: "new" } | { kind: "edit"; service: ServiceDto };

function minutesLabel(minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

export function ServiceManager() {
  const services = useMyServices();
  const setActive = useSetServiceActive();
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [status, setStatus] = useState("");
  const [actionError, setActionError] = useState("");
  const headingId = useId();

  const defaultCurrency = services.data?.[0]?.currency ?? "GBP";
  const done = (message: string) => {
    setEditing({ kind: "none" });
    setStatus(message);
  };

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-xl font-semibold">
          Your services
        </h2>
        {editing.kind === "none" ? (
          <Button
            onClick={() => {
              setStatus("");
              setEditing({ kind: "new" });
            }}
          >
            New service
          </Button>
        ) : null}
      </div>
      <p role="status" className="text-sm text-green-800">
        {status}
      </p>
      {actionError ? (
        <p role="alert" className="text-sm text-red-700">
          {actionError}
        </p>
      ) : null}

      {editing.kind !== "none" ? (
        <Card>
          <h3 className="mb-3 text-lg font-semibold">{editing.kind === "new" ? "New service" : `Edit ${editing.service.name}`}</h3>
          <ServiceForm
            key={editing.kind === "edit" ? editing.service.id : "new"}
            service={editing.kind === "edit" ? editing.service : null}
            defaultCurrency={defaultCurrency}
            onDone={done}
          />
        </Card>
      ) : null}

      {services.isPending ? <p role="status">Loading your services…</p> : null}
      {services.isError ? (
        <p role="alert" className="text-red-700">
          We could not load your services: {services.error.message}
        </p>
      ) : null}
      {services.data?.length === 0 ? <p className="text-sm text-slate-600">You have no services yet. Create one so patients can book.</p> : null}

      <ul className="grid gap-4 md:grid-cols-2" aria-label="Services">
        {services.data?.map((service) => (
          <li key={service.id}>
            <Card className="h-full space-y-3">
              <div className="flex items-start justify-between gap-2">
                <h3 className="font-semibold">{service.name}</h3>
                <Badge className={service.isActive ? "" : "bg-slate-100 text-slate-700"}>{service.isActive ? "Active" : "Inactive"}</Badge>
              </div>
              {service.description ? <p className="text-sm text-slate-700">{service.description}</p> : null}
              <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                <dt className="text-slate-600">Duration</dt>
                <dd>{minutesLabel(service.durationMinutes)}</dd>
                <dt className="text-slate-600">Price</dt>
                <dd>{formatMoney(service.priceMinor, service.currency)}</dd>
                <dt className="text-slate-600">Offered</dt>
                <dd>{[service.isOnline ? "Online" : null, service.isInPerson ? "In person" : null].filter(Boolean).join(", ")}</dd>
                <dt className="text-slate-600">Buffers</dt>
                <dd>
                  {service.bufferBeforeMinutes} min before, {service.bufferAfterMinutes} min after
                </dd>
                <dt className="text-slate-600">Slot step</dt>
                <dd>{minutesLabel(service.slotStepMinutes)}</dd>
                <dt className="text-slate-600">Minimum notice</dt>
                <dd>{minutesLabel(service.minimumNoticeMinutes)}</dd>
                <dt className="text-slate-600">Booking horizon</dt>
                <dd>
                  {service.bookingHorizonDays} day{service.bookingHorizonDays === 1 ? "" : "s"}
                </dd>
                <dt className="text-slate-600">Max per day</dt>
                <dd>{service.maxBookingsPerDay ?? "No limit"}</dd>
                <dt className="text-slate-600">Approval</dt>
                <dd>{service.requiresApproval ? "Required" : "Booked instantly"}</dd>
              </dl>
              <div className="flex flex-wrap gap-2">
                <Button
                  variant="secondary"
                  aria-label={`Edit ${service.name}`}
                  onClick={() => {
                    setStatus("");
                    setEditing({ kind: "edit", service });
                  }}
                >
                  Edit
                </Button>
                <Button
                  variant="secondary"
                  aria-label={`${service.isActive ? "Deactivate" : "Activate"} ${service.name}`}
                  disabled={setActive.isPending && setActive.variables?.serviceId === service.id}
                  onClick={() => {
                    setActionError("");
                    setActive.mutate(
                      { serviceId: service.id, isActive: !service.isActive },
                      {
                        onSuccess: (saved) => setStatus(`${saved.name} is now ${saved.isActive ? "active" : "inactive"}.`),
                        onError: (error) => setActionError(error.message),
                      },
                    );
                  }}
                >
                  {service.isActive ? "Deactivate" : "Activate"}
                </Button>
              </div>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
