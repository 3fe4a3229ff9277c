"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The signed-in provider's weekly rules, upcoming overrides and usable locations. */
export function useMySchedule() {
  const trpc = useTRPC();
  return useQuery(trpc.availability.mySchedule.queryOptions());
}

/** The schedule and everything computed from it: an opening-hours preview counts the intervals it replaces and keeps. */
function useInvalidateSchedule() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.availability.mySchedule.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.availability.openingHours.preview.pathKey() }),
    ]);
}

export function useSaveWeeklySchedule() {
  const trpc = useTRPC();
  const invalidate = useInvalidateSchedule();
  return useMutation(trpc.availability.saveWeeklySchedule.mutationOptions({ onSuccess: invalidate }));
}

export function useAddOverride() {
  const trpc = useTRPC();
  const invalidate = useInvalidateSchedule();
  return useMutation(trpc.availability.addOverride.mutationOptions({ onSuccess: invalidate }));
}

export function useRemoveOverride() {
  const trpc = useTRPC();
  const invalidate = useInvalidateSchedule();
  return useMutation(trpc.availability.removeOverride.mutationOptions({ onSuccess: invalidate }));
}
