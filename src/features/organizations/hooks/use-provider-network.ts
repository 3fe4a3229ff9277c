"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import type { ProviderLinkStatus } from "../network-schemas";

/** One page of an organization's providers. */
export function useNetworkProviders(organizationId: string, page: number, status?: ProviderLinkStatus) {
  const trpc = useTRPC();
  return useQuery(trpc.organizations.network.list.queryOptions({ organizationId, page, status }, { placeholderData: keepPreviousData }));
}

/** Admins: approved providers to invite, once at least two characters are typed. */
export function useProviderCandidates(organizationId: string, query: string) {
  const trpc = useTRPC();
  const trimmed = query.trim();
  return useQuery(
    trpc.organizations.network.searchProviders.queryOptions(
      { organizationId, query: trimmed },
      { enabled: trimmed.length >= 2, placeholderData: keepPreviousData, staleTime: 30_000 },
    ),
  );
}

/** After a change to a link: the organization's list and its search results, which show each provider's link. */
function useRefreshNetwork() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (organizationId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.organizations.network.list.queryKey({ organizationId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.organizations.network.searchProviders.queryKey({ organizationId }) }),
    ]);
}

export function useInviteProvider() {
  const trpc = useTRPC();
  const refresh = useRefreshNetwork();
  return useMutation(trpc.organizations.network.invite.mutationOptions({ onSettled: (_, __, input) => refresh(input.organizationId) }));
}

export function useEndProviderLink() {
  const trpc = useTRPC();
  const refresh = useRefreshNetwork();
  return useMutation(trpc.organizations.network.end.mutationOptions({ onSettled: (_, __, input) => refresh(input.organizationId) }));
}

/** The signed-in provider's invitations and organizations. */
export function useMyProviderLinks() {
  const trpc = useTRPC();
  return useQuery(trpc.organizations.network.mine.queryOptions());
}

/**
 * After the provider changes a link: their list, and their schedule and profile, whose
 * locations follow their active links.
 */
function useRefreshMyLinks() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.organizations.network.mine.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.availability.mySchedule.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.providers.me.queryKey() }),
    ]);
}

export function useRespondToProviderInvitation() {
  const trpc = useTRPC();
  const refresh = useRefreshMyLinks();
  return useMutation(trpc.organizations.network.respond.mutationOptions({ onSettled: () => refresh() }));
}

export function useLeaveProviderNetwork() {
  const trpc = useTRPC();
  const refresh = useRefreshMyLinks();
  return useMutation(trpc.organizations.network.leave.mutationOptions({ onSettled: () => refresh() }));
}

export function useSetScheduleEdits() {
  const trpc = useTRPC();
  const refresh = useRefreshMyLinks();
  return useMutation(trpc.organizations.network.setScheduleEdits.mutationOptions({ onSettled: () => refresh() }));
}
