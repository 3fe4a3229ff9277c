"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import type { OnboardingStatusDto } from "../../schemas";

/** Where the signed-in user is in onboarding (works before they have a profile). */
export function useOnboardingStatus() {
  const trpc = useTRPC();
  return useQuery(trpc.onboarding.status.queryOptions());
}

/** The provider's documents with their requirements (providerDocuments.mine). */
export function useMyDocuments(enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.providerDocuments.mine.queryOptions(), enabled });
}

/** After any wizard change: the status, and everything that shows the same profile. */
function useRefreshOnboarding() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async (status?: OnboardingStatusDto) => {
    if (status) queryClient.setQueryData(trpc.onboarding.status.queryKey(), status);
    await Promise.all([
      status ? null : queryClient.invalidateQueries({ queryKey: trpc.onboarding.status.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.providerDocuments.mine.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.providers.myServices.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.providers.me.queryKey() }),
    ]);
  };
}

export function useStartOnboarding() {
  const trpc = useTRPC();
  const refresh = useRefreshOnboarding();
  return useMutation(trpc.onboarding.start.mutationOptions({ onSuccess: () => refresh() }));
}

export function useSaveOnboardingProfile() {
  const trpc = useTRPC();
  const refresh = useRefreshOnboarding();
  return useMutation(trpc.onboarding.saveProfile.mutationOptions({ onSuccess: (status) => refresh(status) }));
}

export function useSaveOnboardingSpecialties() {
  const trpc = useTRPC();
  const refresh = useRefreshOnboarding();
  return useMutation(trpc.onboarding.saveSpecialties.mutationOptions({ onSuccess: (status) => refresh(status) }));
}

export function useSaveOnboardingService() {
  const trpc = useTRPC();
  const refresh = useRefreshOnboarding();
  return useMutation(trpc.onboarding.saveService.mutationOptions({ onSuccess: () => refresh() }));
}

export function useRemoveOnboardingService() {
  const trpc = useTRPC();
  const refresh = useRefreshOnboarding();
  return useMutation(trpc.onboarding.removeService.mutationOptions({ onSuccess: () => refresh() }));
}

export function useSubmitForReview() {
  const trpc = useTRPC();
  const refresh = useRefreshOnboarding();
  return useMutation(trpc.onboarding.submit.mutationOptions({ onSuccess: (status) => refresh(status) }));
}

/** For a new upload: the status (documents step, checklist) and the documents list. */
export function useRefreshAfterUpload() {
  return useRefreshOnboarding();
}
