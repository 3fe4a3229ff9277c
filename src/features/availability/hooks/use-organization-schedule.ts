"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** A provider's weekly in-person hours at the organization's locations, and whether its managers may edit them. */
export function useOrganizationSchedule(input: { organizationId: string; providerId: string }) {
  const trpc = useTRPC();
  return useQuery(trpc.availability.organizationSchedule.get.queryOptions(input));
}

export function useSaveOrganizationSchedule() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.availability.organizationSchedule.save.mutationOptions({
      onSuccess: (saved, input) =>
        queryClient.setQueryData(
          trpc.availability.organizationSchedule.get.queryKey({ organizationId: input.organizationId, providerId: input.providerId }),
          saved,
        ),
    }),
  );
}
