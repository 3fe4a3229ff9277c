"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { useTRPC } from "@/trpc/react";

export function useLocations(organizationId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.organizations.locations.list.queryOptions({ organizationId }));
}

function useRefreshLocations(organizationId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.organizations.locations.list.queryKey({ organizationId }) });
}

export function useCreateLocation(organizationId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshLocations(organizationId);
  return useMutation(trpc.organizations.locations.create.mutationOptions({ onSuccess: refresh }));
}

export function useUpdateLocation(organizationId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshLocations(organizationId);
  return useMutation(trpc.organizations.locations.update.mutationOptions({ onSuccess: refresh }));
}

/** Suggestions from the server-backed place search (works without a browser Maps key). */
export function useLocationPlaceSuggestions(text: string, options: { sessionToken?: string; enabled: boolean }) {
  const trpc = useTRPC();
  const input = useDebouncedValue(text.trim(), 250);
  return useQuery({
    ...trpc.places.suggest.queryOptions({ input, sessionToken: options.sessionToken }),
    enabled: options.enabled && input.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Place details as location fields (asked on demand, when a suggestion or an autocomplete pick is made). */
export function useLocationPlaceDetails(organizationId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (placeId: string, sessionToken?: string) =>
    queryClient.fetchQuery({ ...trpc.organizations.locations.placeDetails.queryOptions({ organizationId, placeId, sessionToken }), staleTime: 10 * 60_000, retry: false });
}

/** The zone at a point, from the server's bundled lookup (the pin was dragged or coordinates typed). */
export function useSuggestTimeZone(organizationId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (latitude: number, longitude: number) =>
    queryClient.fetchQuery({ ...trpc.organizations.locations.suggestTimeZone.queryOptions({ organizationId, latitude, longitude }), staleTime: Infinity, retry: false });
}
