"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { useTRPC } from "@/trpc/react";
import type { SearchPoint, SearchProvidersInput } from "../schemas";

export function usePlaceSuggestions(text: string, options: { near?: SearchPoint; sessionToken?: string; enabled: boolean }) {
  const trpc = useTRPC();
  const input = useDebouncedValue(text.trim(), 250);
  return useQuery({
    ...trpc.places.suggest.queryOptions({ input, near: options.near, sessionToken: options.sessionToken }),
    enabled: options.enabled && input.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
    // A place service that is down answers the same a second later; the box says so at once.
    retry: false,
  });
}

/** Resolves a picked suggestion (point, name, zone); the answer is kept for the session. */
export function useResolvePlace() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (placeId: string, sessionToken?: string) =>
      queryClient.fetchQuery({ ...trpc.places.resolve.queryOptions({ placeId, sessionToken }), staleTime: Infinity, retry: false }),
    [queryClient, trpc],
  );
}

export function useProviderSearch(input: SearchProvidersInput) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.search.providers.queryOptions(input), placeholderData: keepPreviousData, retry: false });
}
