"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The signed-in person's channels and quiet hours (the defaults until they save). */
export function useNotificationPreferences() {
  const trpc = useTRPC();
  return useQuery(trpc.notificationPreferences.mine.queryOptions());
}

export function useUpdateNotificationPreferences() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.notificationPreferences.update.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.notificationPreferences.mine.queryKey(), saved),
    }),
  );
}
