"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "@/trpc/react";
import { decodePublicSlots } from "../slot-encoding";

export interface UsePublicSlotsInput {
  providerId: string;
  serviceId: string;
  /** Start of the patient's first local day, as an instant; null while it is not known yet. */
  from: Date | null;
  days: number;
}

export function usePublicSlots({ providerId, serviceId, from, days }: UsePublicSlotsInput) {
  const trpc = useTRPC();
  return useQuery(
    trpc.availability.slots.queryOptions(
      { providerId, serviceId, from: from ?? new Date(0), days },
      // The wire form is epoch minutes (cheap to send); the picker works with instants.
      { enabled: from !== null, placeholderData: keepPreviousData, select: decodePublicSlots },
    ),
  );
}

/** After a time is taken, booked, moved or freed, every cached slot list may be stale. */
export function useRefreshSlots(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: trpc.availability.slots.queryKey() }), [queryClient, trpc]);
}
