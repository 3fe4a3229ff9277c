"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRefreshSlots } from "@/features/availability";
import { useTRPC } from "@/trpc/react";

export const MY_BOOKINGS_PAGE_SIZE = 20;

export function useMyBookings(page: number) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.bookings.mine.queryOptions({ page, pageSize: MY_BOOKINGS_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

function useRefreshMine() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshSlots = useRefreshSlots();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.bookings.mine.queryKey() });
    void refreshSlots();
  };
}

export function useCancelMyBooking() {
  const trpc = useTRPC();
  const refresh = useRefreshMine();
  return useMutation(trpc.bookings.cancelMine.mutationOptions({ onSuccess: refresh }));
}

export function useRescheduleMyBooking() {
  const trpc = useTRPC();
  const refresh = useRefreshMine();
  return useMutation(trpc.bookings.rescheduleMine.mutationOptions({ onSuccess: refresh }));
}
