"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

export function useMyServices() {
  const trpc = useTRPC();
  return useQuery(trpc.providers.myServices.queryOptions());
}

function useInvalidateServices() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.providers.myServices.queryKey() });
}

export function useSaveService() {
  const trpc = useTRPC();
  const invalidate = useInvalidateServices();
  return useMutation(trpc.providers.saveService.mutationOptions({ onSuccess: invalidate }));
}

export function useSetServiceActive() {
  const trpc = useTRPC();
  const invalidate = useInvalidateServices();
  return useMutation(trpc.providers.setServiceActive.mutationOptions({ onSuccess: invalidate }));
}
