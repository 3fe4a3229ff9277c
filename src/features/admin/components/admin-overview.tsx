"use client";

import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { useTRPC } from "@/trpc/react";

export function AdminOverview() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.admin.overview.queryOptions());
  if (overview.isError) return <p role="alert">{overview.error.message}</p>;
  const data = overview.data;
  const items = [
    ["Users", data?.users],
    ["Providers awaiting verification", data?.pendingProviders],
    ["Approved providers", data?.approvedProviders],
    ["Organizations awaiting verification", data?.pendingOrganizations],
  ] as const;
  return (
    <dl className="grid gap-4 sm:grid-cols-2">
      {items.map(([label, value]) => (
        <Card key={label}>
          <dt className="text-sm text-slate-600">{label}</dt>
          <dd className="text-2xl font-semibold">{value ?? "…"}</dd>
        </Card>
      ))}
    </dl>
  );
}
