"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useRefreshSlots } from "@/features/availability";
import { useTRPC } from "@/trpc/react";
import type { PatientBookingDto } from "../types";

/** The booking behind a manage link; the page prefetches it on the server. */
export function useManagedBooking(token: string) {
  const trpc = useTRPC();
  return useSuspenseQuery(trpc.bookings.managed.queryOptions({ token }));
}

function useStoreManagedBooking(token: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshSlots = useRefreshSlots();
  return (booking: PatientBookingDto) => {
    queryClient.setQueryData(trpc.bookings.managed.queryKey({ token }), booking);
    void refreshSlots();
  };
}

export function useCancelManagedBooking(token: string) {
  const trpc = useTRPC();
  const store = useStoreManagedBooking(token);
  return useMutation(trpc.bookings.cancelManaged.mutationOptions({ onSuccess: store }));
}

export function useRescheduleManagedBooking(token: string) {
  const trpc = useTRPC();
  const store = useStoreManagedBooking(token);
  return useMutation(trpc.bookings.rescheduleManaged.mutationOptions({ onSuccess: store }));
}
