"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { languageName } from "@/lib/languages";
import { formatMoney } from "@/lib/money";
import { useProviders } from "../hooks/use-providers";
import { LanguageSelect, SpecialtySelect } from "./filter-selects";
import type { ProviderSummary } from "../types";


export function ProviderDirectory() {
  const [query, setQuery] = useState("");
  const [specialty, setSpecialty] = useState("");
  const [language, setLanguage] = useState("");
  const [service, setService] = useState("");
  const [mode, setMode] = useState<"" | "ONLINE" | "IN_PERSON">("");
  const [page, setPage] = useState(1);
  const ids = { query: useId(), specialty: useId(), language: useId(), service: useId(), mode: useId() };
  const providers = useProviders({
    query: query || undefined,
    specialty: specialty || undefined,
    language: language || undefined,
    service: service || undefined,
    mode: mode || undefined,
    page,
  });

  const data = providers.data;
  return (
    <section aria-labelledby="directory-heading" className="space-y-6">
      <h2 id="directory-heading" className="text-xl font-semibold">
        Find a provider
      </h2>
      <form
        role="search"
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5"
        onSubmit={(event) => event.preventDefault()}
      >
        <div>
          <label htmlFor={ids.query} className="mb-1 block text-sm font-medium">
            Name or keyword
          </label>
          <Input
            id={ids.query}
            value={query}
            placeholder="e.g. cardiology, Dr. Okafor"
            onChange={(event) => {
              setQuery(event.target.value);
              setPage(1);
            }}
          />
        </div>
        <div>
          <label htmlFor={ids.specialty} className="mb-1 block text-sm font-medium">
            Specialty
          </label>
          <SpecialtySelect
            id={ids.specialty}
            value={specialty}
            onChange={(value) => {
              setSpecialty(value);
              setPage(1);
            }}
          />
        </div>
        <div>
          <label htmlFor={ids.language} className="mb-1 block text-sm font-medium">
            Language
          </label>
          <LanguageSelect
            id={ids.language}
            value={language}
            onChange={(value) => {
              setLanguage(value);
              setPage(1);
            }}
          />
        </div>
        <div>
          <label htmlFor={ids.service} className="mb-1 block text-sm font-medium">
            Service
          </label>
          <Input
            id={ids.service}
            value={service}
            placeholder="e.g. follow-up, therapy"
            onChange={(event) => {
              setService(event.target.value);
              setPage(1);
            }}
          />
        </div>
        <div>
          <label htmlFor={ids.mode} className="mb-1 block text-sm font-medium">
            Visit type
          </label>
          <Select
            id={ids.mode}
            value={mode}
            onChange={(event) => {
              setMode(event.target.value as "" | "ONLINE" | "IN_PERSON");
              setPage(1);
            }}
          >
            <option value="">Online or in person</option>
            <option value="ONLINE">Online</option>
            <option value="IN_PERSON">In person</option>
          </Select>
        </div>
      </form>

      {providers.isError ? (
        <p role="alert" className="text-red-700">
          {providers.error.message}
        </p>
      ) : null}

      <p aria-live="polite" className="text-sm text-slate-600">
        {data ? `${data.total} provider${data.total === 1 ? "" : "s"} found` : "Loading providers…"}
      </p>

      <ul className="grid gap-4 md:grid-cols-2" aria-label="Providers">
        {data?.items.map((provider) => <ProviderCard key={provider.id} provider={provider} />)}
      </ul>

      {data ? <Pagination page={data.page} pageCount={data.pageCount} onPage={setPage} /> : null}
    </section>
  );
}

function ProviderCard({ provider }: { provider: ProviderSummary }) {
  return (
    <li>
      <Card className="h-full space-y-3">
        <div>
          <h3 className="text-lg font-semibold">
            <Link href={`/providers/${provider.slug}`} className="text-brand-700 hover:underline">
              {provider.displayName}
            </Link>
          </h3>
          <p className="text-sm text-slate-600">{provider.specialties.map((s) => s.name).join(" · ")}</p>
        </div>
        <p className="line-clamp-3 text-sm">{provider.bio}</p>
        <div className="flex flex-wrap gap-1" aria-label="Languages">
          {provider.languages.map((code) => (
            <Badge key={code}>{languageName(code)}</Badge>
          ))}
        </div>
        <ul className="space-y-1 text-sm" aria-label={`Services of ${provider.displayName}`}>
          {provider.services.map((service) => (
            <li key={service.id} className="flex justify-between gap-2">
              <span>
                {service.name} · {service.durationMinutes} min
                {service.isOnline ? " · online" : ""}
                {service.isInPerson ? " · in person" : ""}
              </span>
              <span className="font-medium">{formatMoney(service.priceMinor, service.currency)}</span>
            </li>
          ))}
        </ul>
      </Card>
    </li>
  );
}
