"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The signed-in person's organizations with their role in each. */
export function useMyOrganizations() {
  const trpc = useTRPC();
  return useQuery(trpc.organizations.mine.queryOptions());
}

export function useCreateOrganization() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.organizations.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.organizations.mine.queryKey() }),
    }),
  );
}

/** One organization the caller is a member of: details, members and the caller's role. */
export function useOrganization(organizationId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.organizations.get.queryOptions({ organizationId }));
}

/** After a change to an organization: its page and the member's list of organizations. */
function useRefreshOrganization() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async (organizationId: string) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.organizations.get.queryKey({ organizationId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.organizations.mine.queryKey() }),
    ]);
  };
}

export function useUpdateOrganization() {
  const trpc = useTRPC();
  const refresh = useRefreshOrganization();
  return useMutation(trpc.organizations.update.mutationOptions({ onSuccess: (_, input) => refresh(input.organizationId) }));
}

export function useChangeMemberRole() {
  const trpc = useTRPC();
  const refresh = useRefreshOrganization();
  return useMutation(trpc.organizations.changeRole.mutationOptions({ onSettled: (_, __, input) => refresh(input.organizationId) }));
}

export function useRemoveMember() {
  const trpc = useTRPC();
  const refresh = useRefreshOrganization();
  return useMutation(trpc.organizations.removeMember.mutationOptions({ onSettled: (_, __, input) => refresh(input.organizationId) }));
}

export function useLeaveOrganization() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.organizations.leave.mutationOptions({
      onSuccess: async (_, input) => {
        // The page of an organization one has left answers NOT_FOUND: drop it rather than refetch it.
        queryClient.removeQueries({ queryKey: trpc.organizations.get.queryKey({ organizationId: input.organizationId }) });
        await queryClient.invalidateQueries({ queryKey: trpc.organizations.mine.queryKey() });
      },
    }),
  );
}

/** Platform admins: organizations awaiting review, oldest first. */
export function usePendingOrganizations() {
  const trpc = useTRPC();
  return useQuery(trpc.organizations.pending.queryOptions());
}

export function useReviewOrganization() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.organizations.review.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.organizations.pending.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.admin.overview.queryKey() }),
        ]),
    }),
  );
}
