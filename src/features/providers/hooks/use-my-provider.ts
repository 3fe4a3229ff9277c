"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The signed-in provider's own profile: time zone, cancellation cutoff, status. */
export function useMyProvider() {
  const trpc = useTRPC();
  return useQuery(trpc.providers.me.queryOptions());
}

export function useSaveProviderSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.providers.saveSettings.mutationOptions({
      onSuccess: async (profile) => {
        queryClient.setQueryData(trpc.providers.me.queryKey(), profile);
        // The schedule echoes the provider's zone.
        await queryClient.invalidateQueries({ queryKey: trpc.availability.mySchedule.queryKey() });
      },
    }),
  );
}
