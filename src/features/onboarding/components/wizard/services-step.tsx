"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ServiceForm, type ServiceDto } from "@/features/providers";
import { formatMoney } from "@/lib/money";
import { useTRPC } from "@/trpc/react";
import { useRemoveOnboardingService, useSaveOnboardingService } from "./use-onboarding";

type Editing = { kind: "none" } | { kind: "new" } | { kind: "edit"; service: ServiceDto };

/**
 * The services step: the provider's services with the providers feature's own form, saved
 * through onboarding.saveService (providers.saveService is for approved providers only).
 */
export function ServicesStep({ canEdit, onContinue }: { canEdit: boolean; onContinue: (message: string) => void }) {
  const trpc = useTRPC();
  const services = useQuery(trpc.providers.myServices.queryOptions());
  const save = useSaveOnboardingService();
  const remove = useRemoveOnboardingService();
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [status, setStatus] = useState("");
  const [actionError, setActionError] = useState("");
  const headingId = useId();
  const list = services.data ?? [];
  const activeCount = list.filter((service) => service.isActive).length;

  const done = (message: string) => {
    setEditing({ kind: "none" });
    setStatus(message);
  };

  return (
    <div className="space-y-4">
      <p className="max-w-2xl text-slate-700">
        Add the appointments patients can book with you. You can set your opening hours and add more services after your profile is approved.
      </p>
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
            defaultCurrency={list[0]?.currency ?? "GBP"}
            onDone={done}
            save={save}
          />
        </Card>
      ) : canEdit ? (
        <Button
          variant={list.length === 0 ? "primary" : "secondary"}
          onClick={() => {
            setStatus("");
            setEditing({ kind: "new" });
          }}
        >
          Add a service
        </Button>
      ) : null}

      <section aria-labelledby={headingId} className="space-y-3">
        <h3 id={headingId} className="text-lg font-semibold">
          Your services
        </h3>
        {services.isPending ? <p role="status">Loading your services…</p> : null}
        {services.isError ? (
          <p role="alert" className="text-red-700">
            We could not load your services: {services.error.message}
          </p>
        ) : null}
        {services.isSuccess && list.length === 0 ? <p className="text-sm text-slate-600">No services yet. Add at least one to continue.</p> : null}
        <ul className="grid gap-3 md:grid-cols-2" aria-labelledby={headingId}>
          {list.map((service) => (
            <li key={service.id}>
              <Card className="h-full space-y-2">
                <div className="flex items-start justify-between gap-2">
                  <h4 className="font-semibold">{service.name}</h4>
                  {service.isActive ? null : <Badge className="bg-slate-100 text-slate-700">Inactive</Badge>}
                </div>
                <p className="text-sm text-slate-700">
                  {service.durationMinutes} min · {formatMoney(service.priceMinor, service.currency)} ·{" "}
                  {[service.isOnline ? "Online" : null, service.isInPerson ? "In person" : null].filter(Boolean).join(", ")}
                </p>
                {canEdit ? (
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
                      aria-label={`Remove ${service.name}`}
                      disabled={remove.isPending && remove.variables?.serviceId === service.id}
                      onClick={() => {
                        setActionError("");
                        remove.mutate(
                          { serviceId: service.id },
                          {
                            onSuccess: (result) =>
                              setStatus(result.outcome === "DELETED" ? `Removed “${service.name}”.` : `“${service.name}” has bookings, so it was made inactive.`),
                            onError: (error) => setActionError(error.message),
                          },
                        );
                      }}
                    >
                      Remove
                    </Button>
                  </div>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      </section>

      {editing.kind === "none" ? (
        <div className="space-y-1">
          <Button
            variant={list.length === 0 ? "secondary" : "primary"}
            disabled={activeCount === 0}
            aria-describedby={activeCount === 0 ? `${headingId}-continue-hint` : undefined}
            onClick={() => onContinue(`${activeCount} service${activeCount === 1 ? "" : "s"} ready.`)}
          >
            Continue
          </Button>
          {activeCount === 0 ? (
            <p id={`${headingId}-continue-hint`} className="text-sm text-slate-600">
              Add an active service to continue.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
