"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The signed-in provider's usable locations that have opening hours. */
export function useOpeningHoursLocations() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.availability.openingHours.locations.queryOptions(), retry: false });
}

export function useOpeningHoursPreview(locationId: string | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.availability.openingHours.preview.queryOptions({ locationId: locationId ?? "" }), enabled: locationId !== null, retry: false });
}

/** Seeds the week from a location's opening hours; resolves once the schedule has been read again. */
export function useSeedScheduleFromOpeningHours() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.availability.openingHours.seedSchedule.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.availability.mySchedule.queryKey() }),
    }),
  );
}
