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

/** The provider's zone and the zones of the locations they practise at (bookings carry only the location's name). */
export function useProviderZones() {
  const trpc = useTRPC();
  const me = useQuery(trpc.providers.me.queryOptions());
  const schedule = useQuery(trpc.availability.mySchedule.queryOptions());
  const locationZones = new Map((schedule.data?.locations ?? []).map((location) => [location.id, location.timeZone]));
  return { me, timeZone: me.data?.timeZone ?? null, locationZones };
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
