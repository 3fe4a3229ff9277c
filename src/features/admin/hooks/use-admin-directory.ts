"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import type { SearchBookingsInput, SearchPatientsInput, SearchProvidersInput } from "../directory-schemas";

type WithoutCursor<T> = Omit<T, "cursor">;

/**
 * Record reads are audited on the server, one row per read: fetch a record once per visit and
 * never again behind the reader's back (on focus, reconnect or a failed attempt).
 */
const READ_ONCE = { staleTime: Infinity, refetchOnWindowFocus: false, refetchOnReconnect: false, retry: false } as const;

export function useBookingSearch(input: WithoutCursor<SearchBookingsInput> | null) {
  const trpc = useTRPC();
  return useInfiniteQuery({
    ...trpc.admin.directory.searchBookings.infiniteQueryOptions(input ?? {}, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

export function useProviderSearch(input: WithoutCursor<SearchProvidersInput> | null) {
  const trpc = useTRPC();
  return useInfiniteQuery({
    ...trpc.admin.directory.searchProviders.infiniteQueryOptions(input ?? {}, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

export function usePatientSearch(input: WithoutCursor<SearchPatientsInput> | null) {
  const trpc = useTRPC();
  return useInfiniteQuery({
    ...trpc.admin.directory.searchPatients.infiniteQueryOptions(input ?? { query: "" }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

export function useAdminBookingRecord(bookingId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.admin.directory.booking.queryOptions({ bookingId }), ...READ_ONCE });
}

export function useAdminPatientRecord(userId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.admin.directory.patient.queryOptions({ userId }), ...READ_ONCE });
}
