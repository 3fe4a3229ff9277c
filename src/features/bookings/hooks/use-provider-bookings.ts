"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import type { BOOKING_STATUSES } from "../schemas";

export interface ProviderBookingsFilter {
  from: Date;
  to: Date;
  statuses?: (typeof BOOKING_STATUSES)[number][];
  page?: number;
  pageSize?: number;
}

/** The provider's bookings starting in [from, to), oldest first. */
export function useProviderBookings(filter: ProviderBookingsFilter) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.bookings.providerList.queryOptions(filter), placeholderData: keepPreviousData });
}

/** The signed-in provider's profile; its time zone is the one the provider pages show. */
export function useMyProviderProfile() {
  const trpc = useTRPC();
  return useQuery(trpc.providers.me.queryOptions());
}

function useInvalidateProviderBookings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.bookings.providerList.queryKey() });
}

export function useDecideBooking() {
  const trpc = useTRPC();
  const invalidate = useInvalidateProviderBookings();
  return useMutation(trpc.bookings.decide.mutationOptions({ onSuccess: invalidate }));
}

export function useCancelAsProvider() {
  const trpc = useTRPC();
  const invalidate = useInvalidateProviderBookings();
  return useMutation(trpc.bookings.cancelAsProvider.mutationOptions({ onSuccess: invalidate }));
}

export function useMarkOutcome() {
  const trpc = useTRPC();
  const invalidate = useInvalidateProviderBookings();
  return useMutation(trpc.bookings.markOutcome.mutationOptions({ onSuccess: invalidate }));
}
