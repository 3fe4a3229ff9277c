"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The signed-in provider's notices, reminder times for patients and quiet hours. */
export function useProviderNotificationSettings() {
  const trpc = useTRPC();
  return useQuery(trpc.notificationPreferences.provider.queryOptions());
}

export function useUpdateProviderNotificationSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.notificationPreferences.updateProvider.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.notificationPreferences.provider.queryKey(), saved),
    }),
  );
}
