"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** What covers the bookings: a closure of an organization's location, or the provider's own day off. */
export type AffectedSource = { kind: "closure"; organizationId: string; closureId: string } | { kind: "timeOff"; overrideId: string };

export function useAffectedBookings(source: AffectedSource) {
  const trpc = useTRPC();
  const byClosure = useQuery({
    ...trpc.bookings.affected.byClosure.queryOptions(
      source.kind === "closure" ? { organizationId: source.organizationId, closureId: source.closureId } : { organizationId: "", closureId: "" },
    ),
    enabled: source.kind === "closure",
  });
  const byTimeOff = useQuery({
    ...trpc.bookings.affected.byTimeOff.queryOptions({ overrideId: source.kind === "timeOff" ? source.overrideId : "" }),
    enabled: source.kind === "timeOff",
  });
  return source.kind === "closure" ? byClosure : byTimeOff;
}

/** Cancels the chosen bookings and tells the patients; the lists that showed them refresh. */
export function useCancelAffectedBookings(source: AffectedSource) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.bookings.affected.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.bookings.providerList.pathKey() }),
    ]);
  const forClosure = useMutation(trpc.bookings.affected.cancelForClosure.mutationOptions({ onSettled: refresh }));
  const forTimeOff = useMutation(trpc.bookings.affected.cancelForTimeOff.mutationOptions({ onSettled: refresh }));
  const cancel = (bookingIds: string[], reason: string) =>
    source.kind === "closure"
      ? forClosure.mutateAsync({ organizationId: source.organizationId, closureId: source.closureId, bookingIds, reason })
      : forTimeOff.mutateAsync({ overrideId: source.overrideId, bookingIds, reason });
  return { cancel, isPending: forClosure.isPending || forTimeOff.isPending };
}
