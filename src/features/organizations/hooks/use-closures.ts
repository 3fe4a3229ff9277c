"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The organization's locations, each with its zone and country (which holidays it is offered). */
export function useClosureLocations(organizationId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.organizations.locations.list.queryOptions({ organizationId }));
}

export function useLocationHolidays(organizationId: string, locationId: string, year: number, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.organizations.closures.holidays.queryOptions({ organizationId, locationId, year }), enabled });
}

export function useLocationClosures(organizationId: string, locationId: string, from: string, to: string) {
  const trpc = useTRPC();
  return useQuery(trpc.organizations.closures.list.queryOptions({ organizationId, locationId, from, to }));
}

/** After any closure change: every closures and holidays list, and the bookings they cover. */
function useRefreshClosures() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.organizations.closures.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.bookings.affected.pathKey() }),
    ]);
}

export function useDecideHolidays() {
  const trpc = useTRPC();
  const refresh = useRefreshClosures();
  return useMutation(trpc.organizations.closures.decideHolidays.mutationOptions({ onSettled: refresh }));
}

export function useAddClosure() {
  const trpc = useTRPC();
  const refresh = useRefreshClosures();
  return useMutation(trpc.organizations.closures.addClosure.mutationOptions({ onSettled: refresh }));
}

export function useRemoveClosure() {
  const trpc = useTRPC();
  const refresh = useRefreshClosures();
  return useMutation(trpc.organizations.closures.removeClosure.mutationOptions({ onSettled: refresh }));
}
