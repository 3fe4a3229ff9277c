"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** One page of providers waiting for review. */
export function useReviewQueue(offset: number, limit: number) {
  const trpc = useTRPC();
  return useQuery(trpc.admin.providers.queue.queryOptions({ offset, limit }));
}

export function useProviderForReview(providerId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.admin.providers.get.queryOptions({ providerId }));
}

/** The provider's requirements with their current and replaced files (reading them is audited). */
export function useProviderDocumentsForReview(providerId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.providerDocuments.forProvider.queryOptions({ providerId }));
}

/** How many bookings a suspension would cancel now; read when the admin is about to suspend. */
export function useSuspensionImpact(providerId: string, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.admin.providers.suspensionImpact.queryOptions({ providerId }), enabled, staleTime: 0 });
}

/** After any decision: the provider's page, their documents and the queue show the new state. */
function useRefreshReview() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (providerId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.providers.get.queryKey({ providerId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.providers.suspensionImpact.queryKey({ providerId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.providerDocuments.forProvider.queryKey({ providerId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.providers.queue.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.overview.queryKey() }),
    ]);
}

export function useReviewDocument(providerId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshReview();
  // Not awaited: the caller's own callbacks must run before the refetch unmounts the decided file's controls.
  return useMutation(
    trpc.admin.providers.reviewDocument.mutationOptions({
      onSettled: () => {
        void refresh(providerId);
      },
    }),
  );
}

export function useDecideProvider() {
  const trpc = useTRPC();
  const refresh = useRefreshReview();
  return useMutation(
    trpc.admin.providers.decide.mutationOptions({
      onSettled: (_, __, input) => {
        void refresh(input.providerId);
      },
    }),
  );
}
