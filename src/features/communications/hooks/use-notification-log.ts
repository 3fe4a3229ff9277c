"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** What was sent about one booking; fetched only once the log is opened. */
export function useBookingNotifications(bookingId: string, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.notifications.forBooking.queryOptions({ bookingId }), enabled });
}

export function usePatientCardLink() {
  const trpc = useTRPC();
  return useMutation(trpc.notifications.patientCardLink.mutationOptions());
}

export function useDeadLetters() {
  const trpc = useTRPC();
  return useQuery(trpc.notifications.deadLetters.queryOptions({ limit: 25 }));
}

export function useRetryDeadLetter() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.notifications.retryDeadLetter.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.deadLetters.queryKey() }),
    }),
  );
}
