"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import type { ListProvidersInput } from "../schemas";

export function useProviders(filter: ListProvidersInput) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.providers.list.queryOptions(filter), placeholderData: keepPreviousData });
}

export function useSpecialties() {
  const trpc = useTRPC();
  return useQuery(trpc.providers.specialties.queryOptions());
}
