"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The organization's invitations with their status (admins and owners). */
export function useInvitations(organizationId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.organizations.invitations.list.queryOptions({ organizationId }));
}

function useRefreshInvitations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (organizationId: string) => queryClient.invalidateQueries({ queryKey: trpc.organizations.invitations.list.queryKey({ organizationId }) });
}

export function useInviteMember() {
  const trpc = useTRPC();
  const refresh = useRefreshInvitations();
  return useMutation(trpc.organizations.invitations.invite.mutationOptions({ onSettled: (_, __, input) => refresh(input.organizationId) }));
}

export function useResendInvitation() {
  const trpc = useTRPC();
  const refresh = useRefreshInvitations();
  return useMutation(trpc.organizations.invitations.resend.mutationOptions({ onSettled: (_, __, input) => refresh(input.organizationId) }));
}

export function useRevokeInvitation() {
  const trpc = useTRPC();
  const refresh = useRefreshInvitations();
  return useMutation(trpc.organizations.invitations.revoke.mutationOptions({ onSettled: (_, __, input) => refresh(input.organizationId) }));
}

/** What an invitation link is about; no retry: a bad link stays bad, and each try counts against the limit. */
export function useInvitationByToken(token: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.organizations.invitations.byToken.queryOptions({ token }), retry: false });
}

export function useAcceptInvitation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.organizations.invitations.accept.mutationOptions({
      onSettled: (_, __, input) =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.organizations.invitations.byToken.queryKey(input) }),
          queryClient.invalidateQueries({ queryKey: trpc.organizations.mine.queryKey() }),
        ]),
    }),
  );
}
