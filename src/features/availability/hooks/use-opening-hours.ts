"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The signed-in provider's usable locations that have opening hours. */
export function useOpeningHoursLocations() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.availability.openingHours.locations.queryOptions(), retry: false });
}

/**
 * What seeding from a location would replace and keep. Not kept once closed (gcTime 0): opened
 * again after the week changed, a cached preview would show the old counts until refetched.
 */
export function useOpeningHoursPreview(locationId: string | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.availability.openingHours.preview.queryOptions({ locationId: locationId ?? "" }),
    enabled: locationId !== null,
    retry: false,
    gcTime: 0,
  });
}

/** Seeds the week from a location's opening hours; resolves once the schedule has been read again. */
export function useSeedScheduleFromOpeningHours() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.availability.openingHours.seedSchedule.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.availability.mySchedule.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.availability.openingHours.preview.pathKey() }),
        ]),
    }),
  );
}
