"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The provider's bookings whose Google event they changed in a way MedBookings did not follow. */
export function useCalendarConflicts() {
  const trpc = useTRPC();
  return useQuery(trpc.calendarEdits.conflicts.queryOptions());
}

/** Settles one conflict; the conflicts and the provider's bookings are read again afterwards. */
export function useResolveCalendarConflict() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.calendarEdits.resolve.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.calendarEdits.conflicts.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.bookings.providerList.queryKey() }),
        ]),
    }),
  );
}
