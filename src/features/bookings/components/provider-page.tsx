"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { matchSlotLink, type SlotLinkRequest } from "@/features/availability";
import type { ProviderProfileDto } from "@/features/providers";
import { languageName } from "@/lib/languages";
import { formatMoney } from "@/lib/money";
import { useTRPC } from "@/trpc/react";
import type { Viewer } from "./booking-form";
import { BookingFlow } from "./booking-flow";

type Service = ProviderProfileDto["services"][number];

function modesText(service: Service): string {
  if (service.isOnline && service.isInPerson) return "In person or online";
  return service.isOnline ? "Online" : "In person";
}

/**
 * The public provider page: profile, places, services, and booking one of them. A link may name
 * a service and one of its times (search results do): the service is then chosen and the time
 * shown, ready to be picked; whatever the provider does not offer is ignored.
 */
export function ProviderPage({ slug, viewer, slotLink = null }: { slug: string; viewer: Viewer | null; slotLink?: SlotLinkRequest | null }) {
  const trpc = useTRPC();
  const { data: provider } = useSuspenseQuery(trpc.providers.bySlug.queryOptions({ slug }));
  const [link, setLink] = useState(() => matchSlotLink(slotLink, provider));
  const [serviceId, setServiceId] = useState<string | null>(link?.serviceId ?? null);
  const ids = { book: useId(), places: useId(), services: useId() };
  const service = provider.services.find((s) => s.id === serviceId) ?? null;

  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">{provider.displayName}</h1>
        {provider.specialties.length > 0 ? (
          <p className="text-slate-700">{provider.specialties.map((s) => s.name).join(" · ")}</p>
        ) : null}
        {provider.bio ? <p className="max-w-3xl">{provider.bio}</p> : null}
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium">Speaks</span>
          <ul aria-label="Languages" className="flex flex-wrap gap-1">
            {provider.languages.map((code) => (
              <li key={code}>
                <Badge>{languageName(code)}</Badge>
              </li>
            ))}
          </ul>
        </div>
        <p className="text-sm text-slate-600">Online appointments run on {provider.timeZone.replaceAll("_", " ")} time.</p>
      </header>

      {provider.locations.length > 0 ? (
        <section aria-labelledby={ids.places} className="space-y-3">
          <h2 id={ids.places} className="text-xl font-semibold">
            Where to find {provider.displayName}
          </h2>
          <ul className="grid gap-3 md:grid-cols-2">
            {provider.locations.map((location) => (
              <li key={location.id}>
                <Card className="space-y-1 p-4 text-sm">
                  <p className="font-medium">{location.name}</p>
                  <p>{location.formattedAddress}</p>
                  <p className="text-slate-600">Time zone: {location.timeZone.replaceAll("_", " ")}</p>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby={ids.book} className="space-y-4">
        <h2 id={ids.book} className="text-xl font-semibold">
          Book an appointment
        </h2>
        {provider.services.length === 0 ? (
          <p>{provider.displayName} has no services open for online booking at the moment.</p>
        ) : (
          <fieldset className="space-y-2">
            <legend id={ids.services} className="mb-2 font-medium">
              Choose a service
            </legend>
            <ul className="grid gap-3 md:grid-cols-2">
              {provider.services.map((s) => (
                <li key={s.id}>
                  <label className="flex h-full cursor-pointer gap-3 rounded-lg border border-slate-200 bg-white p-4 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                    <input
                      type="radio"
                      name={ids.services}
                      value={s.id}
                      checked={serviceId === s.id}
                      onChange={() => {
                        setServiceId(s.id);
                        setLink(null);
                      }}
                      className="mt-1"
                    />
                    <span className="space-y-1 text-sm">
                      <span className="block text-base font-medium">{s.name}</span>
                      {s.description ? <span className="block text-slate-700">{s.description}</span> : null}
                      <span className="block text-slate-700">
                        {s.durationMinutes} min · {formatMoney(s.priceMinor, s.currency)} · {modesText(s)}
                        {s.requiresApproval ? " · confirmed by the provider" : ""}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        {service ? (
          <Card>
            <BookingFlow
              key={service.id}
              providerId={provider.id}
              providerName={provider.displayName}
              service={service}
              viewer={viewer}
              requestedSlot={link?.serviceId === service.id ? link.slot : null}
            />
          </Card>
        ) : provider.services.length > 0 ? (
          <p className="text-sm text-slate-600">Choose a service to see free times.</p>
        ) : null}
      </section>
    </article>
  );
}
